"""Finding things in the graph: search with ranking, the alphabetical index, the overview.

Each returns plain data for the CLI and the web (home page, /zoek, /index).
"""
import functools
import time
import unicodedata
import weakref

from rdflib import URIRef

from ..errors import BeroepenError, NietGevonden
from ..vocab import DEF, compact
from .labels import id_path, pick
from .store import once_per_graph
from .queries import named_query


def fold(text):
    """Lower case without accents, for matching and sorting ('cliëntgebonden' ~ 'clientgebonden')."""
    text = str(text)
    if text.isascii():  # most labels: nothing to strip
        return text.lower()
    # Labels repeat on every page: remembered, but only short texts (a typed search could be
    # 200 kB), so the memo stays under 4,096 × 2,000 characters.
    return _fold_accents(text) if len(text) <= 2000 else _strip_accents(text)


@functools.lru_cache(maxsize=4096)
def _fold_accents(text):
    return _strip_accents(text)


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def zoek(store, text, lang="nl", soort=None, pagina=1, per_pagina=20):
    """One page of search results, with the facets by kind over all of them: {"q",
    "resultaten" (this page, best first), "facetten": [{"klasse", "soort", "label", "aantal",
    "gekozen"}] (most results first; their counts sum to all results), "soort" (the chosen
    class IRI or None), "totaal" (results of the chosen kind), "pagina": {"pagina",
    "per_pagina", "paginas", "van", "tot"}}. A page past the last one is not found."""
    labels = class_labels(store, lang)
    alle = search(store, text, lang, limit=None)
    aantallen = {}
    for r in alle:
        aantallen[r["klasse"]] = aantallen.get(r["klasse"], 0) + 1
    if soort is not None and soort not in labels and soort not in aantallen:
        raise BeroepenError(f"onbekende soort '{soort.removeprefix(DEF)[:100]}' (parameter soort)")
    facetten = sorted(({"klasse": k, "soort": k.removeprefix(DEF), "label": _class_label(labels, k),
                        "aantal": n, "gekozen": k == soort} for k, n in aantallen.items()),
                      key=lambda f: (-f["aantal"], fold(f["label"])))
    gekozen = [r for r in alle if soort is None or r["klasse"] == soort]
    paginas = max(1, -(-len(gekozen) // per_pagina))
    if pagina > paginas:
        raise NietGevonden(f"pagina {pagina} bestaat niet: deze zoekvraag heeft "
                           f"{paginas} pagina('s) van {per_pagina}")
    begin = (pagina - 1) * per_pagina
    resultaten = gekozen[begin:begin + per_pagina]
    return {"q": text, "resultaten": resultaten, "facetten": facetten, "soort": soort,
            "totaal": len(gekozen), "pagina": {"pagina": pagina, "per_pagina": per_pagina,
                                               "paginas": paginas, "van": begin + 1 if resultaten else 0,
                                               "tot": begin + len(resultaten)}}


def search(store, text, lang="nl", limit=20):
    """Resources whose name, alternative name or abbreviation contains `text` (accents and
    case ignored), or whose notation is `text`: [{iri, pad, label, notatie, soort, klasse,
    gevonden, veld}], best first (all of them when `limit` is None)."""
    wanted = fold((text or "").strip())
    if not wanted:
        return []
    results, labels = [], class_labels(store, lang)
    soortwoord, _, code = wanted.rpartition(" ")
    for hit in _search_table(store):
        found = [(t, veld) for t, f, veld, _ in hit["treffers"]
                 if (f == wanted if veld == "notatie" else wanted in f)]
        found += _by_kind(hit, wanted, soortwoord, code)
        if not found:
            continue
        tekst, veld = min(found, key=lambda t: _rank(t, wanted))
        klasse = min(hit["klassen"], default="")  # one per resource in this graph; else one, always the same
        label = pick(hit["labels"], lang)
        results.append({"iri": hit["iri"], "pad": hit["pad"], "label": label,
                        "taal": _language(hit["labels"], label),
                        "notatie": pick(hit["notaties"], lang) or None,
                        "soort": _class_label(labels, klasse), "klasse": klasse,
                        "gevonden": tekst, "veld": veld,
                        "gevonden_taal": next((taal for t, _, v, taal in hit["treffers"]
                                               if t == tekst and v == veld), ""),
                        "_rank": _rank((tekst, veld), wanted)})
    results.sort(key=lambda r: (r["_rank"], fold(r["label"])))
    for r in results:
        del r["_rank"]
    return results[:limit]


_TABLES = weakref.WeakKeyDictionary()
REMOTE_TABLE_SECONDS = 60  # a store behind an endpoint can be reloaded: read it again after this


def _search_table(store):
    """Every searchable text per resource, read once per store, so a keystroke costs no query.
    The embedded graph does not change while it is served; a remote store's table is renewed
    after REMOTE_TABLE_SECONDS."""
    from .store import EmbeddedStore
    read_at = _TABLES.get(store, (None, None))[0]
    stale = read_at is None or (not isinstance(store, EmbeddedStore)
                                and time.monotonic() - read_at > REMOTE_TABLE_SECONDS)
    if stale:
        found = {}
        for row in store.select(named_query("zoek-labels").text):
            hit = found.setdefault(row["resource"], {
                "iri": str(row["resource"]), "pad": id_path(row["resource"]), "labels": set(),
                "notaties": set(), "soorten": set(), "klassen": set(), "treffers": set()})
            hit["labels"].add(row.get("label"))
            hit["notaties"].add(row.get("notatie"))
            hit["soorten"].add(row.get("klasseLabel"))
            if row.get("klasse") is not None:
                hit["klassen"].add(str(row["klasse"]))
            hit["treffers"].add((str(row["tekst"]), fold(row["tekst"]), str(row["soort"]),
                                 getattr(row["tekst"], "language", None) or ""))
        _TABLES[store] = (time.monotonic(), list(found.values()))
    return _TABLES[store][1]


def _by_kind(hit, wanted, soortwoord, code):
    """What people type for a kind: its name ("beroepstaak": every task) or a word of it with
    a code ("beroepstaak 5", "taak 5", "competentie D"), in either language."""
    soorten = [fold(s) for s in hit["soorten"] if s is not None]
    if wanted in soorten:
        return [(str(next(s for s in hit["soorten"] if s is not None and fold(s) == wanted)), "soort")]
    if soortwoord and any(soortwoord in s for s in soorten):
        return [(str(n), "notatie") for n in hit["notaties"] if n is not None and fold(n) == code]
    return []


def _language(terms, text):
    """The language tag of the literal `text` was picked from ('' when it has none)."""
    return next((t.language or "" for t in terms if t is not None and str(t) == text), "")


def _class_label(labels, klasse):
    """The label of a class of the ontology; another class (skos:Concept) by its short name."""
    return labels.get(klasse) or (compact(klasse) if klasse else "")


def _rank(treffer, wanted):
    tekst, veld = treffer
    folded = fold(tekst)
    if veld == "notatie" or folded == wanted:
        return (0, len(folded))
    if veld == "soort":
        return (1, 0)
    if folded.startswith(wanted):
        return (1, len(folded))
    if any(word.startswith(wanted) for word in folded.split()):
        return (2, len(folded))
    return (3, len(folded))


def index(store, lang="nl", klasse=None):
    """Every resource under id/ (or only those of `klasse`) by first letter:
    [{letter, items: [{iri, pad, label, notatie, soorten}]}]."""
    labels = class_labels(store, lang)
    if klasse is not None and klasse not in labels:  # ?soort= is typed by anyone: not kept
        return _index(store, lang, klasse, labels)
    return once_per_graph(store, ("index", lang, klasse), lambda: _index(store, lang, klasse, labels))


def _index(store, lang, klasse, labels):
    found = {}
    for row in store.select(named_query("index-resources").text):
        item = found.setdefault(row["resource"], {"labels": [], "notaties": [], "klassen": set()})
        item["labels"].append(row.get("label"))
        item["notaties"].append(row.get("notatie"))
        item["klassen"].add(str(row["klasse"]))
    items = [{"iri": str(iri), "pad": id_path(iri), "label": pick(i["labels"], lang) or id_path(iri),
              "notatie": pick(i["notaties"], lang) or None,
              "soorten": sorted(labels[k] for k in i["klassen"] if k in labels)}
             for iri, i in found.items() if klasse is None or klasse in i["klassen"]]
    for item in items:  # the label's language, for lang="…" on a page in another language
        item["taal"] = _language(found[URIRef(item["iri"])]["labels"], item["label"])
    items.sort(key=lambda i: (fold(i["label"]), i["iri"]))
    letters = {}
    for item in items:
        first = fold(item["label"])[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(item)
    return [{"letter": k, "items": v} for k, v in sorted(letters.items())]


def names(store, lang="nl"):
    """{IRI: {"label", "notatie"}} of every resource under id/, and {IRI: {"label", "klasse":
    True}} of the ontology's classes: what a table of query results shows for an IRI."""
    return once_per_graph(store, ("namen", lang), lambda: _names(store, lang))


def _names(store, lang):
    found = {k: {"label": v, "klasse": True} for k, v in class_labels(store, lang).items()}
    for letter in index(store, lang):
        for item in letter["items"]:
            found[item["iri"]] = {"label": item["label"], "notatie": item["notatie"], "taal": item["taal"]}
    return found


def class_labels(store, lang="nl"):
    """{class IRI: its label in `lang` (else Dutch)} for the ontology's classes."""
    return once_per_graph(store, ("klassen", lang), lambda: _class_labels(store, lang))


def _class_labels(store, lang):
    labels = {}
    for row in store.select(named_query("home-klassen").text):
        labels.setdefault(str(row["klasse"]), []).append(row["label"])
    return {k: pick(v, lang) for k, v in labels.items()}


def overview(store, lang="nl"):
    """The home page's data: counts per class, the professions (umbrella first), the profiles."""
    return once_per_graph(store, ("overzicht", lang), lambda: _overview(store, lang))


def _overview(store, lang):
    from .profielen import profielen
    labels = class_labels(store, lang)
    aantallen = sorted(({"klasse": str(r["klasse"]), "label": labels.get(str(r["klasse"]), str(r["klasse"])),
                         "aantal": int(r["aantal"])}
                        for r in store.select(named_query("home-aantallen").text)),
                       key=lambda a: fold(a["label"]))
    beroepen = {}
    for row in store.select(named_query("home-beroepen").text):
        b = beroepen.setdefault(str(row["beroep"]), {"labels": [], "valt_onder": set()})
        b["labels"].append(row.get("label"))
        if row.get("valtOnder") is not None:
            b["valt_onder"].add(str(row["valtOnder"]))
    lijst = [{"iri": iri, "pad": id_path(iri), "label": pick(b["labels"], lang) or id_path(iri),
              "taal": _language(b["labels"], pick(b["labels"], lang)) or "nl",
              "valt_onder": sorted(b["valt_onder"])} for iri, b in beroepen.items()]
    for b in lijst:
        b["disciplines"] = sorted((d["pad"] for d in lijst if b["iri"] in d["valt_onder"]))
    lijst.sort(key=lambda b: fold(b["label"]))
    return {"aantallen": aantallen, "beroepen": lijst, "profielen": profielen(store, lang)}
