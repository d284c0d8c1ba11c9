"""HermiT (through owlready2, on the machine's Java) judges ontology + data."""
from rdflib import Graph

from beroepen.kennisgraaf.graaf import load_graph
from beroepen.kennisgraaf.reasoning import check_consistency

PREFIXES = """@prefix bo: <https://w3id.org/beroepen/def#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://w3id.org/beroepen/id/test/> .
"""


def with_ontology(turtle):
    graph = load_graph([])
    graph.parse(data=PREFIXES + turtle, format="turtle")
    return graph


def test_shipped_graph_is_consistent(shipped_graph):
    result = check_consistency(shipped_graph)
    assert result.consistent and not result.unsatisfiable, result.message


def test_disjoint_competence_kinds_are_inconsistent():
    result = check_consistency(with_ontology("t:c a bo:GeneriekeCompetentie , bo:SpecifiekeCompetentie ."))
    assert not result.consistent
    assert "inconsistent" in result.message


def test_hermit_accepts_xsd_date_ranges_and_values():
    # Regression: HermiT rejects datatypes outside the OWL 2 map (xsd:date, xsd:gYear) with a
    # Java exception; they must not stop the consistency check.
    graph = with_ontology("""
        bo:proefdatum a owl:DatatypeProperty ; rdfs:range xsd:date .
        t:x bo:proefdatum "2020-01-31"^^xsd:date ; bo:proefjaar "2020"^^xsd:gYear .""")
    assert check_consistency(graph).consistent


def test_hermit_runs_when_the_working_directory_is_the_root(shipped_graph, monkeypatch):
    # Regression: from "/" HermiT failed with "unable to create default IRI base".
    monkeypatch.chdir("/")
    assert check_consistency(shipped_graph).consistent


def test_hermit_leaves_no_copy_of_the_graph_in_tmp_on_inconsistency(tmp_path, monkeypatch):
    # Regression: owlready2 removes its copy of the graph for HermiT only when HermiT succeeds.
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    graph = with_ontology("t:c a bo:GeneriekeCompetentie , bo:SpecifiekeCompetentie .")
    assert not check_consistency(graph).consistent
    assert list(tmp_path.iterdir()) == []


def test_hermit_reads_a_graph_whose_first_triple_is_longer_than_1000_bytes():
    # Regression: owlready2 guessed the format from the first 1,000 bytes and took N-Triples
    # whose first line was longer (a long definition) for RDF/XML: every build failed.
    graph = Graph()
    graph.parse(data=PREFIXES + f't:lang rdfs:comment "{"lange tekst " * 200}" .', format="turtle")
    assert len(graph.serialize(format="nt").splitlines()[0]) > 1000
    result = check_consistency(graph)
    assert result.consistent and not result.unsatisfiable, result.message
