"""Registration reads its rules from the store it is given (issue 10 item 3): the embedded
graph, a SPARQL store behind --endpoint, or the web app's own store; a store without rules
is a clear error. Plus the layering of registratie/ and the streamed report."""
import ast
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from beroepen.cli import main
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.graaf import load_graph
from beroepen.kennisgraaf.store import EmbeddedStore, RemoteStore
from beroepen.registratie import controleer, rapport, regels, toets
from beroepen.vocab import BO, RDFS
from beroepen.web import create_app
from beroepen.web.registratie import html_chunks

from registratie_hulp import FILES, bestanden

REGISTER = [FILES / "praktijk.csv", FILES / "activiteiten.csv"]
REGISTRATIE = Path(__file__).resolve().parents[2] / "src" / "beroepen" / "registratie"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_herregistratie_on_a_sparql_store_gives_the_embedded_report(sparql_store):
    embedded = run("herregistratie", *REGISTER, "--format", "json", "--peildatum", "2023-06-30")
    on_store = run("herregistratie", *REGISTER, "--format", "json", "--peildatum", "2023-06-30",
                   "--endpoint", sparql_store)
    assert embedded.exit_code == on_store.exit_code == 1, on_store.output
    assert json.loads(on_store.stdout) == json.loads(embedded.stdout)
    assert len(json.loads(on_store.stdout)) == 9


def test_an_own_scheme_file_adds_to_the_rules_of_a_sparql_store(sparql_store, tmp_path):
    from test_registratie_differentieel import EIGEN, _bestanden, adversarieel_register
    eigen = tmp_path / "eigen.ttl"
    eigen.write_text(EIGEN, encoding="utf-8")
    peildatum = date(2021, 3, 1)
    invoer = _bestanden(*adversarieel_register("adversarieel", 3, peildatum))
    verwacht = controleer("herregistratie", invoer, "adversarieel", peildatum,
                          regelboek=regels.load([eigen]))
    op_store = controleer("herregistratie", invoer, "adversarieel", peildatum,
                          regelboek=regels.uit_store(RemoteStore(sparql_store), [eigen]))
    assert op_store == verwacht and op_store["samenvatting"]["voldoet_niet"] > 0


def test_the_web_page_checks_with_the_rules_of_its_store(sparql_store):
    def upload(app):
        data = {"soort": "herregistratie", "register": "nvrg-stw"}
        files = {"praktijk": (open(REGISTER[0], "rb"), "praktijk.csv"),
                 "activiteiten": (open(REGISTER[1], "rb"), "activiteiten.csv")}
        response = app.test_client().post("/registratie.json", data={**data, **files},
                                          content_type="multipart/form-data")
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return response.get_json()
    op_store = upload(create_app({"TESTING": True, "ENDPOINT": sparql_store}))
    assert op_store == upload(create_app({"TESTING": True}))


def zonder_regels():
    """The shipped graph without its registration schemes."""
    graph = load_graph()
    for regeling in set(graph.subjects(BO.eis, None)):
        graph.remove((regeling, None, None))
    return graph


def test_a_store_without_rules_is_a_clear_error():
    with pytest.raises(BeroepenError, match="geen registratie- of herregistratieregelingen"):
        regels.uit_store(EmbeddedStore(zonder_regels()))


def test_a_store_without_rules_is_a_clear_error_on_the_web_page():
    app = create_app({"TESTING": True, "GRAPH": zonder_regels()})
    response = app.test_client().get("/registratie")
    assert response.status_code in (400, 404, 503)
    assert "geen registratie- of herregistratieregelingen" in response.get_data(as_text=True)


def test_rules_come_from_the_store_not_the_shipped_files():
    # A store whose STW scheme asks 30 intervisie meetings instead of 25: its verdicts follow it.
    graph = load_graph()
    eis = next(e for e in graph.subjects(BO.meetwijze, BO.aantalActiviteiten)
               if "nvrg-stw-herregistratie" in str(e))
    graph.set((eis, BO.drempel, Literal(30.0)))
    uit_store = controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"),
                           regelboek=regels.uit_store(EmbeddedStore(graph)))
    intervisie = [e for u in uit_store["uitslagen"] for e in u["eisen"] if e["eis"] == "intervisie"]
    assert {e["vereist"] for e in intervisie} == {30}


def test_verklaring_is_recognised_by_its_iri_not_its_label():
    # Relabel every meetwijze in the ontology: the report keeps rendering a verklaring as one,
    # and shows the store's label.
    graph = load_graph()
    for meetwijze in set(graph.subjects(None, BO.Meetwijze)):
        graph.remove((meetwijze, RDFS.label, None))
        graph.add((meetwijze, RDFS.label, Literal(f"meetwijze {meetwijze.split('#')[-1]}", lang="nl")))
    result = controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"),
                        regelboek=regels.uit_store(EmbeddedStore(graph)))
    tuchtrecht = next(e for e in result["uitslagen"][0]["eisen"] if e["eis"] == "tuchtrecht")
    assert tuchtrecht["meetwijze"] == "meetwijze verklaringAanwezig"
    assert tuchtrecht["meetwijze_iri"] == str(BO.verklaringAanwezig)
    assert "✓ tuchtrecht: aanwezig" in rapport.render(result, "text")


def test_meetwijze_labels_come_from_the_ontology():
    result = controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))
    ontologie = Graph().parse(Path(__file__).resolve().parents[2] / "ontology" / "beroepen.ttl", format="turtle")
    eisen = result["uitslagen"][0]["eisen"]
    assert len({e["meetwijze_iri"] for e in eisen}) == 4
    for eis in eisen:
        labels = {str(l) for l in ontologie.objects(URIRef(eis["meetwijze_iri"]), RDFS.label) if l.language == "nl"}
        assert eis["meetwijze"] in labels


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_the_streamed_report_equals_the_report_in_memory(fmt, tmp_path):
    out = tmp_path / f"rapport.{fmt}"
    result = run("herregistratie", *REGISTER, "--format", fmt, "-o", out)
    assert result.exit_code == 1, result.output
    in_memory = controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))
    assert out.read_text(encoding="utf-8") == rapport.render(in_memory, fmt, html_chunks)


def test_samenvatting_of_the_stream_is_complete_after_the_last_verdict():
    controle = toets("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))
    stroom = controle.stroom()
    gezien = 0
    for uitslag in stroom["uitslagen"]:
        gezien += 1
        assert stroom["samenvatting"]["totaal"] == gezien
    assert stroom["samenvatting"] == controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))[
        "samenvatting"]


def imports(path):
    """The registratie/ modules a module imports (top level and inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
    return found - {"__init__"}


def test_registratie_modules_import_each_other_without_a_cycle():
    modules = {p.stem for p in REGISTRATIE.glob("*.py") if p.stem != "__init__"}
    graph = {m: imports(REGISTRATIE / f"{m}.py") & modules for m in modules}
    assert graph["model"] == set()          # the bottom: rule objects only
    bezocht, pad = set(), []

    def bezoek(module):
        assert module not in pad, f"importcyclus: {' -> '.join(pad + [module])}"
        if module in bezocht:
            return
        pad.append(module)
        for volgende in graph[module]:
            bezoek(volgende)
        pad.pop()
        bezocht.add(module)

    for module in sorted(modules):
        bezoek(module)
