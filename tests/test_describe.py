"""describe() and resolve() against the shipped graph; expectations come from the graph itself."""
import json

import pytest
from click.testing import CliRunner
from rdflib import Namespace, URIRef
from rdflib.namespace import SKOS, DCTERMS

from beroepen.cli import main
from beroepen.kennisgraaf.describe import describe
from beroepen.kennisgraaf.opzoeken import resolve
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")
PROFIEL = URIRef(ID + "profiel/bcp-vaktherapeut")


@pytest.fixture(scope="module")
def store(shipped_graph):
    return EmbeddedStore(shipped_graph)


def tasks(graph):
    found = sorted(graph.subjects(SKOS.inScheme, PROFIEL))
    found = [t for t in found if (t, None, BO.Beroepstaak) in graph]
    assert found, "no beroepstaken in data/"
    return found


def group(groups, relatie):
    return next((g for g in groups if g["relatie"] == str(relatie)), {"items": []})


def test_every_task_shows_its_competences_both_ways(store, shipped_graph):
    for task in tasks(shipped_graph):
        d = describe(store, task)
        expected = {str(c) for c in shipped_graph.objects(task, BO.relatieMetCompetentie)}
        shown = {i["iri"] for i in group(d["uitgaand"], BO.relatieMetCompetentie)["items"]}
        assert shown == expected, task
        assert d["label"] == str(shipped_graph.value(task, SKOS.prefLabel))  # one Dutch label
        for competence in expected:
            back = describe(store, competence)
            assert str(task) in {i["iri"] for i in
                                 group(back["inkomend"], BO.relatieMetCompetentie)["items"]}


def test_source_document_and_section_are_shown(store, shipped_graph):
    task = tasks(shipped_graph)[0]
    d = describe(store, task)
    assert d["bron"]["documenten"][0]["iri"] == str(shipped_graph.value(task, DCTERMS.source))
    assert d["bron"]["secties"] == [str(s) for s in shipped_graph.objects(task, BO.bronsectie)]
    assert d["bron"]["documenten"][0]["label"]  # the source's own name, not its IRI


def test_codes_resolve_within_the_profile(store, shipped_graph):
    by_code = {}
    for concept in shipped_graph.subjects(SKOS.inScheme, PROFIEL):
        for code in shipped_graph.objects(concept, SKOS.notation):
            by_code.setdefault(str(code), []).append(str(concept))
    unique = {code: iris[0] for code, iris in by_code.items() if len(iris) == 1}
    assert unique, "the profile has codes"
    for code, iri in unique.items():
        assert resolve(store, code) == iri
    for code, iris in by_code.items():
        if len(iris) > 1:  # '3' is task 3 and competence 3: say so, name the paths
            with pytest.raises(BeroepenError) as err:
                resolve(store, code)
            assert all(f"'{i[len(str(PROFIEL)) + 1:]}'" in str(err.value) for i in iris)


def test_paths_and_iris_resolve(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])
    assert resolve(store, task) == task
    assert resolve(store, task[len(ID):]) == task
    assert resolve(store, "/id/" + task[len(ID):]) == task


def test_unknown_name_lists_close_matches(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])[len(ID):]
    with pytest.raises(BeroepenError) as err:
        resolve(store, task[:-1] + "x9")
    assert "bedoelde u" in str(err.value)


def test_english_labels_where_the_graph_has_them(store, shipped_graph):
    with_en = [s for s, o in shipped_graph.subject_objects(SKOS.prefLabel)
               if getattr(o, "language", None) == "en" and str(s).startswith(ID)]
    assert with_en, "no English labels in the data"
    iri = with_en[0]
    english = {str(o) for o in shipped_graph.objects(iri, SKOS.prefLabel) if o.language == "en"}
    assert describe(store, iri, "en")["label"] in english


def test_show_json_is_the_describe_dict(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])
    result = CliRunner().invoke(main, ["show", task[len(ID):], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == describe(store, task)


def test_show_text_names_links_and_source(shipped_graph):
    task = tasks(shipped_graph)[0]
    result = CliRunner().invoke(main, ["show", str(task)])
    assert result.exit_code == 0
    assert str(shipped_graph.value(task, SKOS.prefLabel)) in result.output
    for section in shipped_graph.objects(task, BO.bronsectie):
        assert str(section) in result.output


def test_show_unknown_exits_2_with_suggestions():
    result = CliRunner().invoke(main, ["show", "beroep/vaktherapeutt"])
    assert result.exit_code == 2
    assert "beroep/vaktherapeut" in result.output and "Traceback" not in result.output


def test_show_on_a_sparql_store_prints_the_same(store, shipped_graph, sparql_store):
    task = str(tasks(shipped_graph)[0])
    result = CliRunner().invoke(main, ["show", task[len(ID):], "--format", "json",
                                       "--endpoint", sparql_store])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == describe(store, task)


def test_show_with_an_unknown_profile_names_the_profile():
    # Regression: the message said the code was unknown, not the profile.
    result = CliRunner().invoke(main, ["show", "D", "--profiel", "bestaat-niet"])
    assert result.exit_code == 2
    assert "onbekend profiel 'bestaat-niet'" in result.output


DESCRIPTION_IN_A_FRESH_PROCESS = """
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from beroepen.kennisgraaf.describe import describe
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID
iri = URIRef(ID + "beroep/x")
graph = Graph()
graph.add((iri, SKOS.prefLabel, Literal("x", lang="nl")))
graph.add((iri, SKOS.definition, Literal("de definitie", lang="nl")))
graph.add((iri, DCTERMS.description, Literal("de lange beschrijving", lang="nl")))
print(describe(EmbeddedStore(graph), iri)["beschrijving"])
"""


def test_description_is_the_same_in_every_process():
    """A page showed the definition or the description, by the process's string hashes."""
    import os
    import subprocess
    import sys
    shown = set()
    for seed in ("1", "2", "3", "4"):
        out = subprocess.run([sys.executable, "-c", DESCRIPTION_IN_A_FRESH_PROCESS], check=True,
                             capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, PYTHONHASHSEED=seed))
        shown.add(out.stdout.strip())
    assert shown == {"de definitie"}


def test_a_description_beside_a_definition_is_shown_among_the_properties():
    """The head shows the definition; the description (a longer text from the source) was
    dropped from the page entirely once the head chose the definition."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, SKOS
    from beroepen.kennisgraaf.describe import describe
    from beroepen.kennisgraaf.store import EmbeddedStore
    from beroepen.vocab import ID
    iri = URIRef(ID + "beroep/x")
    graph = Graph()
    graph.add((iri, SKOS.prefLabel, Literal("x", lang="nl")))
    graph.add((iri, SKOS.definition, Literal("de definitie", lang="nl")))
    graph.add((iri, DCTERMS.description, Literal("de lange beschrijving", lang="nl")))
    d = describe(EmbeddedStore(graph), iri)
    shown = {(g["label"], i["waarde"]) for g in d["eigenschappen"] for i in g["items"]}
    assert d["beschrijving"] == "de definitie"
    assert ("beschrijving", "de lange beschrijving") in shown
