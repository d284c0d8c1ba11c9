"""/sparql: formats, errors, read-only safety, row cap, time limit; embedded and on each real
store (Oxigraph, Virtuoso)."""
import csv
import io
import threading
import time
import urllib.parse

import pytest
from rdflib import Graph, URIRef
from rdflib.query import Result

from beroepen.web import create_app, pages
from support import STORES, loopback_listener, store_endpoint

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SOME = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 3"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CAP = 5


@pytest.fixture(scope="module", params=["embedded", *STORES])
def app(request, shipped_graph):
    config = {"TESTING": True, "SPARQL_ROW_CAP": CAP, "SPARQL_TIMEOUT": 3, "SPARQL_WORKERS": 2}
    if request.param == "embedded":
        config["GRAPH"] = shipped_graph
    else:
        config["ENDPOINT"] = store_endpoint(request, request.param)
    app = create_app(config)
    app.config["MODE"] = request.param
    yield app
    pages.close(app)


@pytest.fixture
def client(app):
    return app.test_client()


def get(client, query, **headers):
    return client.get("/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)


def test_count_matches_the_graph(client, shipped_graph):
    answer = get(client, COUNT, Accept="application/sparql-results+json").get_json()
    assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(shipped_graph)


@pytest.mark.parametrize("accept, parser", [
    ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv")])
def test_select_in_every_results_format(client, accept, parser):
    response = get(client, SOME, Accept=accept)
    assert response.status_code == 200 and response.mimetype == accept
    if parser == "csv":
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
        assert rows[0] == ["s", "p", "o"] and len(rows) == 4
    else:
        result = Result.parse(io.BytesIO(response.data), format=parser)
        assert [str(v) for v in result.vars] == ["s", "p", "o"] and len(list(result)) == 3


@pytest.mark.parametrize("fmt, mimetype, rdflib_format", [
    ("turtle", "text/turtle", "turtle"), ("nt", "application/n-triples", "nt"),
    ("jsonld", "application/ld+json", "json-ld")])
def test_construct_in_every_graph_format(client, shipped_graph, fmt, mimetype, rdflib_format):
    subject = next(s for s in sorted(shipped_graph.subjects()) if isinstance(s, URIRef))
    query = f"CONSTRUCT {{ <{subject}> ?p ?o }} WHERE {{ <{subject}> ?p ?o }}"
    by_param = client.get("/sparql?" + urllib.parse.urlencode({"query": query, "format": fmt}))
    by_accept = get(client, query, Accept=mimetype)
    for response in (by_param, by_accept):
        assert response.status_code == 200 and response.mimetype == mimetype
        graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
        assert len(graph) == min(CAP, len(list(shipped_graph.triples((subject, None, None)))))


def test_post_form_and_direct(client):
    form = client.post("/sparql", data={"query": "ASK {}"})
    direct = client.post("/sparql", data="ASK {}", content_type="application/sparql-query")
    assert form.get_json()["boolean"] is True and direct.get_json()["boolean"] is True


def test_syntax_error_is_400_with_the_parser_message(client):
    response = get(client, "SELECT * WHERE { ?s ?p }")
    assert response.status_code == 400
    assert "col" in response.get_data(as_text=True)  # where the parser stopped


@pytest.mark.parametrize("send", [
    lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}),
    lambda c: c.get("/sparql?update=CLEAR%20ALL"),
    lambda c: c.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update"),
    lambda c: c.post("/sparql", data={"query": "DROP ALL"}),
    lambda c: c.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
    lambda c: c.post("/sparql", data={"query": "SELECT * WHERE {} # x\rINSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
])
def test_updates_are_refused_and_change_nothing(client, shipped_graph, send):
    response = send(client)
    assert 400 <= response.status_code < 500 or response.status_code == 200 and \
        "INSERT" not in response.get_data(as_text=True)
    # a query text never asked before, so the answer is computed now, not taken from a cache
    fresh = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }} # {time.monotonic_ns()}"
    after = get(client, fresh).get_json()["results"]["bindings"][0]["n"]["value"]
    assert int(after) == len(shipped_graph)
    inserted = get(client, f"ASK {{ <urn:a> <urn:b> <urn:c> }} # {time.monotonic_ns()}").get_json()
    assert inserted["boolean"] is False


@pytest.fixture
def listener():
    """A loopback socket that records every connection made to it."""
    with loopback_listener() as pair:
        yield pair


@pytest.mark.parametrize("make", [
    lambda url: {"query": f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"},
    lambda url: {"query": f"SELECT * WHERE {{ ?x ?y ?z FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}"},
    lambda url: {"query": f"SELECT * FROM <{url}graph> WHERE {{ ?s ?p ?o }}"},
    lambda url: {"query": f"SELECT * FROM NAMED <{url}graph> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
    lambda url: {"query": "ASK {}", "default-graph-uri": url + "graph"},
    lambda url: {"query": "ASK {}", "named-graph-uri": url + "graph"},
    lambda url: {"query": f"LOAD <{url}data.ttl>"},
])
def test_no_outbound_request(client, listener, make):
    url, seen = listener
    response = client.get("/sparql?" + urllib.parse.urlencode(make(url)))
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)
    time.sleep(0.3)
    assert seen == []


def test_row_cap_is_visible(client, shipped_graph):
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    response = get(client, query, Accept="application/sparql-results+json")
    data = response.get_json()
    assert len(data["results"]["bindings"]) == CAP < len(shipped_graph)
    assert data["truncated"] is True and response.headers["X-Beroepen-Truncated"] == "true"
    small = get(client, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2")
    assert small.headers["X-Beroepen-Truncated"] == "false" and "truncated" not in small.get_json()


def test_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert (None, None, __import__("rdflib").URIRef(sd + "Service")) in graph
    assert response.status_code == 200


@pytest.fixture
def runaway_app(app, request):
    """The embedded app, or one proxying to an Oxigraph that has its own time limit."""
    if app.config["MODE"] == "embedded":
        yield app
        return
    proxy = create_app({"TESTING": True, "SPARQL_TIMEOUT": 3, "SPARQL_ROW_CAP": CAP,
                        "ENDPOINT": request.getfixturevalue("oxigraph_with_timeout") + "/query"})
    yield proxy
    pages.close(proxy)


def test_runaway_query_is_stopped_and_others_still_answered(runaway_app):
    app = runaway_app
    client = app.test_client()
    client.get("/sparql?query=ASK%7B%7D")  # workers up
    result = {}

    def runaway():
        result["response"] = app.test_client().get(
            "/sparql?" + urllib.parse.urlencode({"query": RUNAWAY}),
            environ_base={"REMOTE_ADDR": "10.0.0.2"})

    thread = threading.Thread(target=runaway)
    thread.start()
    # while it runs (the other worker, another client), pages and queries are answered
    assert client.get("/").status_code == 200
    assert client.get("/sparql?query=ASK%7B%7D").get_json()["boolean"] is True
    thread.join(120)
    assert result["response"].status_code == 503
    assert "tijdslimiet" in result["response"].get_data(as_text=True) or \
        "niet beschikbaar" in result["response"].get_data(as_text=True)
    for _ in range(100):  # a fresh worker takes the killed one's place
        response = client.get("/sparql?query=ASK%7B%7D")
        if response.status_code == 200:
            break
        time.sleep(0.2)
    assert response.get_json()["boolean"] is True


def test_browser_gets_a_results_page(client, shipped_graph):
    response = get(client, SOME, Accept="text/html,*/*;q=0.8")
    assert response.mimetype == "text/html" and "<table" in response.get_data(as_text=True)


def test_memory_hungry_query_is_stopped(shipped_graph):
    # Only the memory limit can stop this query: the time limit is far beyond what sorting
    # 26M rows within 300 MB could take, however busy the machine.
    app = create_app({"TESTING": True, "GRAPH": shipped_graph, "SPARQL_WORKERS": 1,
                      "SPARQL_TIMEOUT": 3600, "SPARQL_WORKER_MEMORY_MB": 300})
    client = app.test_client()
    try:
        hungry = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d"  # sorts 26M rows
        response = get(client, hungry)
        assert response.status_code == 503
        assert "300 MB" in response.get_data(as_text=True)
        for _ in range(100):  # a fresh worker takes its place
            answer = get(client, "ASK {}")
            if answer.status_code == 200:
                break
            time.sleep(0.2)
        assert answer.get_json()["boolean"] is True
    finally:
        pages.close(app)


def test_oversized_query_is_refused_unread(app):
    client = app.test_client()
    big = "ASK {} #" + "x" * (app.config["SPARQL_MAX_QUERY_BYTES"] + 1)
    response = client.post("/sparql", data=big, content_type="application/sparql-query")
    assert response.status_code == 413


def test_head_is_answered_like_get(client):
    head = client.head("/sparql?query=ASK%7B%7D")
    assert head.status_code == 200 and head.mimetype == "application/sparql-results+json"
    assert client.head("/sparql").status_code == 200  # the service description


@pytest.mark.parametrize("query", ["", "   ", "\n", "# alleen commentaar", "PREFIX a: <urn:a>"])
def test_empty_query_is_400(client, query):
    for response in (client.get("/sparql?" + urllib.parse.urlencode({"query": query})),
                     client.post("/sparql", data={"query": query}),
                     client.post("/sparql", data=query, content_type="application/sparql-query")):
        assert response.status_code == 400, response.get_data(as_text=True)


def test_answers_vary_by_accept(client):
    for response in (get(client, "ASK {}"), get(client, "SELECT * WHERE { ?s ?p ?o"),
                     client.get("/sparql", headers={"Accept": "text/turtle"})):
        assert "Accept" in response.headers.get("Vary", "")


def test_service_description_does_not_echo_the_host_header(app):
    response = app.test_client().get("/sparql", headers={"Accept": "text/turtle",
                                                         "Host": "aanvaller.example:666"})
    assert response.status_code == 200
    assert "aanvaller" not in response.get_data(as_text=True)
    configured = create_app({"TESTING": True, "GRAPH": app.config.get("GRAPH"),
                             "ENDPOINT": app.config.get("ENDPOINT"),
                             "PUBLIC_URL": "https://beroepen.example.org"})
    try:
        text = configured.test_client().get("/sparql", headers={
            "Accept": "text/turtle", "Host": "aanvaller.example"}).get_data(as_text=True)
        graph = Graph().parse(data=text, format="turtle")
        sd = "http://www.w3.org/ns/sparql-service-description#"
        assert {str(o) for o in graph.objects(None, URIRef(sd + "endpoint"))} == \
            {"https://beroepen.example.org/sparql"}
    finally:
        pages.close(configured)


def test_long_get_query_is_413(app):
    big = "ASK {} #" + "x" * (app.config["SPARQL_MAX_QUERY_BYTES"] + 1)
    response = app.test_client().get("/sparql?" + urllib.parse.urlencode({"query": big}))
    assert response.status_code == 413
