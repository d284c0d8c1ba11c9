"""Hostile uploads before and after the upload budgets (issue 9 item 4): wall time and peak memory.

    python bench/upload_budgets.py                 # every measurement, a fresh process each
    python bench/upload_budgets.py --only csv-538k

"unbounded" runs the check with every budget lifted (what the code did before): one
practitioner with N activity rows through the default engine (auto: pySHACL on a small
register), and a Turtle dossier with N activities (always checked by pySHACL).
"csv-538k-regels" is the issue's 538k-row file, unbounded, with the rule evaluator only
(no pySHACL). "-cli" and "-web" run the issue's two uploads under the CLI and WEB budgets:
they are refused, and the figure is how long that takes. Peak memory is the larger of this process and its children (the sandbox).
"""
import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = ROOT / "tests" / "registratie" / "files" / "dossier-stw-0004.ttl"
PRAKTIJK = ("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
            "STW-1,Anna,nvrg-stw,2020-01-01,2024-12-31,2,ja\n")


def activiteiten(n):
    rows = (f"STW-1,nascholing,2021-03-{1 + i % 28:02d},1,NVRG,Module {i}\n" for i in range(n))
    return "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n" + "".join(rows)


def turtle(n):
    kop = DOSSIER.read_text(encoding="utf-8")
    rows = (f'd:STW-0004 bo:bewijs d:a{i} . d:a{i} a bo:Bewijsactiviteit ; bo:datum "2021-05-10"^^xsd:date ; '
            f'bo:punten 1.0 ; bo:geaccrediteerdDoor <https://w3id.org/beroepen/id/organisatie/nvrg> ; '
            f'bo:soort <https://w3id.org/beroepen/id/activiteitsoort/nascholing> ; dct:description "Module {i}" .\n'
            for i in range(n))
    return (kop + "".join(rows)).encode()


def _onbegrensd():
    from beroepen.invoer import limieten as uploads
    return uploads.UploadLimits(max_bytes=2 ** 40, max_rows=10 ** 9, max_rows_per_dossier=10 ** 9,
                                max_triples=10 ** 9, max_seconds=3600, max_memory_mb=16384)


def _controleer(bestanden, limits, engine="auto"):
    from beroepen.registratie import controleer
    from beroepen.invoer.limieten import LimitExceeded
    try:
        controleer("herregistratie", bestanden, limits=limits, engine=engine)
        return "oordeel"
    except LimitExceeded as err:
        return f"geweigerd: {err.message}"


def meet(naam, n):
    from beroepen.invoer import limieten as uploads
    from beroepen.registratie import Bestand
    engine = "auto"
    if naam == "csv-unbounded":
        bestanden = [Bestand("p.csv", PRAKTIJK.encode()), Bestand("a.csv", activiteiten(n).encode())]
        limits = _onbegrensd()
    elif naam.startswith("csv-538k"):
        bestanden = [Bestand("p.csv", PRAKTIJK.encode()), Bestand("a.csv", activiteiten(n).encode())]
        limits = {"csv-538k-web": uploads.WEB, "csv-538k-cli": uploads.CLI}.get(naam, _onbegrensd())
        engine = "regels" if naam == "csv-538k-regels" else "auto"
    elif naam == "ttl-unbounded":
        bestanden, limits = [Bestand("d.ttl", turtle(n))], _onbegrensd()
    elif naam.startswith("ttl-14mb"):
        bestanden = [Bestand("d.ttl", turtle(n))]
        limits = uploads.WEB if naam == "ttl-14mb-web" else uploads.CLI
    else:
        raise SystemExit(f"unknown measurement {naam}")
    size = sum(len(b.data) for b in bestanden)
    from beroepen.registratie import regels
    regels.shipped()                                 # the rule data, loaded once per process: not timed
    start = time.perf_counter()
    uitkomst = _controleer(bestanden, limits, engine)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return {"meting": naam, "n": n, "mb": round(size / 1e6, 1), "s": round(seconds, 2), "piek_mb": round(peak / 1024),
            "uitkomst": uitkomst}


MEASUREMENTS = [("csv-unbounded", 500), ("csv-unbounded", 1000), ("csv-unbounded", 2000),
                ("csv-538k-regels", 538_000), ("csv-538k-cli", 538_000), ("csv-538k-web", 538_000),
                ("ttl-unbounded", 500), ("ttl-unbounded", 1000), ("ttl-unbounded", 2000),
                ("ttl-14mb-cli", 50_000), ("ttl-14mb-web", 50_000)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="one measurement name")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)   # internal: run one in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(meet(args.one[0], int(args.one[1]))))
        return
    print("| meting | n | MB | s | piek MB | uitkomst |\n|---|---:|---:|---:|---:|---|")
    for naam, n in MEASUREMENTS:
        if args.only and args.only != naam:
            continue
        out = subprocess.run([sys.executable, __file__, "--one", naam, str(n)], capture_output=True, text=True)
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            continue
        r = json.loads(out.stdout)
        print(f"| {r['meting']} | {r['n']:,} | {r['mb']} | {r['s']} | {r['piek_mb']} | {r['uitkomst']} |", flush=True)


if __name__ == "__main__":
    main()
