"""Dossiers are processed in memory and forgotten: nothing reaches the public graph or data/."""
from beroepen.kennisgraaf.graaf import default_graph
from beroepen.registratie import Bestand, controleer, regels
from beroepen.registratie.dossier import namespace
from beroepen.resources import resource_dir

from registratie_hulp import bestanden, register  # noqa: F401 (fixture)


def test_checking_dossiers_leaves_the_public_graph_and_data_untouched(register):
    before = sorted(p.name for p in resource_dir("data").rglob("*"))
    graph = default_graph()
    size = len(graph)
    controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"), engine="shacl")
    controleer("herregistratie", bestanden("dossier-stw-0004.ttl"))
    assert len(graph) == size
    assert not any(str(s).startswith("urn:beroepen:dossier") for s in graph.subjects())
    assert "Bram Visser" not in {str(o) for o in graph.objects()}
    assert len(regels.shipped().graph) == len(regels.load().graph)   # the cached rules stay clean
    assert sorted(p.name for p in resource_dir("data").rglob("*")) == before


def test_each_run_uses_a_fresh_non_public_namespace():
    a, b = namespace(), namespace()
    assert a != b and str(a).startswith("urn:beroepen:dossier:")
