"""The W3C SPARQL 1.1 Protocol tests, driven by the manifest in ../shared/w3c-sparql11-protocol/.

Query tests must pass as the manifest says. Update tests must be refused with a 4xx: this
endpoint is read-only, so the update request is checked and the rest of that test (which reads
what the update wrote) is not run. The graphs the tests name are held by the endpoint: those
with data in the manifest (ut:graphData) from their local copies, the ones the manifest gives
no data for (data0.rdf) as empty graphs. Nothing is fetched from kasei.us.
"""
import os
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, RDF
from rdflib.collection import Collection

from beroepen.web import create_app, pages

SUITE = Path(__file__).resolve().parents[2].parent / "shared" / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
TABULAR = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"}


def manifest():
    if not (SUITE / "manifest.ttl").is_file():
        return None
    graph = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=SUITE.as_uri() + "/")
    return graph


def read_tests(graph):
    root = graph.value(predicate=RDF.type, object=MF.Manifest)
    tests = []
    for test in Collection(graph, graph.value(root, MF.entries)):
        action = graph.value(test, MF.action)
        requests = [read_request(graph, r) for r in Collection(graph, graph.value(action, HT.requests))]
        data = {str(graph.value(d, RDFS.label)): Path(urllib.parse.urlparse(str(graph.value(d, UT.graph))).path)
                for d in graph.objects(test, UT.graphData)}
        tests.append({"id": str(test).rsplit("#", 1)[-1], "name": str(graph.value(test, MF.name)),
                      "requests": requests, "data": data})
    return tests


def read_request(graph, node):
    body = graph.value(node, HT.body)
    headers = {}
    if graph.value(node, HT.headers) is not None:
        for h in Collection(graph, graph.value(node, HT.headers)):
            headers[str(graph.value(h, HT.fieldName))] = str(graph.value(h, HT.fieldValue))
    response = graph.value(node, HT.resp)
    boolean = graph.value(response, MF.expectedBoolean)
    return {
        "method": str(graph.value(node, HT.methodName)),
        "path": str(graph.value(node, HT.absolutePath)),
        "headers": headers,
        "body": None if body is None else str(graph.value(body, CNT.chars)).encode(
            str(graph.value(body, CNT.characterEncoding) or "UTF-8")),
        "status": {str(s).rsplit("#StatusCode", 1)[-1][0] for s in graph.objects(response, MF.expectedStatus)},
        "format": str(graph.value(response, MF.expectedFormat) or "") or None,
        "boolean": None if boolean is None else boolean.toPython(),
    }


def is_update(request):
    if request["headers"].get("content-type", "").startswith("application/sparql-update"):
        return True
    query = urllib.parse.parse_qs(urllib.parse.urlparse(request["path"]).query)
    body = request["body"] or b""
    form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if b"=" in body else {}
    return "update" in query or "update" in form or any(k.startswith("using-") for k in query)


def graphs_named(tests):
    """Every graph a request names, with its data file where the manifest gives one."""
    held = {}
    for test in tests:
        for request in test["requests"]:
            query = urllib.parse.parse_qs(urllib.parse.urlparse(request["path"]).query)
            for key in ("default-graph-uri", "named-graph-uri"):
                for iri in query.get(key, []):
                    held.setdefault(iri, None)
        for iri, path in test["data"].items():
            held[iri] = SUITE / path.name
    return held


GRAPH = manifest()
TESTS = read_tests(GRAPH) if GRAPH is not None else []


@pytest.fixture(scope="module")
def client(shipped_graph):
    app = create_app({"TESTING": True, "GRAPH": shipped_graph, "SPARQL_WORKERS": 1,
                      "SPARQL_NAMED_GRAPHS": graphs_named(TESTS)})
    yield app.test_client()
    pages.close(app)


def test_manifest_is_there():
    if GRAPH is None:
        message = f"W3C protocol tests not found at {SUITE} (the shared folder beside the repository)"
        if os.environ.get("CI") == "true":  # CI has ../shared: its absence is a failure there
            pytest.fail(message)
        pytest.skip(message)
    assert len(TESTS) == 34


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_protocol(client, test):
    for request in test["requests"]:
        path = request["path"].replace("/sparql/", "/sparql", 1)
        response = client.open(path, method=request["method"], headers=request["headers"],
                               data=request["body"])
        if is_update(request):
            assert 400 <= response.status_code < 500, (test["id"], response.status_code)
            return  # read-only: what follows reads what the update would have written
        assert str(response.status_code)[0] in request["status"], \
            (test["id"], response.status_code, response.get_data(as_text=True)[:300])
        if request["format"] == "boolean":
            assert response.mimetype in ("application/sparql-results+json", "application/sparql-results+xml")
            value = (response.get_json()["boolean"] if response.mimetype.endswith("json")
                     else b"<boolean>true</boolean>" in response.data)
            if request["boolean"] is not None:
                assert value is request["boolean"], test["id"]
        elif request["format"] == "tabular":
            assert response.mimetype in TABULAR
        elif request["format"] == "RDF":
            assert response.mimetype in RDF_TYPES
