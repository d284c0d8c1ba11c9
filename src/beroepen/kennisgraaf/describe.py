"""One resource of the graph as plain data: what `beroepen show` prints and /id/… serves.

`describe(store, iri)` gives its label, notation, description, types, every link in both
directions grouped by relation with readable labels, and its source (document and section).
What a person types (a code like "D", an id path, an IRI) becomes an IRI in opzoeken.resolve;
labels and ordering are in labels.py.
"""
import re
from collections import defaultdict

from rdflib import Literal, URIRef

from ..errors import NietGevonden
from ..vocab import DCT, FOAF, OWL, PAV, PROV, RDF, RDFS, SKOS, SSSOM, BO, compact
from . import zinnen
from .escopaneel import as_text as esco_text, esco_mappings
from .labels import anker, id_path, natural, pick, pick_lang, sort_key
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
    SKOS.broadMatch: {"nl": "valt onder (breder)", "en": "broad match"},
    SKOS.narrowMatch: {"nl": "omvat (smaller)", "en": "narrow match"},
    SKOS.relatedMatch: {"nl": "verwant aan", "en": "related match"},
    OWL.annotatedSource: {"nl": "onderwerp van de mapping", "en": "mapping subject"},
    OWL.annotatedProperty: {"nl": "mappingpredicaat", "en": "mapping predicate"},
    OWL.annotatedTarget: {"nl": "ESCO-concept van de mapping", "en": "mapping object"},
    SSSOM.confidence: {"nl": "zekerheid (confidence)", "en": "confidence"},
    SSSOM.mapping_justification: {"nl": "methode", "en": "mapping justification"},
    SSSOM.subject_label: {"nl": "naam van het onderwerp", "en": "subject label"},
    SSSOM.object_label: {"nl": "ESCO-label", "en": "object label"},
    SSSOM.author_label: {"nl": "auteur", "en": "author"},
    SSSOM.mappings: {"nl": "mapping", "en": "mapping"},
    PAV.authoredBy: {"nl": "gemaakt door", "en": "authored by"},
    SKOS.related: {"nl": "gerelateerd", "en": "related"},
    SKOS.note: {"nl": "noot", "en": "note"},
    SKOS.scopeNote: {"nl": "toelichting", "en": "scope note"},
    DCT.source: {"nl": "bron", "en": "source"},
    DCT.publisher: {"nl": "uitgever", "en": "publisher"},
    DCT.creator: {"nl": "gemaakt door", "en": "creator"},
    DCT.language: {"nl": "taal", "en": "language"},
    DCT.issued: {"nl": "uitgegeven", "en": "issued"},
    # a version (issue 13): its name, validity, what it is a version or revision of
    OWL.versionInfo: {"nl": "versienaam", "en": "version name"},
    DCT.valid: {"nl": "geldig (periode)", "en": "valid (period)"},
    DCT.isVersionOf: {"nl": "versie van", "en": "version of"},
    PROV.wasRevisionOf: {"nl": "herziet", "en": "revises"},
    PROV.wasDerivedFrom: {"nl": "afgeleid van", "en": "derived from"},
    SKOS.editorialNote: {"nl": "redactionele noot", "en": "editorial note"},
    DCT.title: {"nl": "titel", "en": "title"},
    DCT.description: {"nl": "beschrijving", "en": "description"},
    RDFS.seeAlso: {"nl": "zie ook", "en": "see also"},
    RDFS.comment: {"nl": "toelichting", "en": "comment"},
    RDFS.subClassOf: {"nl": "subklasse van", "en": "subclass of"},
    FOAF.homepage: {"nl": "website", "en": "homepage"},
    OWL.Axiom: {"nl": "ESCO-mapping (owl:Axiom)", "en": "ESCO mapping (owl:Axiom)"},
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
    item = {"iri": str(term), "pad": id_path(term), "label": pick(labels, lang) or _vocab_label(str(term), lang),
            "notatie": notatie or None, "taal": pick_lang(labels, lang)}
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
    inkomend = _grouped(in_rows, "eigenschap", "eigenschapLabel", "bron", "bronLabel",
                        "bronNotatie", lang)
    # The ESCO mappings are said once, in their panel: not again as links or sentences.
    esco = esco_mappings(store, resource, lang)
    uitgaand, inkomend = _zonder_mappings(uitgaand, esco), _zonder_mappings(inkomend, esco)
    esco_record = any(m["record"] == str(resource) for m in esco)
    if esco_record:  # a mapping record's page reads as the record, not as its raw properties
        uitgaand = [g for g in uitgaand if g["relatie"] not in RECORD]
        inkomend = [g for g in inkomend if g["relatie"] not in RECORD]
    groups = {g["relatie"]: g for g in uitgaand}
    types = groups.get(TYPE, {}).get("items", [])
    soorten = {t["iri"] for t in types}
    documenten = groups.get(SOURCE, {}).get("items", [])
    secties = sorted(str(v) for v in literal([SECTION]))
    record_titel = _record_titel(esco, resource, lang)
    return {
        "iri": str(iri),
        "pad": id_path(iri),
        # without a name, a document's title (the ESCO source has only dct:title)
        "label": record_titel or pick(literal(LABEL) or literal([str(DCT.title)]), lang)
        or compact(iri),
        "notatie": pick(literal(NOTATION), lang) or None,
        "beschrijving": pick(beschrijving, lang) or None,
        "label_taal": "en" if record_titel else
        pick_lang(literal(LABEL) or literal([str(DCT.title)]), lang),
        "beschrijving_taal": pick_lang(beschrijving, lang),
        "alternatieve_labels": sorted({str(v) for v in literal(ALT_LABEL)
                                       if getattr(v, "language", None) in (lang, None)}),
        # their language when they share one (untagged ones, abbreviations, are not known)
        "alternatieve_labels_taal": _een_taal([v for v in literal(ALT_LABEL)
                                               if getattr(v, "language", None) in (lang, None)]),
        "types": types,
        "bron": {"documenten": documenten, "secties": secties,
                 "verwijzingen": _verwijzingen(store, documenten, secties)},
        "eigenschappen": [_literals(g, lang) for g in uitgaand
                          if g["relatie"] not in head and any("waarde" in i for i in g["items"])],
        "uitgaand": [_links(g) for g in uitgaand
                     if g["relatie"] not in head and any("iri" in i for i in g["items"])],
        "inkomend": inkomend,
        "taal": lang,
        # the summary: the place in the hierarchy, the links as sentences, where to go next
        "kruimelpad": _kruimelpad(store, resource, lang),
        "zinnen": _zinnen(uitgaand, inkomend, lang),
        "vervolg": _vervolg(store, resource, lang) if str(BO.Beroep) in soorten else None,
        "bron_secties": _bron_secties(store, resource, inkomend) if str(BO.Bron) in soorten else None,
        "esco": esco,
        "esco_record": esco_record,
        "vertaling": _vertaling(groups, lang),
        "vertalingen": _vertalingen(store, resource) if str(BO.Vertaling) in soorten else None,
    }


def _een_taal(literals):
    talen = {getattr(v, "language", None) for v in literals}
    return talen.pop() if len(talen) == 1 else None


MAPPING_LINKS = {str(p) for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
                                  SKOS.relatedMatch, OWL.annotatedSource, OWL.annotatedTarget,
                                  OWL.annotatedProperty, SSSOM.mappings)}


# What a mapping record states, shown as the record (escopaneel) rather than as properties.
RECORD = {str(p) for p in (SSSOM.confidence, SSSOM.mapping_justification, SSSOM.subject_label,
                           SSSOM.object_label, SSSOM.author_label, SSSOM.mappings, PAV.authoredBy,
                           RDFS.comment, OWL.annotatedSource, OWL.annotatedProperty, OWL.annotatedTarget)}


def _zonder_mappings(groups, esco):
    """The link groups without the mapping triples and records the ESCO panel shows."""
    shown = {m["iri"] for m in esco} | {m["record"] for m in esco} | {m["onderwerp"]["iri"] for m in esco}
    result = []
    for group in groups:
        if group["relatie"] in MAPPING_LINKS:
            group = dict(group, items=[i for i in group["items"] if i.get("iri") not in shown])
        if group["items"]:
            result.append(group)
    return result


def _vertaling(groups, lang):
    """The translation this resource's texts in `lang` come from (bo:vertaling), if any."""
    for item in groups.get(str(BO.vertaling), {}).get("items", []):
        if "iri" in item:
            return item
    return None


def _vertalingen(store, resource):
    """How many resources take their texts from this translation: counted, not listed."""
    rows = store.select(named_query("vertaling-aantal").text, {"vertaling": resource})
    return int(rows[0]["aantal"].toPython()) if rows else 0


def _record_titel(esco, resource, lang):
    """A mapping record's title in English, from its parts (the crosswalk names records in Dutch
    only): 'ESCO mapping: <our name> – <predicate in words> – <ESCO's label>'; None in Dutch."""
    record = next((m for m in esco if m["record"] == str(resource)), None)
    if lang != "en" or record is None or record["onderwerp"].get("taal") != "en":
        return None
    return f"ESCO mapping: {record['onderwerp']['label']} – {record['predicaat']} – {record['label']}"


def _verwijzingen(store, documenten, secties):
    """Each source section with the document it belongs to, whose page lists it with an anchor
    (a resource citing two documents: each section its own; unknown: the first document)."""
    per_iri = {d["iri"]: d for d in documenten}
    return [{"sectie": s, "anker": anker(s),
             "document": per_iri.get(_bron_van(store, s), documenten[0] if documenten else None)}
            for s in secties]


def _bron_van(store, sectie):
    """The one document `sectie` belongs to, or None: known from the resources that cite one
    document; a section only cited beside another document goes by its document prefix ('BCP
    Vaktherapeut' of 'BCP Vaktherapeut §1.6') when the known sections with it agree."""
    from .store import once_per_graph

    def compute():
        bronnen, per_prefix = defaultdict(set), defaultdict(set)
        for row in store.select(named_query("bron-van-sectie").text):
            bronnen[str(row["sectie"])].add(str(row["bron"]))
            per_prefix[_prefix(str(row["sectie"]))].add(str(row["bron"]))
        return bronnen, per_prefix
    bronnen, per_prefix = once_per_graph(store, ("bron-van-sectie",), compute)
    kandidaten = bronnen.get(sectie) or per_prefix.get(_prefix(sectie), set())
    return next(iter(kandidaten)) if len(kandidaten) == 1 else None


def _prefix(sectie):
    return re.split(r"\s*[§,]", sectie, maxsplit=1)[0].strip()


def _kruimelpad(store, resource, lang):
    """The resource's ancestors, top first: per node the parent of the lowest rank
    (resource-kruimelpad.rq says which links lead up and their rank), followed upwards."""
    ouders, labels, notaties = {}, defaultdict(list), defaultdict(list)
    for row in store.select(named_query("resource-kruimelpad").text, {"resource": resource}):
        kind, ouder = str(row["kind"]), str(row["ouder"])
        if kind == ouder or not isinstance(row["ouder"], URIRef):
            continue
        kandidaat = (int(row["rang"].toPython()), ouder)
        if kind not in ouders or kandidaat < ouders[kind]:
            ouders[kind] = kandidaat
        labels[ouder].append(row.get("label"))
        notaties[ouder].append(row.get("notatie"))
    pad, gezien, huidig = [], {str(resource)}, str(resource)
    while huidig in ouders and len(pad) < 12:
        ouder = ouders[huidig][1]
        if ouder in gezien:
            break
        gezien.add(ouder)
        pad.append(_node(URIRef(ouder), labels[ouder], notaties[ouder], None, lang))
        huidig = ouder
    return pad[::-1]


def _zinnen(uitgaand, inkomend, lang):
    """Every link group as a sentence (zinnen.py words it), ordered by group of meaning.
    Groups worded the same are one sentence: a symmetric link stated both ways ('Werkt
    samen met'), or two properties saying the same ('Besproken in' for gaatOver and
    betreftBeroep)."""
    merged = {}
    for richting, key, groups in (("uitgaand", "vooruit", uitgaand), ("inkomend", "terug", inkomend)):
        for group in groups:
            items = [i for i in group["items"] if "iri" in i]
            prop = group["relatie"]
            if not items or (prop in zinnen.ZINNEN and zinnen.phrase(prop, key, lang) is None):
                continue
            woorden = zinnen.phrase(prop, key, lang) or zinnen.fallback(group["label"], key, lang)
            entry = merged.setdefault(woorden, {"relaties": [], "richting": richting, "items": {}})
            entry["relaties"].append(prop)
            for item in items:
                entry["items"].setdefault(item["iri"], item)
    result = [_zin(e["relaties"], e["richting"], woorden, sorted(e["items"].values(), key=sort_key), lang)
              for woorden, e in merged.items()]
    volgorde = list(zinnen.GROEPEN)
    return sorted(result, key=lambda z: (volgorde.index(z["groep"]), z["richting"] != "uitgaand",
                                         z["begin"].lower()))


def _zin(relaties, richting, woorden, items, lang):
    """One sentence: 'Hangt samen met competenties 3, 4 en A' (codes), 'Hoort bij taakgroep X'
    (up to three names), or 'Omvat 4 activiteiten' followed by the list."""
    groep, begin, een, meer = woorden
    n = len(items)
    notaties = [i.get("notatie") or "" for i in items]
    if all(0 < len(c) <= 3 for c in notaties) and len(set(notaties)) == n:  # codes: 3, A, 11
        vorm, tekst = "notaties", zinnen.join([i["notatie"] for i in items], lang)
    elif n <= 3:
        vorm, tekst = "namen", zinnen.join([i["label"] for i in items], lang)
    else:
        vorm, tekst = "lijst", zinnen.join([i["label"] for i in items], lang)
    if vorm == "lijst":
        naam = zinnen.noun(items, een or GENERIEK[lang][0], meer or GENERIEK[lang][1], lang)
        start = f"{begin} {n} {naam}"
        zin = f"{start}: {tekst.rstrip('.')}."
    else:
        # bare codes need a noun ("beroepstaak 5"): the items' kind where the table gives none
        naam = zinnen.noun(items, een, meer, lang) if een or vorm == "notaties" else ""
        if vorm == "namen" and all(een.lower() in i["label"].lower() for i in items if een):
            naam = ""  # "Toelatingseis van post-hbo-opleiding tot …", not "van opleiding post-hbo-opleiding"
        start = f"{begin} {naam}".strip()
        zin = f"{start} {tekst.rstrip('.')}."
    return {"groep": groep, "groep_label": zinnen.GROEPEN[groep][lang == "en"], "relatie": relaties[0],
            "relaties": relaties,
            "richting": richting, "begin": start, "vorm": vorm, "aantal": n, "zin": zin,
            "items": items}


GENERIEK = {"nl": ("onderdeel", "onderdelen"), "en": ("item", "items")}


def _vervolg(store, resource, lang):
    """Where a profession's page leads: the profiles with a matrix, its routes (when a
    programme leads to it), its registers, the comparison; only what the graph holds."""
    found = {"matrix": [], "route": None, "registers": [], "vergelijk": None}
    labels = defaultdict(list)
    rows = store.select(named_query("beroep-vervolg").text, {"beroep": resource})
    for row in rows:
        labels[(str(row["soort"]), str(row["doel"]))].append(row.get("label"))
    for (soort, doel), names in sorted(labels.items()):
        item = {"iri": doel, "pad": id_path(doel), "slug": doel.rstrip("/").rsplit("/", 1)[-1],
                "label": pick(names, lang) or compact(doel), "taal": pick_lang(names, lang)}
        if soort in ("matrix", "registers"):
            found[soort].append(item)
        elif soort == "register":
            found["registers"].append(item)
        else:
            found[soort] = item
    return found


def _bron_secties(store, resource, inkomend):
    """A source document's sections in natural order, each with the resources citing it
    (named as in the page's incoming dct:source links)."""
    citing = {i["iri"]: i for g in inkomend if g["relatie"] == SOURCE for i in g["items"]}
    secties = defaultdict(list)
    for row in store.select(named_query("bron-inhoud").text, {"bron": resource}):
        item = citing.get(str(row["resource"]))
        if item is not None and _bron_van(store, str(row["sectie"])) in (None, str(resource)):
            secties[str(row["sectie"])].append(item)
    return sorted(({"sectie": sectie, "anker": anker(sectie), "aantal": len(items),
                    "items": sorted(items, key=sort_key)} for sectie, items in secties.items()),
                  key=lambda s: natural(s["sectie"]))


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


TEKST_KOPPEN = {   # the terminal text's headings: (Dutch, English)
    "soort": ("soort", "kind"), "ook": ("ook", "also"), "plaats": ("plaats", "place"),
    "Samenvatting": ("Samenvatting", "Summary"), "Eigenschappen": ("Eigenschappen", "Properties"),
    "Verwijst naar": ("Verwijst naar", "Links to"), "Wordt genoemd door": ("Wordt genoemd door", "Linked from"),
    "Bron": ("Bron", "Source"),
}


def as_text(d):
    """The description as readable text for the terminal, headings in the description's language."""
    en = d.get("taal") == "en"

    def kop(naam):
        return TEKST_KOPPEN[naam][1 if en else 0]
    head = f"{d['notatie']}  {d['label']}" if d["notatie"] else d["label"]
    lines = [head, d["iri"]]
    if d["types"]:
        lines.append(f"{kop('soort')}: " + ", ".join(t["label"] for t in d["types"]))
    if d["alternatieve_labels"]:
        lines.append(f"{kop('ook')}: " + "; ".join(d["alternatieve_labels"]))
    if d.get("kruimelpad"):
        lines.append(f"{kop('plaats')}: " + " › ".join(k["label"] for k in d["kruimelpad"]))
    if d["beschrijving"]:
        lines += ["", d["beschrijving"]]
    if d.get("zinnen"):
        lines += ["", kop("Samenvatting") + ":"] + [f"  - {z['zin']}" for z in d["zinnen"]]
    for title, groups in (("Eigenschappen", d["eigenschappen"]), ("Verwijst naar", d["uitgaand"]),
                          ("Wordt genoemd door", d["inkomend"])):
        if groups:
            lines += ["", kop(title) + ":"]
        for group in groups:
            lines.append(f"  {group['label']}:")
            lines += [f"    - {_item_text(i)}" for i in group["items"]]
    lines += esco_text(d.get("esco") or [], d.get("taal", "nl"), d.get("esco_record", False))
    bron = d["bron"]
    if bron["documenten"] or bron["secties"]:
        lines += ["", f"{kop('Bron')}: " + "; ".join([b["label"] for b in bron["documenten"]] + bron["secties"])]
    return "\n".join(lines) + "\n"


def _item_text(item):
    if "waarde" in item:
        return item["waarde"]
    label = f"{item['notatie']}  {item['label']}" if item.get("notatie") else item["label"]
    return f"{label}  <{item['pad'] or item['iri']}>"
