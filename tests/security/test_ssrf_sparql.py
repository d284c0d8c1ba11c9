"""SSRF through /sparql: nothing a query says may make the endpoint or its store fetch
anything — not SERVICE, not FROM — however it is written (comments ended by a bare CR,
Unicode escapes, odd case), on the embedded graph and in store mode (Oxigraph, Virtuoso)."""
import urllib.parse

import pytest

from beroepen.sparql import gate as sparql_gate
from beroepen.web import create_app, pages
from sparql_hulp import listener
from support import STORES, store_endpoint


@pytest.fixture(scope="module", params=["embedded", *STORES])
def app(request, shipped_graph):
    config = {"TESTING": True, "SPARQL_TIMEOUT": 20, "SPARQL_WORKERS": 1}
    if request.param == "embedded":
        config["GRAPH"] = shipped_graph
    else:
        config["ENDPOINT"] = store_endpoint(request, request.param)
    app = create_app(config)
    yield app
    pages.close(app)


# Each variant names {url}; a parser that ends a comment at a bare CR (Oxigraph, the SPARQL
# grammar) reads SERVICE/FROM where rdflib reads a comment.
SERVICE_VARIANTS = {
    "cr-comment": "SELECT ?a WHERE {{ # x\rSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
    "cr-comment-silent": "SELECT ?a WHERE {{ #\rSERVICE SILENT <{url}> {{ ?a ?b ?c }}\n}}",
    "crlf-comment": "SELECT ?a WHERE {{ # x\r\nSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "unicode-escape": "SELECT ?a WHERE {{ \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}",
    "long-unicode-escape": "SELECT ?a WHERE {{ \\U00000053ERVICE <{url}> {{ ?a ?b ?c }} }}",
    "escaped-iri": "SELECT ?a WHERE {{ SERVICE <{url}\\u0078> {{ ?a ?b ?c }} }}",
    "lower-case": "select ?a where {{ service <{url}> {{ ?a ?b ?c }} }}",
    "mixed-case": "SeLeCt ?a WhErE {{ sErViCe <{url}> {{ ?a ?b ?c }} }}",
    "in-exists": "SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "bound-variable": "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    "unicode-line-separator": "SELECT ?a WHERE {{ # x\u2028SERVICE <{url}> {{ ?a ?b ?c }}\n}}",
    "form-feed": "SELECT ?a WHERE {{ # x\x0cSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
    "cr-from": "SELECT ?a # x\rFROM <{url}g>\nWHERE {{ ?a ?b ?c }} LIMIT 1",
    "cr-from-named": "SELECT ?a # x\rFROM NAMED <{url}g>\nWHERE {{ GRAPH ?g {{ ?a ?b ?c }} }}",
    "escaped-from": "SELECT ?a \\u0046ROM <{url}g> WHERE {{ ?a ?b ?c }}",
    "cr-ask-service": "ASK {{ # x\rSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
    "cr-construct-service": "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ #\rSERVICE <{url}> {{ ?a ?b ?c }}\n}}",
    # Found by an outside test: the gate's own tokens took the comment for a string (an escaped
    # quote in a prefixed name, '<' as less-than) and passed its bare CR on to the store.
    "escaped-quote-in-name": "PREFIX ex: <http://e/>\nSELECT * WHERE {{ VALUES ?s {{ ex:a\\' }} "
                             "# \\\rSERVICE <{url}> {{ ?a ?b ?c }} #'\n}}",
    "less-than-as-iri": "SELECT * WHERE {{ VALUES ?s {{1}} FILTER(1<2)#x>\"\\\rSERVICE <{url}> "
                        "{{?a ?b ?c}} #\"\n}}",
    "escaped-quote-from": "PREFIX ex: <http://e/>\nSELECT (ex:a\\' AS ?x) # \\\rFROM <{url}from> #'\n"
                          "WHERE {{ ?s ?p ?o }}",
}


@pytest.mark.parametrize("name", sorted(SERVICE_VARIANTS))
@pytest.mark.parametrize("method", ["get", "post-form", "post-direct"])
def test_no_query_variant_reaches_the_network(app, name, method):
    client = app.test_client()
    with listener() as (url, seen):
        query = SERVICE_VARIANTS[name].format(url=url)
        if method == "get":
            response = client.get("/sparql?" + urllib.parse.urlencode({"query": query}))
        elif method == "post-form":
            response = client.post("/sparql", data={"query": query})
        else:
            response = client.post("/sparql", data=query.encode("utf-8"),
                                   content_type="application/sparql-query")
        # refused (4xx) or run without what rdflib read as a comment (200); never a 5xx
        assert response.status_code in (200, 400, 403), response.get_data(as_text=True)
    assert seen == [], (name, seen)


def test_store_gets_the_query_as_the_gate_read_it_cr_from(app, shipped_graph):
    # rdflib reads the FROM after a bare CR as comment; a store that ends the comment at the
    # CR would count the (empty) graph <urn:leeg> instead of the default graph.
    query = "SELECT (COUNT(*) AS ?n) # x\rFROM <urn:leeg>\nWHERE { ?s ?p ?o }"
    response = app.test_client().post("/sparql", data={"query": query},
                                      headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert int(response.get_json()["results"]["bindings"][0]["n"]["value"]) == len(shipped_graph)


def test_a_query_with_windows_line_ends_still_runs_in_store_mode(app):
    query = "SELECT ?s # een commentaar\r\nWHERE { ?s ?p ?o }\r\nLIMIT 1\r\n"
    response = app.test_client().post("/sparql", data={"query": query},
                                      headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert len(response.get_json()["results"]["bindings"]) == 1


@pytest.mark.parametrize("name", sorted(SERVICE_VARIANTS))
def test_gate_sends_no_service_or_from(name):
    url = "http://127.0.0.1:9/"
    try:
        checked, _ = sparql_gate.check(SERVICE_VARIANTS[name].format(url=url))
    except sparql_gate.QueryError as err:
        assert err.status in (400, 403)
        return
    upper = checked.text.upper()
    assert "SERVICE" not in upper and "FROM" not in upper and url not in checked.text
    assert "\r" not in checked.text and "\\U" not in upper


def test_ambiguous_reading_is_refused_not_sent():
    # '\u005C' is a backslash: expanded once it makes a new escape '\u0053' (S), which a
    # store that expands again would read as SERVICE; the gate refuses instead.
    query = "SELECT ?a WHERE { ?a ?b \"\\u005Cu0053\" }"
    with pytest.raises(sparql_gate.QueryError) as err:
        sparql_gate.check(query)
    assert err.value.status == 400


def test_comments_are_gone_and_strings_kept():
    checked, _ = sparql_gate.check('SELECT ?a WHERE { ?a ?b "x # y" . # weg\r\n <urn:a#b> ?b ?a }')
    assert "weg" not in checked.text and '"x # y"' in checked.text and "<urn:a#b>" in checked.text


def test_relative_iris_do_not_reveal_the_stores_address(app):
    # Regression (outside test): in store mode <> and IRI("rel") resolved against the store's
    # own URL (http://127.0.0.1:PORT/query) and so showed it.
    query = 'SELECT ?x ?y WHERE { BIND(<> AS ?x) BIND(IRI("rel") AS ?y) }'
    response = app.test_client().post("/sparql", data={"query": query},
                                      headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "127.0.0.1" not in response.get_data(as_text=True)
