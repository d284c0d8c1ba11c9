"""The same commands give the same answers on real SPARQL 1.1 stores (Oxigraph, Virtuoso)."""
from click.testing import CliRunner

from beroepen.cli import main
from support import free_port


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_matrix_on_the_store_equals_the_embedded_matrix(sparql_store):
    embedded = run("matrix", "--profiel", "vaktherapeut")
    remote = run("matrix", "--profiel", "vaktherapeut", "--endpoint", sparql_store)
    assert remote.exit_code == 0, remote.output
    assert remote.output == embedded.output
    assert len(remote.output.splitlines()) == 12


def test_bound_parameters_reach_the_store(sparql_store):
    args = ["query", "competenties-per-beroepstaak", "-p", "nummer=4", "--format", "csv"]
    embedded = run(*args)
    remote = run(*args, "--endpoint", sparql_store)
    assert remote.exit_code == 0, remote.output
    assert remote.output == embedded.output
    assert {line.split(",")[0] for line in remote.output.splitlines()[1:]} == {"4"}


def test_unreachable_endpoint_is_exit_4():
    # exit 4 (niet-beschikbaar): the input may be right, the store is not there; try again
    result = run("matrix", "--profiel", "vaktherapeut", "--endpoint",
                 f"http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 4
    assert "niet bereikbaar" in result.output
    assert "Traceback" not in result.output


def test_bound_parameter_constrains_an_aggregate_on_the_store_as_embedded(sparql_store, tmp_path):
    # Regression: a VALUES block after the query joins with its aggregated result, so the
    # count covered every task instead of the bound one.
    query = tmp_path / "telling.rq"
    query.write_text("# parameters: nummer:integer\n"
                     "PREFIX bo: <https://w3id.org/beroepen/def#>\n"
                     "SELECT (COUNT(?c) AS ?n) WHERE { ?t bo:nummer ?nummer ; bo:relatieMetCompetentie ?c }\n")
    args = ["query", str(query), "-p", "nummer=1", "--format", "csv"]
    embedded = run(*args)
    remote = run(*args, "--endpoint", sparql_store)
    every_task = run("query", str(query), "--format", "csv")
    assert remote.exit_code == 0, remote.output
    assert remote.output == embedded.output
    assert remote.output != every_task.output


def test_endpoint_that_answers_with_an_error_is_exit_4(sparql_store):
    # Regression: SPARQLWrapper's EndPointNotFound escaped as a traceback.
    missing = sparql_store.rsplit("/", 1)[0] + "/bestaat-niet"
    result = run("matrix", "--profiel", "vaktherapeut", "--endpoint", missing)
    assert result.exit_code == 4
    assert "SPARQL-endpoint weigert de query" in result.output
    assert "Traceback" not in result.output
