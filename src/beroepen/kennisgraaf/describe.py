"""One resource of the graph as plain data: what `beroepen show` prints and /id/… serves.

`describe(store, iri)` gives its label, notation, description, types, every link in both
directions grouped by relation with readable labels, and its source (document and section).
`resolve(store, text)` turns what a person types (a code like "D", an id path like
"beroep/vaktherapeut", or a full IRI) into the IRI.
"""
import difflib
import re

from rdflib import Literal, URIRef, RDF

from ..errors import BeroepenError
from ..vocab import ID, compact
from .profielen import resolve_profiel
from .queries import named_query

SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
BO = "https://w3id.org/beroepen/def#"
DEFAULT_PROFIEL = "bcp-vaktherapeut"

LABEL = {SKOS + "prefLabel"}
ALT_LABEL = {SKOS + "altLabel"}
NOTATION = {SKOS + "notation"}
DESCRIPTION = {SKOS + "definition", DCT + "description"}
SOURCE = DCT + "source"
SECTION = BO + "bronsectie"
TYPE = str(RDF.type)
# Readable names for the borrowed vocabulary the ontology does not label itself.
VOCAB_LABELS = {
    SKOS + "inScheme": {"nl": "in profiel", "en": "in scheme"},
    SKOS + "broader": {"nl": "breder", "en": "broader"},
    SKOS + "narrower": {"nl": "smaller", "en": "narrower"},
    SKOS + "topConceptOf": {"nl": "topconcept van", "en": "top concept of"},
    SKOS + "hasTopConcept": {"nl": "heeft topconcept", "en": "has top concept"},
    SKOS + "closeMatch": {"nl": "komt overeen met", "en": "close match"},
    SKOS + "exactMatch": {"nl": "is gelijk aan", "en": "exact match"},
    SKOS + "related": {"nl": "gerelateerd", "en": "related"},
    SKOS + "note": {"nl": "noot", "en": "note"},
    SKOS + "scopeNote": {"nl": "toelichting", "en": "scope note"},
    DCT + "source": {"nl": "bron", "en": "source"},
    DCT + "publisher": {"nl": "uitgever", "en": "publisher"},
    DCT + "issued": {"nl": "uitgegeven", "en": "issued"},
    DCT + "title": {"nl": "titel", "en": "title"},
    "http://www.w3.org/2000/01/rdf-schema#seeAlso": {"nl": "zie ook", "en": "see also"},
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": {"nl": "subklasse van", "en": "subclass of"},
    "http://xmlns.com/foaf/0.1/homepage": {"nl": "website", "en": "homepage"},
}
# Shown in the page's head, so not repeated among the other properties.
HEAD = LABEL | ALT_LABEL | NOTATION | DESCRIPTION | {SOURCE, SECTION, TYPE}


_BAD_IRI_CHARS = re.compile(r'[\x00-\x20\x7f\s<>"{}|\\^`]')


def checked_iri(iri):
    """`iri`, if it can be an IRI at all; characters an IRI cannot hold (controls, spaces, <>"{}|\\^`)
    would break the query sent to a SPARQL store, so they are refused here."""
    if not iri or _BAD_IRI_CHARS.search(str(iri)):
        raise BeroepenError("onbekende resource: een IRI kan geen spaties of <>\"{}|\\^` bevatten",
                            node=str(iri))
    return str(iri)


def id_path(iri):
    """`beroep/vaktherapeut` for an instance IRI, None for anything outside id/."""
    text = str(iri)
    return text[len(ID):] if text.startswith(ID) else None


def pick(terms, lang="nl"):
    """The literal in the wanted language, else Dutch, else one without language, else any."""
    terms = [t for t in terms if t is not None]
    for wanted in (lang, "nl", None):
        for term in terms:
            if getattr(term, "language", None) == wanted:
                return str(term)
    return str(sorted(terms)[0]) if terms else ""


def sort_key(item):
    """Notations in natural order (2 before 10, digits before letters), then by label."""
    notatie = item.get("notatie") or ""
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", notatie) if p)
    return (item.get("soort", ""), 0 if notatie else 1, parts, item.get("volgorde", 0),
            (item.get("label") or "").lower(), item.get("iri", ""))


def _grouped(rows, key, label_key, node_key, node_label, node_notation, lang):
    """Rows of (property, its label, node, node label, node notation, node order) → sorted groups.
    Incoming groups are named after the inverse property where the ontology declares one
    ('relatie met beroepstaak' rather than 'relatie met competentie' on a competence)."""
    groups = {}
    for row in rows:
        prop = str(row[key])
        group = groups.setdefault(prop, {"labels": [], "inverse": [], "nodes": {}})
        group["labels"].append(row.get(label_key))
        group["inverse"].append(row.get("inverseLabel"))
        node = groups[prop]["nodes"].setdefault(row[node_key], {"labels": [], "notaties": [],
                                                                "volgorde": None, "soorten": []})
        node["soorten"].append(row.get(node_key + "Soort"))
        node["labels"].append(row.get(node_label))
        node["notaties"].append(row.get(node_notation))
        order = row.get(node_key + "Volgorde")
        if isinstance(order, Literal) and isinstance(order.toPython(), int):
            node["volgorde"] = order.toPython()
    result = []
    for prop, group in groups.items():
        items = [_node(term, n["labels"], n["notaties"], n["volgorde"], lang)
                 for term, n in group["nodes"].items()]
        for item, n in zip(items, group["nodes"].values()):
            if any(n["soorten"]):  # what kind of thing it is, to group a long list by
                item["soort"] = pick(n["soorten"], lang)
        label = pick(group["inverse"], lang) or pick(group["labels"], lang) or _vocab_label(prop, lang)
        result.append({"relatie": prop, "label": label, "items": sorted(items, key=sort_key)})
    return sorted(result, key=lambda g: g["label"].lower())


def _vocab_label(prop, lang):
    names = VOCAB_LABELS.get(prop)
    return names.get(lang, names["nl"]) if names else compact(prop)


def _node(term, labels, notaties, volgorde, lang):
    if isinstance(term, Literal):
        return {"waarde": str(term), "taal": term.language, "datatype": compact(term.datatype)
                if term.datatype else None}
    notatie = pick(notaties, lang)
    item = {"iri": str(term), "pad": id_path(term), "label": pick(labels, lang) or compact(term),
            "notatie": notatie or None}
    if volgorde is not None:
        item["volgorde"] = volgorde
    return item


def describe(store, iri, lang="nl"):
    """Everything the graph says about `iri` and everything that points to it, as a dict."""
    resource = URIRef(checked_iri(iri))
    out_rows = store.select(named_query("resource-uitgaand").text, {"resource": resource})
    in_rows = store.select(named_query("resource-inkomend").text, {"resource": resource})
    if not out_rows and not in_rows:
        raise BeroepenError("staat niet in de graaf", node=str(iri))
    by_prop = {}
    for row in out_rows:
        by_prop.setdefault(str(row["eigenschap"]), set()).add(row["waarde"])
    literal = lambda props: [v for p in props for v in by_prop.get(p, ()) if isinstance(v, Literal)]
    uitgaand = _grouped(out_rows, "eigenschap", "eigenschapLabel", "waarde", "waardeLabel",
                        "waardeNotatie", lang)
    groups = {g["relatie"]: g for g in uitgaand}
    return {
        "iri": str(iri),
        "pad": id_path(iri),
        "label": pick(literal(LABEL), lang) or compact(iri),
        "notatie": pick(literal(NOTATION), lang) or None,
        "beschrijving": pick(literal(DESCRIPTION), lang) or None,
        "alternatieve_labels": sorted({str(v) for v in literal(ALT_LABEL)
                                       if getattr(v, "language", None) in (lang, None)}),
        "types": groups.get(TYPE, {}).get("items", []),
        "bron": {"documenten": groups.get(SOURCE, {}).get("items", []),
                 "secties": sorted(str(v) for v in literal([SECTION]))},
        "eigenschappen": [_literals(g, lang) for g in uitgaand
                          if g["relatie"] not in HEAD and any("waarde" in i for i in g["items"])],
        "uitgaand": [_links(g) for g in uitgaand
                     if g["relatie"] not in HEAD and any("iri" in i for i in g["items"])],
        "inkomend": _grouped(in_rows, "eigenschap", "eigenschapLabel", "bron", "bronLabel",
                             "bronNotatie", lang),
        "taal": lang,
    }


def _literals(group, lang):
    """A literal property's values; where some are in the wanted language, only those."""
    values = [i for i in group["items"] if "waarde" in i]
    in_lang = [i for i in values if i["taal"] == lang] or [i for i in values if i["taal"] in ("nl", None)]
    values = in_lang or values
    return {"relatie": group["relatie"], "label": group["label"],
            "items": sorted(values, key=lambda i: _natural(i["waarde"]))}


def _natural(text):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text)]


def _links(group):
    return {"relatie": group["relatie"], "label": group["label"],
            "items": [i for i in group["items"] if "iri" in i]}


def resolve(store, text, profiel=DEFAULT_PROFIEL):
    """The IRI a person means by `text`: a full IRI, an id path, or a code within a profile."""
    text = checked_iri(text.strip())
    if re.match(r"^https?://", text):
        return _known(store, text, text)
    path = re.sub(r"\s+", "/", re.sub(r"^/?(id/)?", "", text).strip("/"))
    candidates = [ID + path]
    if "/" not in path:
        profiel = resolve_profiel(store, profiel)["slug"]
        found = _by_notation(store, text, profiel)
        if len(found) == 1:
            return found[0]["iri"]
        if len(found) > 1:
            prefix = f"profiel/{profiel}/"
            options = "; ".join(f"'{f['pad'].removeprefix(prefix)}' ({f['type']}: {f['label']})"
                                for f in found)
            raise BeroepenError(f"code '{text}' is niet eenduidig in profiel {profiel}; "
                                f"bedoelde u {options}?")
    candidates.append(f"{ID}profiel/{profiel}/{path}")
    for iri in candidates:
        if _exists(store, iri):
            return iri
    return _known(store, candidates[0], text)


def _by_notation(store, code, profiel):
    rows = store.select(named_query("resource-op-notatie").text,
                        {"profiel": URIRef(f"{ID}profiel/{profiel}"), "code": Literal(code)})
    found = {}
    for row in rows:
        iri = str(row["resource"])
        found.setdefault(iri, {"iri": iri, "pad": id_path(iri), "label": str(row.get("label", "")),
                               "type": str(row.get("type", ""))})
    return list(found.values())


def _exists(store, iri):
    return bool(store.select(named_query("resource-uitgaand").text, {"resource": URIRef(iri)}))


def _known(store, iri, text):
    if _exists(store, iri):
        return iri
    names = sorted({p for p in (id_path(r["resource"]) for r in
                                store.select(named_query("index-resources").text)) if p})
    close = difflib.get_close_matches(re.sub(r"^.*?/id/", "", text), names, n=5, cutoff=0.5)
    hint = f"; bedoelde u: {', '.join(close)}?" if close else ""
    raise BeroepenError(f"onbekende resource '{text}'{hint}", node=iri)


def as_text(d):
    """The description as readable text for the terminal."""
    head = f"{d['notatie']}  {d['label']}" if d["notatie"] else d["label"]
    lines = [head, d["iri"]]
    if d["types"]:
        lines.append("soort: " + ", ".join(t["label"] for t in d["types"]))
    if d["alternatieve_labels"]:
        lines.append("ook: " + "; ".join(d["alternatieve_labels"]))
    if d["beschrijving"]:
        lines += ["", d["beschrijving"]]
    for title, groups in (("Eigenschappen", d["eigenschappen"]), ("Verwijst naar", d["uitgaand"]),
                          ("Wordt genoemd door", d["inkomend"])):
        if groups:
            lines += ["", title + ":"]
        for group in groups:
            lines.append(f"  {group['label']}:")
            lines += [f"    - {_item_text(i)}" for i in group["items"]]
    bron = d["bron"]
    if bron["documenten"] or bron["secties"]:
        lines += ["", "Bron: " + "; ".join([b["label"] for b in bron["documenten"]] + bron["secties"])]
    return "\n".join(lines) + "\n"


def _item_text(item):
    if "waarde" in item:
        return item["waarde"]
    label = f"{item['notatie']}  {item['label']}" if item.get("notatie") else item["label"]
    return f"{label}  <{item['pad'] or item['iri']}>"
