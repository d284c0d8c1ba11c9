"""Every literal is escaped and no link leaves for a javascript: IRI, whatever the data says."""
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, DCTERMS

from beroepen.vocab import ID
from beroepen.web import create_app, pages

EVIL = URIRef(ID + "test/kwaadaardig")
LABEL = '<script>alert("x")</script>'
DESCRIPTION = '"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def client(shipped_graph):
    graph = Graph()
    graph += shipped_graph
    graph.add((EVIL, RDF.type, SKOS.Concept))
    graph.add((EVIL, SKOS.prefLabel, Literal(LABEL, lang="nl")))
    graph.add((EVIL, DCTERMS.description, Literal(DESCRIPTION, lang="nl")))
    graph.add((EVIL, SKOS.closeMatch, URIRef("javascript:alert(1)")))
    app = create_app({"TESTING": True, "GRAPH": graph})
    yield app.test_client()
    pages.close(app)


@pytest.mark.parametrize("url", ["/id/test/kwaadaardig", "/zoek?q=script", "/index",
                                 "/vergelijk?a=test/kwaadaardig&b=test/kwaadaardig"])
def test_literals_come_out_escaped(client, url):
    html = client.get(url).get_data(as_text=True)
    assert "&lt;script&gt;" in html
    assert LABEL not in html and DESCRIPTION not in html
    assert 'href="javascript:' not in html


def test_json_twin_keeps_the_literal_as_data(client):
    assert client.get("/id/test/kwaadaardig.json").get_json()["label"] == LABEL


@pytest.mark.parametrize("url", ["/id/a%3Eb", "/id/a%20b.json", "/id/x%7D%20.ttl",
                                 "/vergelijk.json?a=x%3Ey&b=beroep", "/id/a%22b",
                                 "/id/%00", "/id/a%01b.json", "/vergelijk.json?a=%00&b=x"])
def test_impossible_iris_are_404_on_both_stores(app, url):
    # on a SPARQL store these would break the query text; they never get that far
    response = app.test_client().get(url, headers={"Accept": "text/html"})
    assert response.status_code == 404
