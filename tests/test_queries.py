"""Named queries: each one runs, parameters bind, bad input is exit 2."""
import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from beroepen.cli import main
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.kennisgraaf.matrix import matrix
from beroepen.kennisgraaf.queries import all_queries

BO = "https://w3id.org/beroepen/def#"


def run(*args):
    return CliRunner().invoke(main, ["query", *args])


@pytest.mark.parametrize("query", all_queries(), ids=lambda q: q.name)
def test_every_named_query_parses_and_says_what_it_is(query):
    prepareQuery(query.text)
    assert query.titel and query.titel != query.name
    assert query.beschrijving


@pytest.fixture(scope="module")
def bcp_matrix(shipped_graph):
    return {r["nummer"]: r["competenties"] for r in matrix(EmbeddedStore(shipped_graph), "vaktherapeut")["rijen"]}


def rows(*args):
    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_competences_of_one_task(bcp_matrix):
    found = rows("competenties-per-beroepstaak", "-p", "nummer=3")
    assert {r["nummer"] for r in found} == {"3"}
    assert sorted(r["code"] for r in found) == sorted(bcp_matrix[3])


def test_tasks_of_one_competence(bcp_matrix):
    found = rows("beroepstaken-per-competentie", "-p", "code=D")
    assert sorted(int(r["nummer"]) for r in found) == sorted(n for n, cs in bcp_matrix.items() if "D" in cs)


def test_indicators_of_one_competence_in_source_order(shipped_graph):
    found = rows("gedragskenmerken-per-competentie", "-p", "code=A")
    competence = next(s for s in shipped_graph.subjects(URIRef(BO + "indicator"), None)
                      if str(s).endswith("/competentie/A"))
    assert len(found) == len(list(shipped_graph.objects(competence, URIRef(BO + "indicator"))))
    assert [int(r["volgorde"]) for r in found] == list(range(1, len(found) + 1))


def test_everything_from_one_section():
    found = rows("uit-bronsectie", "-p", "sectie=BCP Vaktherapeut §4.1")
    assert found and all(r["bronsectie"].startswith("BCP Vaktherapeut §4.1") for r in found)


def test_json_and_table_formats():
    result = run("competenties-per-beroepstaak", "-p", "nummer=1", "--format", "json")
    assert result.exit_code == 0
    assert {r["nummer"] for r in json.loads(result.output)} == {"1"}
    assert run("competenties-per-beroepstaak").output.splitlines()[0].split()[:2] == ["nummer", "beroepstaak"]


def test_query_from_a_file(tmp_path):
    path = tmp_path / "telling.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows(str(path))[0]["n"]) > 0


@pytest.mark.parametrize("args, message", [
    (["bestaat-niet"], "onbekende query 'bestaat-niet'"),
    (["competenties-per-beroepstaak", "-p", "taak=3"], "onbekende parameter(s) taak"),
    (["competenties-per-beroepstaak", "-p", "nummer=drie"], "verwacht een integer"),
    (["competenties-per-beroepstaak", "-p", "nummer"], "'nummer' heeft de vorm naam=waarde nodig"),
])
def test_bad_input_is_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_malformed_query_file_is_exit_2(tmp_path):
    path = tmp_path / "kapot.rq"
    path.write_text("SELECT ?s WHERE { ?s ?p }")
    result = run(str(path))
    assert result.exit_code == 2
    assert "kapot" in result.output and "Traceback" not in result.output
