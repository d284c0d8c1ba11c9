"""The vocabulary: namespaces, prefixes and the IRIs of classes and properties, declared once."""
import re

BASE = "https://w3id.org/beroepen/"
ID = BASE + "id/"
DEF = BASE + "def#"

PREFIXES = {
    "bo": DEF,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "esco": "http://data.europa.eu/esco/model#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "bs": "https://w3id.org/beroepen/shapes#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def compact(iri):
    """A readable short form of an IRI: bo:Beroepstaak, id/beroep/vaktherapeut."""
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def is_beroepen_iri(text):
    return bool(re.match(re.escape(BASE), str(text)))
