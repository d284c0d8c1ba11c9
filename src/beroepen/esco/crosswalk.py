"""The ESCO crosswalk: an SSSOM mapping table (data/*.sssom.tsv: a YAML metadata block in `#`
lines, then a tab-separated table) read and turned into triples when the graph is loaded.

Each row becomes the mapping triple itself (`subject skos:closeMatch <ESCO URI>`, so /sparql,
`show` and the release carry it) and a record of it in SSSOM's own RDF form (an owl:Axiom
with owl:annotatedSource/Property/Target, sssom:confidence, sssom:mapping_justification,
rdfs:comment for the justification), as sssom-py writes it. Records get an IRI under
id/esco-mapping/ (not a blank node, as sssom-py gives) so that each has a page, a Dutch name
and a source like every other resource.
"""
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..errors import BeroepenError
from ..vocab import BO, DCT, INST, PAV, SKOS, SSSOM
MAX_BYTES = 2 * 1024 * 1024
PREDICATEN = {f"skos:{p}": SKOS[p] for p in
              ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")}
PREDICAAT_NL = {"exactMatch": "is gelijk aan", "closeMatch": "komt overeen met",
                "broadMatch": "valt onder", "narrowMatch": "omvat", "relatedMatch": "is verwant aan"}
KOLOMMEN = ("subject_id", "subject_label", "predicate_id", "object_id", "object_label",
            "mapping_justification", "confidence", "author_id", "comment")
ESCO_URI = re.compile(r"^http://data\.europa\.eu/esco/(occupation|skill|isco)/[0-9A-Za-z-]{1,40}$")


@dataclass(frozen=True)
class Mapping:
    regel: int
    subject: str
    subject_label: str
    predicaat: str      # e.g. skos:closeMatch
    object: str
    object_label: str
    justification: str  # a semapv term (IRI)
    confidence: float
    auteur: str
    auteur_label: str
    toelichting: str    # why: the curator's justification, in Dutch

    @property
    def slug(self):
        onderwerp = self.subject.removeprefix(str(INST)).replace("/", "-")
        return f"{onderwerp}--{self.object.rsplit('/', 1)[1][:8]}"

    @property
    def iri(self):
        return INST[f"esco-mapping/{self.slug}"]


def crosswalk_files(folder):
    return sorted(Path(folder).glob("*.sssom.tsv"))


def read(path):
    """(metadata dict, [Mapping]) of one SSSOM TSV file; bad input names file and line."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BeroepenError(f"groter dan {MAX_BYTES} bytes", file=path)
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None
    lines = text.splitlines(keepends=True)
    header = [l[1:] for l in lines if l.startswith("#")]
    metadata = _metadata("".join(header), path)
    prefixes = metadata.get("curie_map") or {}
    table = lines[len(header):]
    if len(header) and any(l.startswith("#") for l in table):
        raise BeroepenError("metadataregels (#) horen alleen bovenaan", file=path)
    reader = csv.DictReader(io.StringIO("".join(table), newline=""), delimiter="\t")
    missing = [k for k in KOLOMMEN if k not in (reader.fieldnames or [])]
    if missing:
        raise BeroepenError(f"kolommen ontbreken: {', '.join(missing)}", file=path, line=len(header) + 1)
    mappings = [_mapping(row, len(header) + 1 + reader.line_num - 1, prefixes, path) for row in reader]
    _unique(mappings, path)
    return metadata, mappings


def _metadata(text, path):
    try:
        metadata = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as err:
        raise BeroepenError(f"de YAML-metadata (#-regels) is ongeldig: {err}", file=path) from None
    if not isinstance(metadata, dict) or not isinstance(metadata.get("curie_map", {}), dict):
        raise BeroepenError("de metadata is geen YAML-woordenboek met een curie_map", file=path)
    return metadata


def _mapping(row, line, prefixes, path):
    def expand(curie, what):
        prefix, sep, local = (curie or "").partition(":")
        if not sep or prefix not in prefixes or not local:
            raise BeroepenError(f"{what} '{curie}' is geen CURIE met een prefix uit de curie_map",
                                file=path, line=line)
        return prefixes[prefix] + local

    if row.get("predicate_id") not in PREDICATEN:
        raise BeroepenError(f"predicate_id '{row.get('predicate_id')}' is geen SKOS-mappingpredicaat "
                            f"({', '.join(PREDICATEN)})", file=path, line=line)
    obj = expand(row["object_id"], "object_id")
    if not ESCO_URI.match(obj):
        raise BeroepenError(f"object_id '{row['object_id']}' is geen ESCO-URI (beroep, vaardigheid "
                            "of ISCO-groep)", file=path, line=line)
    try:
        confidence = float(row["confidence"])
    except (TypeError, ValueError):
        confidence = -1.0
    if not 0 <= confidence <= 1:
        raise BeroepenError(f"confidence '{row['confidence']}' is geen getal van 0 tot 1", file=path, line=line)
    if len((row.get("comment") or "").strip()) < 10:
        raise BeroepenError("comment (de verantwoording van de mapping) ontbreekt of is te kort",
                            file=path, line=line)
    return Mapping(line, expand(row["subject_id"], "subject_id"), row["subject_label"] or "",
                   row["predicate_id"], obj, row["object_label"] or "",
                   expand(row["mapping_justification"], "mapping_justification"), confidence,
                   expand(row["author_id"], "author_id"), row.get("author_label") or "",
                   row["comment"].strip())


def _unique(mappings, path):
    seen = {}
    for m in mappings:
        if m.slug in seen:
            raise BeroepenError(f"{m.subject} en {m.object} staan al in regel {seen[m.slug]}",
                                file=path, line=m.regel)
        seen[m.slug] = m.regel


def triples(path):
    """The graph of one crosswalk file: the mapping triples, a record per mapping, the set."""
    metadata, mappings = read(path)
    graph = Graph()
    bron = URIRef(metadata.get("mapping_set_id") or INST["bron/esco-crosswalk"])
    graph.add((bron, RDF.type, BO.Bron))
    graph.add((bron, RDF.type, SSSOM.MappingSet))
    graph.add((bron, DCT.title, Literal(metadata.get("mapping_set_title") or Path(path).name, lang="nl")))
    for key, prop in (("mapping_set_version", OWL.versionInfo), ("mapping_set_description", DCT.description),
                      ("comment", RDFS.comment)):
        if metadata.get(key):
            graph.add((bron, prop, Literal(str(metadata[key]), lang="nl" if key != "mapping_set_version" else None)))
    if metadata.get("license"):
        graph.add((bron, DCT.license, URIRef(metadata["license"])))
    for m in mappings:
        _add(graph, m, bron, Path(path).name)
    return graph


def _add(graph, m, bron, bestand):
    subject, obj, pred = URIRef(m.subject), URIRef(m.object), PREDICATEN[m.predicaat]
    graph.add((subject, pred, obj))
    record = m.iri
    local = m.predicaat.split(":")[1]
    graph.add((bron, SSSOM.mappings, record))
    for p, o in ((RDF.type, OWL.Axiom), (OWL.annotatedSource, subject), (OWL.annotatedProperty, pred),
                 (OWL.annotatedTarget, obj),
                 (SSSOM.mapping_justification, URIRef(m.justification)),
                 (SSSOM.confidence, Literal(m.confidence, datatype=XSD.double)),
                 (SSSOM.subject_label, Literal(m.subject_label)),
                 (SSSOM.object_label, Literal(m.object_label)),
                 (PAV.authoredBy, URIRef(m.auteur)),
                 (RDFS.comment, Literal(m.toelichting, lang="nl")),
                 (SKOS.prefLabel, Literal(f"ESCO-mapping: {m.subject_label} {PREDICAAT_NL[local]} "
                                          f"{m.object_label}", lang="nl")),
                 (DCT.source, bron),
                 (BO.bronsectie, Literal(f"{bestand}, regel {m.regel}"))):
        graph.add((record, p, o))
    if m.auteur_label:
        graph.add((record, SSSOM.author_label, Literal(m.auteur_label, lang="nl")))
