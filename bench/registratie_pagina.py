"""Cold and warm time of the registratie pages on the embedded graph (issue 11, part 5).

Cold: a fresh process creates the app and asks the page once (wall and CPU of that first
request: the rulebook, the form's teaching data from the rules, the template). Warm: the
median CPU of --warm more requests in the same process. Pages: the form, its .json twin,
an example file, and the report of tests/registratie/files (9 practitioners) as a page (with
its JSON and CSV for download.js) and as the .json twin.

    .venv/bin/python bench/registratie_pagina.py [--runs 3] [--warm 10]

Prints Markdown for bench/RESULTS.md.
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

FILES = Path(__file__).resolve().parents[1] / "tests" / "registratie" / "files"

PAGES = [
    ("formulier", "GET", "/registratie"),
    ("formulier ?lang=en", "GET", "/registratie?lang=en"),
    ("formulier .json", "GET", "/registratie.json"),
    ("voorbeeld activiteiten.csv", "GET", "/registratie/voorbeeld/herregistratie/nvrg-stw/activiteiten.csv"),
    ("rapport (9 beoefenaars)", "POST", "/registratie"),
    ("rapport .json", "POST", "/registratie.json"),
]

KIND = r"""
import io, json, statistics, sys, time
from pathlib import Path
t0 = time.perf_counter()
from beroepen.web import create_app
app = create_app({"TESTING": True})
client = app.test_client()
method, url, files = sys.argv[1], sys.argv[2], Path(sys.argv[4])
def ask():
    if method == "GET":
        return client.get(url)
    data = {"regeling": "herregistratie/nvrg-stw",
            "praktijk": (io.BytesIO((files / "praktijk.csv").read_bytes()), "praktijk.csv"),
            "activiteiten": (io.BytesIO((files / "activiteiten.csv").read_bytes()), "activiteiten.csv")}
    return client.post(url, data=data, content_type="multipart/form-data")
t1, c1 = time.perf_counter(), time.process_time()
response = ask()
t2, c2 = time.perf_counter(), time.process_time()
assert response.status_code == 200, response.status_code
warm = []
for _ in range(int(sys.argv[3])):
    c = time.process_time()
    ask()
    warm.append(time.process_time() - c)
print(json.dumps({"start": t1 - t0, "eerste": t2 - t1, "eerste_cpu": c2 - c1,
                  "warm_cpu": statistics.median(warm) if warm else 0, "bytes": len(response.data)}))
"""


def run(method, url, warm):
    out = subprocess.run([sys.executable, "-c", KIND, method, url, str(warm), str(FILES)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--warm", type=int, default=10)
    args = parser.parse_args()
    print("| page | first request (wall, median of runs) | its CPU | warm CPU (median) | bytes |")
    print("|---|---|---|---|---|")
    for naam, method, url in PAGES:
        runs = [run(method, url, args.warm) for _ in range(args.runs)]
        med = lambda k: statistics.median(r[k] for r in runs)
        print(f"| {naam} | {med('eerste') * 1000:.0f} ms | {med('eerste_cpu') * 1000:.0f} ms | "
              f"{med('warm_cpu') * 1000:.1f} ms | {runs[0]['bytes']:,} |", flush=True)


if __name__ == "__main__":
    main()
