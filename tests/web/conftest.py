"""The web app on the embedded graph and on the real stores (an Oxigraph server, Virtuoso):
page tests run on each."""
import pytest

from support import STORES, oxigraph_server, store_endpoint

from beroepen.web import create_app, pages


@pytest.fixture(scope="session", params=["embedded", *STORES])
def app(request, shipped_graph):
    if request.param == "embedded":
        config = {"TESTING": True, "GRAPH": shipped_graph}
    else:
        config = {"TESTING": True, "ENDPOINT": store_endpoint(request, request.param)}
    app = create_app(config)
    app.config["MODE"] = request.param
    yield app
    pages.close(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def empty_oxigraph(tmp_path):
    """A fresh, empty Oxigraph server on 127.0.0.1 with a random port; stopped afterwards."""
    with oxigraph_server(tmp_path / "store") as base:
        yield base


@pytest.fixture(scope="module")
def oxigraph_with_timeout(tmp_path_factory, shipped_graph):
    """Oxigraph holding the shipped graph, with its own query time limit (5 s): in proxy mode
    the store must stop a runaway query itself, the web app can only stop waiting for it."""
    from beroepen.web.server import upload
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph") / "store", "--timeout-s", "5") as base:
        upload(base + "/store", shipped_graph.serialize(format="nt", encoding="utf-8"),
               "application/n-triples")
        yield base
