"""The web app on the embedded graph and on an Oxigraph server: page tests run on both."""
import pytest

from web_hulp import wait_for, free_port

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


@pytest.fixture
def empty_oxigraph(tmp_path):
    """A fresh, empty Oxigraph server on 127.0.0.1 with a random port; stopped afterwards."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "store"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(base + "/query?query=ASK%7B%7D"), "oxigraph did not start"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
