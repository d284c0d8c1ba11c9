"""The ESCO panel of a resource: its crosswalk mappings (data/*.sssom.tsv, made into owl:Axiom
records at load) as plain data for the page, its `.json` twin and `beroepen show`.

Each mapping says our resource (the subject) relates to an ESCO concept (the object) by a
SKOS mapping predicate; WOORDEN says that predicate in words, read from our side, with one
line on what it means (after the SKOS reference's own definitions).
"""
from collections import defaultdict

from rdflib import URIRef

from ..vocab import SEMAPV, SKOS, compact
from .labels import id_path, pick, pick_lang
from .queries import named_query

# SKOS mapping predicate → per language (words, what it means here). SKOS: closeMatch is
# "sufficiently similar that they can be used interchangeably in some applications";
# broadMatch/narrowMatch: the object is broader/narrower; relatedMatch: associated.
WOORDEN = {str(SKOS[p]): w for p, w in {
    "exactMatch": {"nl": ("is gelijk aan", "Hetzelfde begrip als dat van ESCO."),
                   "en": ("exact match", "The same concept as ESCO's.")},
    "closeMatch": {"nl": ("komt overeen met", "Nagenoeg hetzelfde als het begrip van ESCO, maar niet helemaal: "
                                              "in sommige toepassingen uitwisselbaar."),
                   "en": ("close match", "Nearly the same as ESCO's concept, but not quite: "
                                         "interchangeable for some uses.")},
    "broadMatch": {"nl": ("valt onder (ESCO is breder)", "Het begrip van ESCO is breder: dit valt eronder."),
                   "en": ("falls under (ESCO is broader)", "ESCO's concept is broader: this is part of it.")},
    "narrowMatch": {"nl": ("omvat (ESCO is smaller)", "Het begrip van ESCO is smaller: het is een deel hiervan."),
                    "en": ("includes (ESCO is narrower)", "ESCO's concept is narrower: it is part of this.")},
    "relatedMatch": {"nl": ("is verwant aan", "Verwant: ze hangen samen, maar het ene is niet hetzelfde "
                                              "als het andere en valt er niet onder."),
                     "en": ("related to", "Related: they go together, but neither is the same as the "
                                          "other or part of it.")},
}.items()}
METHODEN = {str(SEMAPV.ManualMappingCuration): {"nl": "met de hand gekoppeld door een curator",
                                                 "en": "mapped by hand by a curator"}}


def esco_mappings(store, resource, lang="nl"):
    """The ESCO mappings of `resource` (or, for a mapping record, that one mapping), best
    confidence first: [{record, iri, label, taal, predicate, predicaat, betekenis,
    justification, confidence, author, …}]."""
    rows = store.select(named_query("resource-esco").text, {"resource": URIRef(str(resource))})
    per_record = defaultdict(list)
    for row in rows:
        per_record[str(row["mapping"])].append(row)
    found = [_mapping(record, rows, lang) for record, rows in per_record.items()]
    return sorted(found, key=lambda m: (-m["confidence"], m["iri"]))


def _mapping(record, rows, lang):
    first = rows[0]
    labels = lambda key: [r.get(key) for r in rows]
    predicaat = str(first["predicaat"])
    woorden, betekenis = WOORDEN.get(predicaat, {}).get(lang, (compact(predicaat), ""))
    methode = str(first.get("methode") or "")
    onderwerp = str(first["onderwerp"])
    beoordelaar = first.get("beoordelaar")
    return {
        "record": record, "record_pad": id_path(record),
        "iri": str(first["concept"]), "pad": id_path(first["concept"]),
        "label": pick(labels("conceptLabel"), lang) or str(first["concept"]),
        "taal": pick_lang(labels("conceptLabel"), lang),
        "predicate": compact(predicaat), "predicaat": woorden, "betekenis": betekenis,
        "justification": str(first["verantwoording"]),
        "justification_taal": getattr(first["verantwoording"], "language", None),
        "confidence": float(first["confidence"].toPython()),
        "mapping_justification": compact(methode) if methode else None,
        "methode": METHODEN.get(methode, {}).get(lang) or (compact(methode) if methode else None),
        "author": pick(labels("auteurLabel"), lang) or (compact(str(first["auteur"])) if first.get("auteur") else None),
        "author_taal": pick_lang(labels("auteurLabel"), lang),
        "author_id": str(first["auteur"]) if first.get("auteur") else None,
        # SSSOM records a review as reviewer_id; none here means no expert review is recorded
        "nagekeken": beoordelaar is not None,
        "reviewer_id": str(beoordelaar) if beoordelaar is not None else None,
        "onderwerp": {"iri": onderwerp, "pad": id_path(onderwerp),
                      "label": pick(labels("onderwerpLabel"), lang) or onderwerp,
                      "taal": pick_lang(labels("onderwerpLabel"), lang)},
        "bron": str(first["bron"]) if first.get("bron") else None,
        "bron_pad": id_path(first["bron"]) if first.get("bron") else None,
        "bronsectie": str(first["bronsectie"]) if first.get("bronsectie") else None,
    }


TEKST = {"nl": {"kop": "ESCO:", "record": "Mapping:", "zekerheid": "zekerheid", "auteur": "gemaakt door",
                "niet": "geen beoordeling door een deskundige vastgelegd", "onderwerp": "onderwerp",
                "predicaat": "predicaat", "concept": "ESCO-concept", "waarom": "verantwoording",
                "methode": "methode", "bron": "bron"},
         "en": {"kop": "ESCO:", "record": "Mapping:", "zekerheid": "confidence", "auteur": "made by",
                "niet": "no expert review recorded", "onderwerp": "subject", "predicaat": "predicate",
                "concept": "ESCO concept", "waarom": "justification", "methode": "method", "bron": "source"}}


def zekerheid(confidence, lang="nl"):
    """0.7 → '0,70' (Dutch) or '0.70'."""
    text = f"{confidence:.2f}"
    return text if lang == "en" else text.replace(".", ",")


def as_text(mappings, lang="nl", record=False):
    """The 'ESCO:' section of `beroepen show`: a line per mapping, the why indented; for a
    mapping record's own page, the record field by field."""
    w = TEKST["en" if lang == "en" else "nl"]
    if not mappings:
        return []
    if record:
        m = mappings[0]
        return ["", w["record"],
                f"  {w['onderwerp']}: {m['onderwerp']['label']}  <{m['onderwerp']['pad'] or m['onderwerp']['iri']}>",
                f"  {w['predicaat']}: {m['predicaat']} ({m['predicate']}): {m['betekenis']}",
                f"  {w['concept']}: {m['label']}  <{m['iri']}>",
                f"  {w['waarom']}: {m['justification']}",
                f"  {w['zekerheid']}: {zekerheid(m['confidence'], lang)}",
                f"  {w['methode']}: {m['methode']}",
                f"  {w['auteur']}: {m['author']}" + ("" if m["nagekeken"] else f" ({w['niet']})"),
                f"  {w['bron']}: {m['bron_pad'] or m['bron']}, {m['bronsectie']}"]
    lines = ["", w["kop"]]
    for m in mappings:
        lines.append(f"  - {m['predicaat']}: {m['label']}  <{m['iri']}>")
        lines.append(f"      {m['justification']}")
        regel = f"      {w['zekerheid']} {zekerheid(m['confidence'], lang)}"
        if m["author"]:
            regel += f"; {w['auteur']} {m['author']}"
        if not m["nagekeken"]:
            regel += f"; {w['niet']}"
        lines.append(regel)
    return lines
