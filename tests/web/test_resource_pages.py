"""Resource pages: /id/… with content negotiation and the .json twin, on both stores."""
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS, DCTERMS

from beroepen.cli import main
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")


def a_task(graph):
    task = next(iter(sorted(graph.subjects(URIRef(str(BO) + "relatieMetCompetentie"), None))), None)
    assert task is not None, "no beroepstaken with competences in data/"
    return task


def test_task_page_shows_label_competences_and_source(client, shipped_graph):
    task = a_task(shipped_graph)
    html = client.get("/id/" + str(task)[len(ID):]).get_data(as_text=True)
    assert str(shipped_graph.value(task, SKOS.prefLabel)).replace("'", "&#39;") in html
    for competence in shipped_graph.objects(task, BO.relatieMetCompetentie):
        assert f'href="/id/{str(competence)[len(ID):]}"' in html
    for section in shipped_graph.objects(task, BO.bronsectie):
        assert str(section).replace("'", "&#39;") in html


def test_json_twin_is_what_show_prints(client, shipped_graph):
    task = a_task(shipped_graph)
    pad = str(task)[len(ID):]
    page = client.get(f"/id/{pad}.json")
    assert page.status_code == 200 and page.mimetype == "application/json"
    shown = CliRunner().invoke(main, ["show", pad, "--format", "json"])
    assert json.loads(shown.output) == page.get_json()


@pytest.mark.parametrize("mimetype, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_iri_dereferences_to_rdf(client, shipped_graph, mimetype, rdflib_format):
    task = a_task(shipped_graph)
    response = client.get("/id/" + str(task)[len(ID):], headers={"Accept": mimetype})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    assert set(graph.triples((task, None, None))) == set(shipped_graph.triples((task, None, None)))
    assert set(graph.triples((None, None, task))) == set(shipped_graph.triples((None, None, task)))


def test_browser_gets_html(client, shipped_graph):
    task = a_task(shipped_graph)
    response = client.get("/id/" + str(task)[len(ID):],
                          headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"


def test_unknown_resource_is_404_with_suggestions(client, shipped_graph):
    task = str(a_task(shipped_graph))[len(ID):]
    response = client.get("/id/" + task + "9x")
    assert response.status_code == 404
    assert task in response.get_data(as_text=True)
    assert client.get("/id/" + task + "9x.json").status_code == 404


def test_english_labels_on_request(client, shipped_graph):
    with_en = sorted(s for s, o in shipped_graph.subject_objects(SKOS.prefLabel)
                     if getattr(o, "language", None) == "en" and str(s).startswith(ID))
    assert with_en, "no English labels in the data"
    iri = with_en[0]
    english = [str(o) for o in shipped_graph.objects(iri, SKOS.prefLabel) if o.language == "en"]
    data = client.get(f"/id/{str(iri)[len(ID):]}.json?lang=en").get_json()
    assert data["label"] in english


def test_security_headers(client):
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_csv_download_lists_the_tasks_that_need_a_competence(client, shipped_graph):
    import csv
    import io
    competence = next(iter(sorted(shipped_graph.objects(None, BO.relatieMetCompetentie))), None)
    assert competence is not None, "no competences linked to a beroepstaak in data/"
    response = client.get(f"/id/{str(competence)[len(ID):]}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    named_by = {r["iri"] for r in rows if r["richting"] == "genoemd door"}
    assert {str(t) for t in shipped_graph.subjects(BO.relatieMetCompetentie, competence)} <= named_by
    sections = {r["waarde"] for r in rows if r["richting"] == "bron"}
    assert {str(s) for s in shipped_graph.objects(competence, BO.bronsectie)} <= sections
