import pytest

from support import free_port, oxigraph_binary


@pytest.fixture(scope="session")
def shapes_graph():
    from beroepen.validation import load_shapes
    return load_shapes()


@pytest.fixture(scope="session")
def shipped_graph():
    from beroepen.graph import load_graph
    return load_graph()


@pytest.fixture(scope="session")
def oxigraph(shipped_graph):
    """An Oxigraph SPARQL server on 127.0.0.1 (random port) holding the shipped graph.

    Yields its base URL; the query endpoint is base + "/query", the graph store base + "/store".
    """
    import subprocess
    import time
    import urllib.request
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # up to 10 s for the server to listen
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        body = shipped_graph.serialize(format="nt", encoding="utf-8")
        request = urllib.request.Request(base + "/store?default", data=body, method="POST",
                                         headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(request, timeout=30)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
