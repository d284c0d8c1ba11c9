"""Cold and warm time of /vergelijk on the embedded graph.

Cold: per page and engine a fresh process that creates the app (graph loaded) and asks the
page once: wall and CPU of that first request. Warm: in the same process, the page cache off
(PAGE_CACHE 0), the median CPU of --warm more requests (every query run again), and the time
of a request answered from the page cache (what a second visitor gets).

    .venv/bin/python bench/vergelijk_koud.py [--runs 3] [--warm 20] [--engines oxigraph rdflib]

Prints Markdown for bench/RESULTS.md. The issue's target: the first request under 1 s.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from beroepen.kennisgraaf.store import ENGINE_VARIABLE

PAGES = [
    ("standaard (geen keuze)", "/vergelijk"),
    ("vaktherapeut / STW", "/vergelijk?a=beroep/vaktherapeut&b=beroep/systeemtherapeutisch-werker"),
    ("dramatherapeut / beeldend therapeut", "/vergelijk?a=beroep/dramatherapeut&b=beroep/beeldend-therapeut"),
    ("profielen BCP / STW", "/vergelijk?a=profiel/bcp-vaktherapeut&b=profiel/stw"),
    ("JSON vaktherapeut / STW", "/vergelijk.json?a=beroep/vaktherapeut&b=beroep/systeemtherapeutisch-werker"),
]

KIND = r"""
import json, statistics, sys, time
t0 = time.perf_counter()
from beroepen.web import create_app
app = create_app({"TESTING": True, "PAGE_CACHE": int(sys.argv[3])})
client = app.test_client()
t1, c1 = time.perf_counter(), time.process_time()
response = client.get(sys.argv[1])
t2, c2 = time.perf_counter(), time.process_time()
assert response.status_code == 200, response.status_code
warm = []
for _ in range(int(sys.argv[2])):
    c = time.process_time()
    client.get(sys.argv[1])
    warm.append(time.process_time() - c)
print(json.dumps({"start": t1 - t0, "eerste": t2 - t1, "eerste_cpu": c2 - c1,
                  "warm_cpu": statistics.median(warm) if warm else 0, "bytes": len(response.data)}))
"""


def run(url, engine, warm, cache):
    env = dict(os.environ, **{ENGINE_VARIABLE: engine})
    out = subprocess.run([sys.executable, "-c", KIND, url, str(warm), str(cache)], check=True,
                         capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", type=int, default=20)
    parser.add_argument("--engines", nargs="+", default=["oxigraph", "rdflib"])
    args = parser.parse_args()
    print(f"`{' '.join(['python', 'bench/vergelijk_koud.py'] + sys.argv[1:])}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians over {args.runs} fresh processes\n")
    print("| engine | page | app start ms | first request wall / CPU ms | warm CPU ms (no cache) "
          "| from page cache ms | HTML kB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for engine in args.engines:
        for name, url in PAGES:
            cold = [run(url, engine, args.warm, 0) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in cold) for k in cold[0]}
            cached = run(url, engine, 5, 256)["warm_cpu"]
            print(f"| {engine} | {name} | {med['start'] * 1000:.0f} | {med['eerste'] * 1000:.0f} / "
                  f"{med['eerste_cpu'] * 1000:.0f} | {med['warm_cpu'] * 1000:.1f} | {cached * 1000:.1f} "
                  f"| {med['bytes'] / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
