"""One resource of the graph as plain data: what `beroepen show` prints and /id/… serves.

`describe(store, iri)` gives its label, notation, description, types, every link in both
directions grouped by relation with readable labels, and its source (document and section).
What a person types (a code like "D", an id path, an IRI) becomes an IRI in opzoeken.resolve;
labels and ordering are in labels.py.
"""
from rdflib import Literal, URIRef

from ..errors import NietGevonden
from ..vocab import DCT, FOAF, RDF, RDFS, SKOS, BO, compact
from .labels import id_path, natural, pick, sort_key
from .opzoeken import checked_iri
from .queries import named_query

LABEL = {str(SKOS.prefLabel)}
ALT_LABEL = {str(SKOS.altLabel)}
NOTATION = {str(SKOS.notation)}
DEFINITION = str(SKOS.definition)
DESCRIPTION = str(DCT.description)
SOURCE = str(DCT.source)
SECTION = str(BO.bronsectie)
TYPE = str(RDF.type)
# Readable names for the borrowed vocabulary the ontology does not label itself.
VOCAB_LABELS = {str(iri): names for iri, names in {
    SKOS.inScheme: {"nl": "in profiel", "en": "in scheme"},
    SKOS.broader: {"nl": "breder", "en": "broader"},
    SKOS.narrower: {"nl": "smaller", "en": "narrower"},
    SKOS.topConceptOf: {"nl": "topconcept van", "en": "top concept of"},
    SKOS.hasTopConcept: {"nl": "heeft topconcept", "en": "has top concept"},
    SKOS.closeMatch: {"nl": "komt overeen met", "en": "close match"},
    SKOS.exactMatch: {"nl": "is gelijk aan", "en": "exact match"},
    SKOS.related: {"nl": "gerelateerd", "en": "related"},
    SKOS.note: {"nl": "noot", "en": "note"},
    SKOS.scopeNote: {"nl": "toelichting", "en": "scope note"},
    DCT.source: {"nl": "bron", "en": "source"},
    DCT.publisher: {"nl": "uitgever", "en": "publisher"},
    DCT.issued: {"nl": "uitgegeven", "en": "issued"},
    DCT.title: {"nl": "titel", "en": "title"},
    DCT.description: {"nl": "beschrijving", "en": "description"},
    RDFS.seeAlso: {"nl": "zie ook", "en": "see also"},
    RDFS.subClassOf: {"nl": "subklasse van", "en": "subclass of"},
    FOAF.homepage: {"nl": "website", "en": "homepage"},
}.items()}
# Shown in the page's head, so not repeated among the other properties.
HEAD = LABEL | ALT_LABEL | NOTATION | {DEFINITION, SOURCE, SECTION, TYPE}


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
        raise NietGevonden("staat niet in de graaf", node=str(iri))
    by_prop = {}
    for row in out_rows:
        by_prop.setdefault(str(row["eigenschap"]), set()).add(row["waarde"])
    literal = lambda props: [v for p in props for v in sorted(by_prop.get(p, ()), key=str)
                             if isinstance(v, Literal)]
    uitgaand = _grouped(out_rows, "eigenschap", "eigenschapLabel", "waarde", "waardeLabel",
                        "waardeNotatie", lang)
    groups = {g["relatie"]: g for g in uitgaand}
    # The head shows the definition, else the description; a description beside a definition
    # stays among the properties, so no text of the source goes unshown.
    beschrijving = literal([DEFINITION]) or literal([DESCRIPTION])
    head = HEAD if literal([DEFINITION]) else HEAD | {DESCRIPTION}
    return {
        "iri": str(iri),
        "pad": id_path(iri),
        "label": pick(literal(LABEL), lang) or compact(iri),
        "notatie": pick(literal(NOTATION), lang) or None,
        "beschrijving": pick(beschrijving, lang) or None,
        "alternatieve_labels": sorted({str(v) for v in literal(ALT_LABEL)
                                       if getattr(v, "language", None) in (lang, None)}),
        "types": groups.get(TYPE, {}).get("items", []),
        "bron": {"documenten": groups.get(SOURCE, {}).get("items", []),
                 "secties": sorted(str(v) for v in literal([SECTION]))},
        "eigenschappen": [_literals(g, lang) for g in uitgaand
                          if g["relatie"] not in head and any("waarde" in i for i in g["items"])],
        "uitgaand": [_links(g) for g in uitgaand
                     if g["relatie"] not in head and any("iri" in i for i in g["items"])],
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
            "items": sorted(values, key=lambda i: natural(i["waarde"]))}


def _links(group):
    return {"relatie": group["relatie"], "label": group["label"],
            "items": [i for i in group["items"] if "iri" in i]}


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
