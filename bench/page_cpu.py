"""CPU per page request and queries per page, page cache off, in-process (Flask test client).

Wall-clock p95 with 8 clients (bench/web_latency.py) depends on what else the 2 shared cores
run; the CPU one request costs does not, and it bounds that p95 from below: 8 clients on
Python's one interpreter lock wait for each other, so p95 with 8 clients is about 8 × the CPU
of a request when the machine is quiet. Under 20 ms p95 needs about 2.5 ms CPU per request.

    python bench/page_cpu.py [--engines rdflib oxigraph] [--runs 20]

Each engine runs in its own process (BEROEPEN_ENGINE). Prints Markdown for bench/RESULTS.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_latency import ENGINES, PAGES  # noqa: E402


def measure(runs):
    """{page name: {"status", "queries", "cpu_ms"}} on this process's engine."""
    from beroepen.web import create_app
    app = create_app({"TESTING": True, "PAGE_CACHE": 0})
    store = app.extensions["beroepen.store"]
    count = [0]
    for name in ("select", "ask", "construct"):
        call = getattr(store, name)

        def counted(*args, _call=call, **kwargs):
            count[0] += 1
            return _call(*args, **kwargs)
        setattr(store, name, counted)
    client = app.test_client()
    found = {}
    for name, path, status in PAGES:
        client.get(path)  # first request: templates compiled, parsed queries kept
        count[0] = 0
        response = client.get(path)
        queries = count[0]
        times = []
        for _ in range(runs):
            start = time.process_time()
            client.get(path)
            times.append((time.process_time() - start) * 1000)
        found[name] = {"status": response.status_code, "expected": status, "queries": queries,
                       "cpu_ms": statistics.median(times)}
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one engine, for main
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.runs)))
        return
    results = {}
    for engine in args.engines:
        env = dict(os.environ, BEROEPEN_ENGINE=engine)
        out = subprocess.run([sys.executable, __file__, "--json", "--runs", str(args.runs)],
                             env=env, capture_output=True, text=True, check=True).stdout
        results[engine] = json.loads(out)
    load = os.getloadavg()[0]
    print(f"`python bench/page_cpu.py --engines {' '.join(args.engines)} --runs {args.runs}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, page cache off, in-process, "
          f"load average {load:.1f}; CPU ms per request (median), queries per request\n")
    print("| page | queries | " + " | ".join(f"{e} CPU ms" for e in args.engines) +
          " | 8 × CPU (≈ p95 floor, 8 clients) |")
    print("|---|---:|" + "---:|" * len(args.engines) + "---:|")
    last = args.engines[-1]
    for name, _, _ in PAGES:
        row = results[last][name]
        flag = "" if row["status"] == row["expected"] else f" (status {row['status']}!)"
        cells = " | ".join(f"{results[e][name]['cpu_ms']:.1f}" for e in args.engines)
        print(f"| {name}{flag} | {row['queries']} | {cells} | {8 * row['cpu_ms']:.0f} |")


if __name__ == "__main__":
    main()
