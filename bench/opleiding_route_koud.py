"""Cold time of the route pages on the embedded graph: per profession a fresh process that
creates the app (graph loaded by Oxigraph) and asks /opleiding/route/<beroep> once.

    .venv/bin/python bench/opleiding_route_koud.py [--runs 3] [--beroep vaktherapeut ...]

Prints, per profession, the median over --runs fresh processes of: app start (create_app,
graph load), the first request (wall and CPU of the process) and the second request (the
answer kept by the page's cache). The issue's target: the first request under 200 ms.
Markdown for bench/RESULTS.md.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

KIND = r"""
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from beroepen.web import create_app
app = create_app({"TESTING": True})
client = app.test_client()
t1, c1 = time.perf_counter(), time.process_time()
response = client.get(sys.argv[1])
t2, c2 = time.perf_counter(), time.process_time()
assert response.status_code == 200, response.status_code
client.get(sys.argv[1])
t3 = time.perf_counter()
print(json.dumps({"start": t1 - t0, "eerste": t2 - t1, "eerste_cpu": c2 - c1, "tweede": t3 - t2,
                  "bytes": len(response.data)}))
"""


def beroepen():
    from beroepen.opleiding import routes
    return [b["iri"].rsplit("/", 1)[-1] for b in routes.beroepen_met_route()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--beroep", nargs="*")
    args = parser.parse_args()
    print(f"`{' '.join(['python', 'bench/opleiding_route_koud.py'] + sys.argv[1:])}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    print("| page | app start ms | first request wall / CPU ms | second request ms | HTML kB |")
    print("|---|---:|---:|---:|---:|")
    for beroep in args.beroep or beroepen():
        url = f"/opleiding/route/{beroep}"
        runs = [json.loads(subprocess.run([sys.executable, "-c", KIND, url], check=True,
                                          capture_output=True, text=True).stdout) for _ in range(args.runs)]
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(f"| {url} | {med['start'] * 1000:.0f} | {med['eerste'] * 1000:.0f} / {med['eerste_cpu'] * 1000:.0f} "
              f"| {med['tweede'] * 1000:.1f} | {med['bytes'] / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
