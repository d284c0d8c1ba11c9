import pytest

from support import (BCP_SEED, SEEDS, STORES, oxigraph_server, require_shared, store_endpoint,
                     virtuoso_server)


@pytest.fixture(scope="session")
def seeds():
    """../shared/seeds: skipped without it, failed without it under CI=true (support.require_shared).
    Session-scoped, so it runs before any module fixture that reads a seed."""
    return require_shared(SEEDS)


@pytest.fixture(scope="session")
def bcp_seed():
    """The BCP Vaktherapeut seed text's path, as `seeds`."""
    return require_shared(BCP_SEED)


@pytest.fixture(scope="session")
def shapes_graph():
    from beroepen.kennisgraaf.validation import load_shapes
    return load_shapes()


@pytest.fixture(scope="session")
def shipped_graph():
    from beroepen.kennisgraaf.graaf import load_graph
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


@pytest.fixture(scope="session")
def virtuoso(shipped_graph, tmp_path_factory):
    """A Virtuoso server (Debian's virtuoso-t) on 127.0.0.1 (random ports) holding the shipped
    graph, readable by its public SPARQL endpoint as the default graph of every query.

    Yields a support.Virtuoso; the query endpoint is its `endpoint` (base + "/sparql").
    """
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        server.load(shipped_graph.serialize(format="nt", encoding="utf-8"))
        yield server


@pytest.fixture(scope="session", params=STORES)
def sparql_store(request):
    """The query endpoint URL of each real SPARQL store (Oxigraph server, Virtuoso) in turn,
    both holding the shipped graph: a test that takes it runs once on each."""
    return store_endpoint(request, request.param)


# One Playwright (and one headless Chromium) per test session, shared by every browser test:
# Playwright's sync API cannot be started a second time while another instance runs.
@pytest.fixture(scope="session")
def browser():
    import browsing
    browsing.require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browsing.CHROMIUM, args=browsing.ARGS,
                                     headless=True)
        yield chromium
        chromium.close()
