"""How long Virtuoso (Debian's virtuoso-t) takes to start on a fresh database and to load the
release's N-Triples, with the same helper and statements the tests use (tests/support.py).

    python bench/virtuoso.py [--runs 3]

Prints one line per run and the medians; nothing is written outside a temporary folder.
"""
import argparse
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support import virtuoso_server  # noqa: E402


def release_ntriples():
    from beroepen.kennisgraaf.graaf import load_graph
    graph = load_graph()
    return graph.serialize(format="nt", encoding="utf-8"), len(graph)


def count(endpoint):
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).encode()
    request = urllib.request.Request(endpoint, data=body, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[-1])


def run(data):
    with tempfile.TemporaryDirectory() as tmp:
        begin = time.monotonic()
        with virtuoso_server(Path(tmp) / "virtuoso") as server:
            started = time.monotonic()
            server.load(data)
            loaded = time.monotonic()
            triples = count(server.endpoint)
        return started - begin, loaded - started, triples


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data, size = release_ntriples()
    starts, loads = [], []
    for i in range(args.runs):
        start, load, triples = run(data)
        assert triples == size, f"Virtuoso holds {triples} triples, the release {size}"
        starts.append(start)
        loads.append(load)
        print(f"run {i + 1}: start {start:.2f} s, load {load:.2f} s ({triples} triples)")
    print(f"median of {args.runs}: start {statistics.median(starts):.2f} s, "
          f"load {statistics.median(loads):.2f} s, {size} triples, {len(data) / 1e6:.1f} MB N-Triples")


if __name__ == "__main__":
    main()
