"""The web app on the embedded graph and on an Oxigraph server: page tests run on both."""
import pytest

from beroepen.web import create_app, pages


@pytest.fixture(scope="session", params=["embedded", "oxigraph"])
def app(request, shipped_graph):
    if request.param == "embedded":
        config = {"TESTING": True, "GRAPH": shipped_graph}
    else:
        config = {"TESTING": True, "ENDPOINT": request.getfixturevalue("oxigraph") + "/query"}
    app = create_app(config)
    app.config["MODE"] = request.param
    yield app
    pages.close(app)


@pytest.fixture
def client(app):
    return app.test_client()
