"""The vocabulary: namespaces, prefixes and the IRIs of classes and properties, declared once.

Code names a term through its namespace (`BO.Beroepstaak`, `SKOS.prefLabel`, `SH.Violation`);
no module writes a namespace IRI as a string of its own. Every `BO.x` the code uses is declared
in ontology/beroepen.ttl (tests/test_vocab.py checks it), so a misspelt term fails a test
instead of silently matching nothing.
"""
import re

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, XSD

BASE = "https://w3id.org/beroepen/"
ID = BASE + "id/"          # instances: id/beroep/vaktherapeut, id/profiel/bcp-vaktherapeut/…
DEF = BASE + "def#"        # the ontology's classes and properties
SHAPES = BASE + "shapes#"  # the SHACL shapes and their named rules

BO = Namespace(DEF)
BS = Namespace(SHAPES)
INST = Namespace(ID)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ESCO = Namespace("http://data.europa.eu/esco/model#")
SH = Namespace("http://www.w3.org/ns/shacl#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
# The /sparql endpoint's service description.
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")
# The ESCO crosswalk's records, in SSSOM's RDF form (esco/crosswalk.py).
SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = Namespace("https://w3id.org/semapv/vocab/")
PAV = Namespace("http://purl.org/pav/")

PREFIXES = {
    "bo": DEF,
    "skos": str(SKOS),
    "dct": str(DCT),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "esco": str(ESCO),
    "owl": str(OWL),
    "sh": str(SH),
    "bs": SHAPES,
    "xsd": str(XSD),
    "sssom": str(SSSOM),
    "semapv": str(SEMAPV),
    "pav": str(PAV),
}
# The prefixes a resource's own RDF (/id/….ttl) is written with.
RESOURCE_PREFIXES = {"bo": DEF, "skos": str(SKOS), "dct": str(DCT), "id": ID}

__all__ = ["BASE", "ID", "DEF", "SHAPES", "BO", "BS", "INST", "SKOS", "DCT", "PROV", "SCHEMA",
           "ESCO", "SSSOM", "SEMAPV", "PAV", "SH", "FOAF", "SD", "FORMATS", "VOID", "OWL", "RDF", "RDFS", "XSD", "PREFIXES", "RESOURCE_PREFIXES",
           "compact", "is_beroepen_iri", "is_ontology_term"]


def compact(iri):
    """A readable short form of an IRI: bo:Beroepstaak, id/beroep/vaktherapeut."""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def is_beroepen_iri(text):
    return bool(re.match(re.escape(BASE), str(text)))


def is_ontology_term(iri):
    """Whether `iri` is a class or property of the beroepen ontology (bo:…)."""
    return str(iri).startswith(DEF)
