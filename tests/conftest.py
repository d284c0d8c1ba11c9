import pytest

from support import oxigraph_server


@pytest.fixture(scope="session")
def shapes_graph():
    from beroepen.validation import load_shapes
    return load_shapes()


@pytest.fixture(scope="session")
def shipped_graph():
    from beroepen.graph import load_graph
    return load_graph()


@pytest.fixture(scope="session")
def oxigraph(shipped_graph, tmp_path_factory):
    """An Oxigraph server on 127.0.0.1 (random port) holding the shipped graph.

    Yields its base URL; the query endpoint is base + "/query", the graph store base + "/store".
    """
    import urllib.request
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "store") as base:
        body = shipped_graph.serialize(format="nt", encoding="utf-8")
        request = urllib.request.Request(base + "/store?default", data=body, method="POST",
                                         headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(request, timeout=30)
        yield base
