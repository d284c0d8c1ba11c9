"""Cold and warm time of the search and named-query pages on the embedded graph.

Cold: per page a fresh process that creates the app and asks the page once (wall and CPU of
that first request: the search table, class labels, a parameter's known values and the
resource names are read then). Warm: in the same process, page cache off, the median CPU of
--warm more requests.

    .venv/bin/python bench/zoek_queries.py [--runs 3] [--warm 20]

Prints Markdown for bench/RESULTS.md.
"""
import argparse
import json
import statistics
import subprocess
import sys

PAGES = [
    ("zoek therap", "/zoek?q=therap"),
    ("zoek therap, soort, pagina 2", "/zoek?q=therap&soort=Gedragskenmerk&pagina=2&limit=5"),
    ("zoek.json (autocomplete, 8)", "/zoek.json?q=ther&limit=8"),
    ("/queries", "/queries"),
    ("competenties-van-profiel, profiel=vaktherapeut", "/queries/competenties-van-profiel?profiel=vaktherapeut"),
    ("onbekende waarde (400)", "/queries/competenties-van-profiel?profiel=bcp-vaktherapie"),
    ("opleiding-overzicht", "/queries/opleiding-overzicht?run=1"),
    ("/editor", "/editor"),
]

CHILD = r"""
import json, statistics, sys, time
path, warm = sys.argv[1], int(sys.argv[2])
from beroepen.web import create_app
app = create_app({"TESTING": True, "PAGE_CACHE": 0})
client = app.test_client()
wall, cpu = time.perf_counter(), time.process_time()
status = client.get(path).status_code
first = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "status": status}
cpus = []
for _ in range(warm):
    cpu = time.process_time()
    client.get(path)
    cpus.append(time.process_time() - cpu)
first["warm_cpu"] = statistics.median(cpus) if cpus else None
print(json.dumps(first))
"""


def once(path, warm):
    out = subprocess.run([sys.executable, "-c", CHILD, path, str(warm)], capture_output=True,
                         text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", type=int, default=20)
    args = parser.parse_args()
    print("| page | status | cold wall (median) | cold CPU (median) | warm CPU (median) |")
    print("|---|---|---|---|---|")
    for name, path in PAGES:
        found = [once(path, args.warm if i == 0 else 0) for i in range(args.runs)]
        wall = statistics.median(f["wall"] for f in found)
        cpu = statistics.median(f["cpu"] for f in found)
        print(f"| {name} | {found[0]['status']} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
              f"| {found[0]['warm_cpu'] * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
