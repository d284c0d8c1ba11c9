"""Latency of the web front-end: median and p95 per page, 1 and 8 concurrent clients, loopback.

Measures the home page, a task page, the matrix page and three named queries sent to /sparql,
with `beroepen serve` (waitress, a separate process) on the embedded graph and on an Oxigraph
server loaded with `beroepen load`. Then, in-process on the embedded graph, each page against
the slowest store query it makes (target: page <= slowest query + 10 ms).

    python bench/web_latency.py [--requests 40]

Prints Markdown for bench/RESULTS.md.
"""
import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from beroepen.vocab import ID
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.kennisgraaf.graaf import default_graph
from beroepen.kennisgraaf.queries import named_query

BEROEPEN = shutil.which("beroepen") or str(Path(sys.executable).with_name("beroepen"))
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
QUERIES = ["competenties-per-beroepstaak", "beroepstaken-per-competentie",
           "gedragskenmerken-per-competentie"]


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def targets():
    graph = default_graph()
    bo = "https://w3id.org/beroepen/def#"
    from rdflib import URIRef
    task = sorted(graph.subjects(URIRef(bo + "relatieMetCompetentie"), None))[0]
    pages = [("home", "GET", "/", None), ("beroepstaak", "GET", "/id/" + str(task)[len(ID):], None),
             ("matrix", "GET", "/matrix/bcp-vaktherapeut", None)]
    for name in QUERIES:
        body = urllib.parse.urlencode({"query": named_query(name).text})
        pages.append((f"query {name}", "POST", "/sparql", body))
    return pages


def one_client(port, target, count, times):
    _, method, path, body = target
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Accept": "application/sparql-results+json"} if body else {}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    for _ in range(count):
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status == 200, (path, response.status)
    conn.close()


def measure(port, target, clients, requests):
    first = []
    one_client(port, target, 2, first)  # warm up; the very first request fills the caches
    times = []
    threads = [threading.Thread(target=one_client, args=(port, target, max(1, requests // clients), times))
               for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    return (statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
            first[0])


def serve(endpoint=None):
    port = free_port()
    command = [BEROEPEN, "serve", "--port", str(port), "--threads", "8", "--sparql-workers", "2"]
    if endpoint:
        command += ["--endpoint", endpoint]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/")
    return port, process


def oxigraph(tmp):
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp / "store"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query?query=ASK%7B%7D")
    subprocess.run([BEROEPEN, "load", "--endpoint", base + "/store"], check=True,
                   stdout=subprocess.DEVNULL)
    return base, process


class TimedStore(EmbeddedStore):
    """The embedded store, remembering how long each query took."""

    def __init__(self, graph):
        super().__init__(graph)
        self.times = []

    def _run(self, query, bindings):
        started = time.perf_counter()
        result = super()._run(query, bindings)
        if getattr(result, "type", None) == "SELECT":
            result.bindings  # materialise: the evaluation happens here
        self.times.append((time.perf_counter() - started) * 1000)
        return result


def page_vs_query(pages, rounds=20):
    from beroepen.web import create_app
    store = TimedStore(default_graph())
    app = create_app({"GRAPH": default_graph(), "PAGE_CACHE": 0})  # measure the work itself
    app.extensions["beroepen.store"] = store
    client = app.test_client()
    rows = []
    for name, method, path, body in pages:
        if method != "GET":
            continue
        client.get(path)
        page_times, slowest = [], []
        for _ in range(rounds):
            store.times.clear()
            started = time.perf_counter()
            client.get(path)
            page_times.append((time.perf_counter() - started) * 1000)
            slowest.append(max(store.times, default=0.0))
        rows.append((name, statistics.median(page_times), statistics.median(slowest)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per target and run")
    args = parser.parse_args()
    pages = targets()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        base, store_process = oxigraph(Path(tmp))
        try:
            for mode, endpoint in (("embedded", None), ("oxigraph", base + "/query")):
                port, process = serve(endpoint)
                try:
                    for clients in (1, 8):
                        for target in pages:
                            results[(mode, clients, target[0])] = measure(port, target, clients, args.requests)
                finally:
                    process.terminate()
                    process.wait(20)
        finally:
            store_process.terminate()
            store_process.wait(20)

    print(f"`python bench/web_latency.py --requests {args.requests}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {len(default_graph())} triples, "
          "waitress 8 threads, 2 query workers, loopback, milliseconds\n")
    print("| target | embedded first request | embedded 1 client median / p95 "
          "| embedded 8 clients median / p95 | Oxigraph first request "
          "| Oxigraph 1 client median / p95 | Oxigraph 8 clients median / p95 |")
    print("|---|---|---|---|---|---|---|")
    for name, *_ in pages:
        cells = []
        for m in ("embedded", "oxigraph"):
            cells.append(f"{results[(m, 1, name)][2]:.1f}")
            cells += [f"{results[(m, c, name)][0]:.1f} / {results[(m, c, name)][1]:.1f}" for c in (1, 8)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nIn-process on the embedded graph without the page cache (Flask test client, no HTTP), "
          "median of 20:\n")
    print("| page | page ms | slowest query ms | page − slowest query ms |")
    print("|---|---|---|---|")
    for name, page, query in page_vs_query(pages):
        print(f"| {name} | {page:.1f} | {query:.1f} | {page - query:.1f} |")


if __name__ == "__main__":
    main()
