"""Two professions or two profiles side by side: per relation what they share and what not.

Both sides are described with `describe()`, so the comparison covers every link the graph
holds without a list of relations ("relaties"). Literal properties (discipline,
beroepscontext, …) are matched by value, links by IRI. Members of two profiles
(skos:inScheme, which are never the same IRI) are matched by kind and name, so an equally
named competence in both counts as shared.

Two professions are also compared part by part ("onderdelen"): the tasks and competences of
their profiles, their registers, werkvelden and representing organisations — each also
inherited from a profession they fall under (bo:valtOnder*, in the vergelijk-*.rq queries):
the BCP profile is bo:profielVan vaktherapeut and serves the seven disciplines under it —
and the routes into them (programme → register, from beroepen.opleiding.routes). An inherited item
says where it comes from ("via"). Their ESCO part holds the ESCO occupations and skills the
profession or anything in its profile is mapped to (skos:*Match, vergelijk-esco.rq): two
professions share an ESCO concept when both reach it, each by its own mapping ("koppelingen").

"Shared" is never a guess: the same resource (IRI), the same literal value (case and accents
aside), the same name and kind for members of two profiles, the same ESCO concept. What the
sources link directly between the two ("verbanden": A werkt samen met B) is listed apart, and
"samenvatting" counts every row.
"""
from collections import defaultdict

from rdflib import URIRef

from ..errors import BeroepenError, NietEenduidig, NietGevonden
from ..opleiding import routes as routes_core
from ..vocab import BO, SKOS
from . import parameters
from .describe import describe
from .labels import id_path, pick, pick_lang, sort_key
from .opzoeken import resolve
from .queries import Parameter
from .search import fold
from .store import once_per_graph
from .queries import named_query

IN_SCHEME = str(SKOS.inScheme)
BEROEP = str(BO.Beroep)
ONDERDELEN = {
    "taken": {"nl": "taken", "en": "tasks"},
    "competenties": {"nl": "competenties", "en": "competences"},
    "kennisdomeinen": {"nl": "kennisdomeinen", "en": "knowledge domains"},
    "registers": {"nl": "registers", "en": "registers"},
    "werkvelden": {"nl": "werkvelden", "en": "fields of practice"},
    "organisaties": {"nl": "vertegenwoordigd door", "en": "represented by"},
    "routes": {"nl": "routes (opleiding → register)", "en": "routes (programme → register)"},
    "esco": {"nl": "ESCO-beroepen en -vaardigheden", "en": "ESCO occupations and skills"},
}
# Relations the parts above show (inheritance included), left out of the plain rows.
IN_ONDERDELEN = {str(p) for p in (BO.register, BO.werkveld, BO.vertegenwoordigdDoor,
                                   BO.leidtTot, BO.profielVan)} | {
    str(BO.vertaling)}  # who translated the names (every translated resource): no likeness of two professions
# ESCO's concepts, as vergelijk-esco.rq selects them: the ESCO part shows a profession's
# mappings to these, so its plain rows leave them out (a match to anything else stays).
ESCO_CONCEPTEN = tuple("http://data.europa.eu/esco/" + soort for soort in ("occupation/", "isco/", "skill/"))


def compare(store, iri_a, iri_b, lang="nl"):
    """{"a": head, "b": head, "zelfde", "relaties": [{relatie, label, richting, gedeeld, alleen_a,
    alleen_b}], "verbanden": [{van, relatie, label}], "samenvatting": [{groep, soort, richting,
    label, gedeeld, alleen_a, alleen_b}] (counts), and for two professions "profielen": {"a", "b"}
    and "onderdelen": [{onderdeel, label, gedeeld, alleen_a, alleen_b}]}."""
    a, b = describe(store, iri_a, lang), describe(store, iri_b, lang)
    beroepen = _is_beroep(a) and _is_beroep(b)
    rows = []
    for richting in ("eigenschappen", "uitgaand", "inkomend"):
        groups_a, groups_b = _groups(a, richting, beroepen), _groups(b, richting, beroepen)
        for relatie in sorted(set(groups_a) | set(groups_b),
                              key=lambda r: (groups_a.get(r) or groups_b.get(r))["label"].lower()):
            key = (_by_value if richting == "eigenschappen" else
                   _by_name if relatie == IN_SCHEME and richting != "uitgaand" else _by_iri)
            rows.append(dict(_split((groups_a.get(relatie) or {}).get("items", []),
                                    (groups_b.get(relatie) or {}).get("items", []), key),
                             relatie=relatie, richting=richting,
                             label=(groups_a.get(relatie) or groups_b.get(relatie))["label"]))
    head = lambda d: {k: d.get(k) for k in ("iri", "pad", "label", "label_taal", "notatie", "types", "bron")}
    data = {"a": head(a), "b": head(b), "relaties": rows, "taal": lang,
            "zelfde": a["iri"] == b["iri"], "verbanden": _verbanden(a, b)}
    if beroepen:
        data.update(_beroepen(store, a["iri"], b["iri"], lang))
    data["samenvatting"] = _samenvatting(data)
    return data


def kant(store, tekst, naam="a"):
    """The IRI of one side, `naam` (a or b): a code, id path or IRI (opzoeken.resolve), else the
    name of a profession or profile as the named queries' parameters take it ('vaktherapeut',
    'STW', 'BCP Vaktherapeut'); an unknown name is refused naming the closest professions."""
    try:
        return resolve(store, tekst)
    except NietGevonden as niet_gevonden:
        fout = niet_gevonden
    for waarden in ("waarden-beroepen", "waarden-profielen"):
        try:
            return str(parameters.resolve(store, Parameter(naam, "iri", waarden), tekst))
        except NietEenduidig:
            raise
        except BeroepenError as err:
            fout = fout if waarden != "waarden-beroepen" else err
    raise NietGevonden(str(fout)) from None


def standaardpaar(store, lang="nl"):
    """The two professions /vergelijk opens with: those with a competence profile, in the
    order of their profiles, then the others by label; fewer when the graph has fewer."""
    from .profielen import profielen
    from .search import overview
    beroepen = [b["pad"] for b in overview(store, lang)["beroepen"]]
    met_profiel = [id_path(p["beroep"]) for p in profielen(store) if id_path(p["beroep"]) in beroepen]
    paar = list(dict.fromkeys(met_profiel + beroepen))
    return paar[:2]


def _verbanden(a, b):
    """What the graph states directly between the two: A → B (van "a") and B → A (van "b")."""
    found = []
    for van, richting in (("a", "uitgaand"), ("b", "inkomend")):
        for group in a[richting]:
            if any(i.get("iri") == b["iri"] for i in group["items"]):
                found.append({"van": van, "relatie": group["relatie"], "label": group["label"]})
    return found


def _samenvatting(data):
    """Per row of the comparison the number shared, only in A and only in B."""
    count = lambda r: {k: len(r[k]) for k in ("gedeeld", "alleen_a", "alleen_b")}
    return ([dict(count(r), groep="onderdeel", soort=r["onderdeel"], richting=None, label=r["label"])
             for r in data.get("onderdelen", [])] +
            [dict(count(r), groep="relatie", soort=r["relatie"], richting=r["richting"], label=r["label"])
             for r in data["relaties"]])


def _is_beroep(d):
    return any(t["iri"] == BEROEP for t in d["types"])


def _groups(d, richting, beroepen):
    """{relation: group} of one side, without what the parts show for two professions."""
    if not beroepen:
        return {g["relatie"]: g for g in d[richting]}
    groups = {}
    for g in d[richting]:
        items = [i for i in g["items"] if not str(i.get("iri", "")).startswith(ESCO_CONCEPTEN)]
        if g["relatie"] not in IN_ONDERDELEN and items:
            groups[g["relatie"]] = dict(g, items=items)
    return groups


def _split(items_a, items_b, key):
    keyed_a, keyed_b = [(key(i), i) for i in items_a], [(key(i), i) for i in items_b]
    keys_a, keys_b = {k for k, _ in keyed_a}, {k for k, _ in keyed_b}
    return {"gedeeld": [i for k, i in keyed_a if k in keys_b],
            "alleen_a": [i for k, i in keyed_a if k not in keys_b],
            "alleen_b": [i for k, i in keyed_b if k not in keys_a]}


def _by_iri(item):
    return item["iri"]


def _by_value(item):
    return fold(item["waarde"])


def _by_name(item):
    return (item.get("soort", ""), fold(item["label"]))


def _by_route(item):
    return (item["iri"], (item["register"] or {}).get("iri"))


# --- two professions, part by part -------------------------------------------------------

def _beroepen(store, iri_a, iri_b, lang):
    kant_a, kant_b = _onderdelen(store, iri_a, lang), _onderdelen(store, iri_b, lang)
    onderdelen = []
    for onderdeel, labels in ONDERDELEN.items():
        key = _by_route if onderdeel == "routes" else _by_iri
        split = _split(kant_a[onderdeel], kant_b[onderdeel], key)
        if onderdeel == "esco":
            split["gedeeld"] = _beide_koppelingen(split["gedeeld"], kant_b["esco"])
        onderdelen.append(dict(split, onderdeel=onderdeel, label=labels.get(lang, labels["nl"])))
    return {"profielen": {"a": kant_a["profielen"], "b": kant_b["profielen"]}, "onderdelen": onderdelen}


def _onderdelen(store, beroep, lang):
    """{"profielen", "taken", "competenties", "registers", "werkvelden", "organisaties", "routes"}.
    Once per profession (a Beroep of the graph, so a bounded number) and embedded store: its
    routes alone cost seven queries."""
    return once_per_graph(store, ("vergelijk-onderdelen", beroep, lang),
                          lambda: _lees_onderdelen(store, beroep, lang))


def _lees_onderdelen(store, beroep, lang):
    bindings = {"beroep": URIRef(beroep)}
    inhoud = store.select(named_query("vergelijk-profielinhoud").text, bindings)
    kennisdomeinen = store.select(named_query("vergelijk-kennisdomeinen").text, bindings)
    kenmerken = store.select(named_query("vergelijk-beroepskenmerken").text, bindings)
    found = _items(inhoud + kennisdomeinen + kenmerken, beroep, lang)
    profielen = _items([dict(r, onderdeel="profielen", item=r["profiel"], label=r.get("profiellabel"),
                             notatie=None, soortlabel=None) for r in inhoud], beroep, lang)
    esco = _esco(store.select(named_query("vergelijk-esco").text, bindings), lang)
    return dict(found, profielen=profielen.get("profielen", []), routes=_routes(store, beroep, lang), esco=esco)


def _items(rows, beroep, lang):
    """{onderdeel: [item]}; an item found directly and inherited counts as direct."""
    nodes = defaultdict(dict)
    for row in rows:
        node = nodes[str(row["onderdeel"])].setdefault(str(row["item"]), defaultdict(set))
        for name in ("label", "notatie", "soortlabel", "vialabel"):
            if row.get(name) is not None:
                node[name].add(row[name])
        node["via"].add(str(row["via"]))
    result = {onderdeel: [] for onderdeel in ONDERDELEN}
    for onderdeel, items in nodes.items():
        for iri, node in items.items():
            via = None if beroep in node["via"] else min(node["via"])
            item = {"iri": iri, "pad": id_path(iri), "label": pick(node["label"], lang) or iri,
                    "taal": pick_lang(node["label"], lang),
                    "notatie": pick(node["notatie"], lang) or None,
                    "via": via and {"iri": via, "pad": id_path(via), "label": pick(node["vialabel"], lang),
                                    "taal": pick_lang(node["vialabel"], lang)}}
            if node["soortlabel"]:
                item["soort"] = pick(node["soortlabel"], lang)
            result.setdefault(onderdeel, []).append(item)
        result[onderdeel].sort(key=sort_key)
    return result


def _routes(store, beroep, lang):
    """Each programme that leads to the profession, with the register at the end of the route."""
    found = routes_core.routes(id_path(beroep) or beroep, None, store=store, taal=lang)
    items = []
    for route, haalbaar in [(r, True) for r in found["routes"]] + \
                           [(r, False) for r in found["geblokkeerd"]]:
        opleiding = route["opleiding"]
        registers = [s["register"] for s in route.get("stappen", []) if s.get("register")]
        register = registers[-1] if registers else None
        items.append({"iri": opleiding["iri"], "pad": id_path(opleiding["iri"]), "label": opleiding["naam"],
                      "taal": getattr(opleiding["naam"], "taal", None),
                      "notatie": None, "soort": opleiding["niveau"] or "",
                      "register": register and {"iri": register["iri"], "pad": id_path(register["iri"]),
                                                "label": register["naam"]},
                      "haalbaar": haalbaar})
    return sorted(items, key=sort_key)


def _esco(rows, lang):
    """One item per ESCO concept, with each mapping that reaches it: {"van": our resource,
    "predicaat": the SKOS mapping property's local name (closeMatch), "predicaat_iri"}."""
    concepts = {}
    for row in rows:
        iri = str(row["item"])
        concept = concepts.setdefault(iri, {"labels": set(), "koppelingen": {}})
        if row.get("label") is not None:
            concept["labels"].add(row["label"])
        van, predicaat = str(row["van"]), str(row["predicaat"])
        koppeling = concept["koppelingen"].setdefault((van, predicaat), {
            "van": {"iri": van, "pad": id_path(van), "labels": set(),
                    "notatie": row.get("vannotatie") and str(row["vannotatie"])},
            "predicaat": predicaat.rsplit("#", 1)[-1], "predicaat_iri": predicaat})
        if row.get("vanlabel") is not None:
            koppeling["van"]["labels"].add(row["vanlabel"])
    for concept in concepts.values():  # our resource's name in the page's language, else Dutch
        for koppeling in concept["koppelingen"].values():
            labels = koppeling["van"].pop("labels")
            koppeling["van"].update(label=pick(labels, lang) or koppeling["van"]["iri"], taal=pick_lang(labels, lang))
    items = []
    for iri, c in concepts.items():
        label = pick(c["labels"], lang)
        taal = next((getattr(x, "language", None) for x in c["labels"] if str(x) == label), None)
        items.append({"iri": iri, "pad": None, "label": label or iri, "taal": taal, "notatie": None,
                      "koppelingen": sorted(c["koppelingen"].values(),
                                            key=lambda k: (sort_key(k["van"]), k["predicaat"]))})
    return sorted(items, key=sort_key)


def _beide_koppelingen(gedeeld, items_b):
    """A shared ESCO concept with B's mappings beside A's ("koppelingen_b")."""
    by_iri = {i["iri"]: i for i in items_b}
    return [dict(i, koppelingen_b=by_iri[i["iri"]]["koppelingen"]) for i in gedeeld]
