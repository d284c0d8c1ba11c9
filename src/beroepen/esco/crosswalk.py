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
from rdflib import Graph
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
    beoordelaar: str = ""  # SSSOM reviewer_id: the domain expert who reviewed it, if one did

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
        iri = str(prefixes[prefix]) + local
        if not _IRI.match(iri):
            raise BeroepenError(f"{what} '{curie}' wordt geen geldige IRI ('{iri}')", file=path, line=line)
        return iri

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
                   row["comment"].strip(),
                   expand(row["reviewer_id"], "reviewer_id") if row.get("reviewer_id") else "")


def _unique(mappings, path):
    seen = {}
    for m in mappings:
        if m.slug in seen:
            raise BeroepenError(f"{m.subject} en {m.object} staan al in regel {seen[m.slug]}",
                                file=path, line=m.regel)
        seen[m.slug] = m.regel


def ntriples(path):
    """The triples of one crosswalk file as N-Triples text: the mapping triples, a record per
    mapping, the set. Written out directly (not through rdflib terms): loading the graph pays
    for it in every process, and this is about four times cheaper."""
    metadata, mappings = read(path)
    bron = metadata.get("mapping_set_id") or str(INST["bron/esco-crosswalk"])
    if not _IRI.match(str(bron)):
        raise BeroepenError(f"mapping_set_id '{bron}' is geen IRI", file=path)
    lines = [_triple(bron, RDF.type, _iri(BO.Bron)), _triple(bron, RDF.type, _iri(SSSOM.MappingSet)),
             _triple(bron, DCT.title, _lit(metadata.get("mapping_set_title") or Path(path).name, "nl"))]
    for key, prop, lang in (("mapping_set_version", OWL.versionInfo, None),
                            ("mapping_set_description", DCT.description, "nl"), ("comment", RDFS.comment, "nl")):
        if metadata.get(key):
            lines.append(_triple(bron, prop, _lit(str(metadata[key]), lang)))
    if metadata.get("license") and _IRI.match(str(metadata["license"])):
        lines.append(_triple(bron, DCT.license, _iri(metadata["license"])))
    for m in mappings:
        lines += _mapping_triples(m, bron, Path(path).name)
    return "".join(lines)


def triples(path):
    """The same as an rdflib Graph."""
    return Graph().parse(data=ntriples(path), format="nt")


def _mapping_triples(m, bron, bestand):
    subject, obj, pred = _iri(m.subject), _iri(m.object), _iri(PREDICATEN[m.predicaat])
    record = str(m.iri)
    local = m.predicaat.split(":")[1]
    naam = f"ESCO-mapping: {m.subject_label} {PREDICAAT_NL[local]} {m.object_label}"
    pairs = ((RDF.type, _iri(OWL.Axiom)), (OWL.annotatedSource, subject), (OWL.annotatedProperty, pred),
             (OWL.annotatedTarget, obj), (SSSOM.mapping_justification, _iri(m.justification)),
             (SSSOM.confidence, _lit(repr(m.confidence), datatype=XSD.double)),
             (SSSOM.subject_label, _lit(m.subject_label)), (SSSOM.object_label, _lit(m.object_label)),
             (PAV.authoredBy, _iri(m.auteur)), (RDFS.comment, _lit(m.toelichting, "nl")),
             (SKOS.prefLabel, _lit(naam, "nl")), (DCT.source, _iri(bron)),
             (BO.bronsectie, _lit(f"{bestand}, regel {m.regel}")))
    lines = [f"{subject} {pred} {obj} .\n", _triple(bron, SSSOM.mappings, _iri(record))]
    lines += [_triple(record, p, o) for p, o in pairs]
    if m.auteur_label:
        lines.append(_triple(record, SSSOM.author_label, _lit(m.auteur_label, "nl")))
    if m.beoordelaar:
        lines.append(_triple(record, SSSOM.reviewer_id, _iri(m.beoordelaar)))
    return lines


_IRI = re.compile(r'^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _iri(text):
    return f"<{text}>"


def _lit(text, lang=None, datatype=None):
    quoted = '"' + re.sub(r'[\\"\n\r]', lambda c: _ESCAPES[c.group()], text) + '"'
    return quoted + (f"@{lang}" if lang else f"^^<{datatype}>" if datatype else "")


def _triple(subject, predicate, obj):
    return f"<{subject}> <{predicate}> {obj} .\n"
