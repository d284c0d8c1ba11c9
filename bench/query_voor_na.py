"""A named query before and after a rewrite: the same rows in the same order, and CPU per run.

    .venv/bin/python bench/query_voor_na.py NAAM [COMMIT] [--runs N]

Runs the query as it was at COMMIT (default HEAD) and as it is in the working tree, with each
typical parameter set of tests/test_engines.py (SHIPPED), on rdflib and pyoxigraph; prints per
case whether the answers are equal ("zelfde volgorde", "zelfde rijen", "ANDERS") and the CPU
milliseconds of one run before and after. Exit 1 when an answer differs.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_engines import SHIPPED, term_key  # noqa: E402  (the typical parameters)

from beroepen.kennisgraaf.graaf import load_graph  # noqa: E402
from beroepen.kennisgraaf.queries import named_query  # noqa: E402
from beroepen.kennisgraaf.store import EmbeddedStore  # noqa: E402


def _rows(store, text, params):
    return [tuple(sorted((k, term_key(v)) for k, v in row.items())) for row in store.select(text, params)]


def _cpu_ms(store, text, params, runs):
    store.select(text, params)
    start = time.process_time()
    for _ in range(runs):
        store.select(text, params)
    return (time.process_time() - start) / runs * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("naam")
    parser.add_argument("commit", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    new = named_query(args.naam).text
    old = subprocess.run(["git", "show", f"{args.commit}:src/beroepen/kennisgraaf/queries/{args.naam}.rq"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout
    graph, differs = load_graph(), False
    for engine, store in (("rdflib", EmbeddedStore(graph, engine="rdflib")),
                          ("pyoxigraph", EmbeddedStore(engine="oxigraph"))):
        for i, params in enumerate(SHIPPED[args.naam]):
            before, after = _rows(store, old, params), _rows(store, new, params)
            same = ("zelfde volgorde" if before == after else
                    "zelfde rijen" if sorted(map(repr, before)) == sorted(map(repr, after)) else "ANDERS")
            differs |= same == "ANDERS"
            print(f"{args.naam} {engine} geval {i}: {len(after)} rijen, {same}; CPU "
                  f"{_cpu_ms(store, old, params, args.runs):.1f} -> {_cpu_ms(store, new, params, args.runs):.1f} ms")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
