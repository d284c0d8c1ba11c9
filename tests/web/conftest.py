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


# Browser tests (test_browser.py, test_journeys.py, test_axe.py): one live server and one
# headless Chromium for the session; each test gets a fresh context (no shared cookies) whose
# page is watched (tests/browsing.py). A test picks the width with
# @pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True); default 1280.
@pytest.fixture(scope="session")
def live_server(shipped_graph):
    """The web app on the shipped graph, served by waitress on a free loopback port."""
    import threading
    from waitress import create_server
    app = create_app({"GRAPH": shipped_graph, "SPARQL_WORKERS": 1})
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=4)  # the OS picks a free port
    threading.Thread(target=wsgi.run, daemon=True).start()
    yield f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.close()
    pages.close(app)


@pytest.fixture
def page(request, browser, live_server):
    import browsing
    width = getattr(request, "param", 1280)
    context = browser.new_context(viewport={"width": width, "height": browsing.HEIGHTS[width]},
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(browsing.TIMEOUT_MS)
    page.set_default_navigation_timeout(browsing.NAVIGATION_TIMEOUT_MS)
    page.watch = browsing.Watch(page, live_server)
    page.requests = page.watch.requests
    yield page
    context.close()
    assert page.watch.outside() == [], f"requests outside our origin: {page.watch.outside()}"
    refused = [e for e in page.watch.errors if "Content Security Policy" in e]
    assert refused == [], f"the page tried what the CSP forbids: {refused}"
