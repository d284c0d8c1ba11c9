"""The web app on the shipped graph, for the registratie page tests."""
import pytest

from beroepen.web import create_app


@pytest.fixture(scope="module")
def app(shipped_graph):
    return create_app({"TESTING": True, "GRAPH": shipped_graph})


@pytest.fixture
def client(app):
    return app.test_client()
