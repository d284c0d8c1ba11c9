"""The vocabulary module: every ontology term the code names exists, and no module writes a
namespace IRI of its own."""
import re
from pathlib import Path

from rdflib import Graph, URIRef

from beroepen import vocab
from beroepen.resources import turtle_files

SRC = Path(vocab.__file__).parent
NAMESPACE_STRINGS = ("w3id.org/beroepen/def#", "w3id.org/beroepen/shapes#", "skos/core#",
                     "purl.org/dc/terms", "www.w3.org/ns/shacl#", "www.w3.org/ns/prov#",
                     "sparql-service-description#", "rdfs.org/ns/void#", "xmlns.com/foaf")


def _sources():
    return [p for p in SRC.rglob("*.py") if p.name != "vocab.py"]


def _declared():
    graph = Graph()
    for path in turtle_files("ontology"):
        graph.parse(path, format="turtle")
    return set(graph.subjects())


def test_every_bo_term_the_code_names_is_declared_in_the_ontology():
    declared = _declared()
    used = {(m, p.relative_to(SRC)) for p in _sources()
            for m in re.findall(r"\bBO\.([A-Za-z_]\w*)", p.read_text(encoding="utf-8"))}
    assert used, "no BO.term found: the scan reads nothing"
    missing = sorted(f"bo:{name} ({where})" for name, where in used
                     if URIRef(vocab.DEF + name) not in declared)
    assert not missing, missing


def test_a_misspelt_term_is_not_declared():
    assert URIRef(vocab.DEF + "Beroepstaak") in _declared()
    assert URIRef(vocab.DEF + "Beroepstak") not in _declared()


def test_namespaces_are_written_only_in_vocab():
    found = [f"{p.relative_to(SRC)}:{n}" for p in _sources()
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if any(s in line for s in NAMESPACE_STRINGS) and not line.lstrip().startswith(('"""', "#"))]
    assert not found, found


def test_compact_uses_the_declared_prefixes():
    assert vocab.compact(vocab.BO.Beroepstaak) == "bo:Beroepstaak"
    assert vocab.compact(vocab.SKOS.prefLabel) == "skos:prefLabel"
    assert vocab.compact(vocab.BS["BeroepstaakShape-titel"]) == "bs:BeroepstaakShape-titel"
    assert vocab.compact("urn:x") == "urn:x"
