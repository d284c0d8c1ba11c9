"""Herregistratie at registry scale: wall time and peak memory, beside the naive pySHACL run.

    python bench/registratie_bench.py                      # N = 1,000, 10,000, 50,000; naive up to a cap
    python bench/registratie_bench.py --sizes 1000 --naive 25 50 --cap 300
    python bench/registratie_bench.py --sizes 50000 --naive --per-dossier --engines oxigraph rdflib

Each measurement runs in a fresh process (so peak memory is its own): generate a register
(bench/registratie_genereer.py, not timed), then time what `beroepen herregistratie
--format json -o FILE` does: read and check both CSV files, evaluate every dossier, write
the JSON report while judging (registratie.toets + rapport.stroom: one verdict in memory at
a time), with the rules read from the embedded store of each engine in --engines
(BEROEPEN_ENGINE). The naive reference is one pySHACL run over all dossiers merged into one
graph with the rule data (beroepen.registratie.shacl.in_one_run); it also reports whether
its verdicts equal the evaluator's. "per dossier" is the reference engine as the CLI runs
it with --engine shacl (one pySHACL run per dossier).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registratie_genereer import genereer  # noqa: E402


def _bestanden(n):
    from beroepen.registratie import Bestand
    praktijk, activiteiten = genereer(n)
    return [Bestand("praktijk.csv", praktijk.encode()), Bestand("activiteiten.csv", activiteiten.encode())]


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def meet_batch(n):
    """As `beroepen herregistratie --format json -o FILE` does it, from the rules on."""
    from beroepen.registratie import rapport, regels, toets
    bestanden = _bestanden(n)
    activiteiten = bestanden[1].data.count(b"\n") - 1
    cpu, start = _cpu(), time.perf_counter()
    controle = toets("herregistratie", bestanden, regelboek=regels.shipped())
    gelezen = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rapport.schrijf(rapport.stroom(controle, "json"), Path(tmp) / "rapport.json")
        size = (Path(tmp) / "rapport.json").stat().st_size
    end = time.perf_counter()
    s = controle.samenvatting
    return {"n": n, "activiteiten": activiteiten, "lezen_en_controleren_s": round(gelezen - start, 2),
            "totaal_s": round(end - start, 2), "cpu_s": round(_cpu() - cpu, 2), "piek_mb": round(_peak_mb()),
            "json_mb": round(size / 1e6, 1), "voldoet_niet": s["voldoet_niet"]}


def meet_fasen(n):
    """CPU per phase of the CLI path: rules, reading and checking (with the pySHACL sample),
    judging alone, judging with the JSON encoding."""
    from beroepen.registratie import rapport, regels, toets
    bestanden = _bestanden(n)
    t0 = _cpu()
    boek = regels.shipped()
    t1 = _cpu()
    controle = toets("herregistratie", bestanden, regelboek=boek)
    t2 = _cpu()
    for _ in controle.uitslagen():
        pass
    t3 = _cpu()
    for _ in rapport.stroom(controle, "json"):
        pass
    t4 = _cpu()
    return {"n": n, "regels_s": round(t1 - t0, 2), "lezen_en_controleren_s": round(t2 - t1, 2),
            "toetsen_s": round(t3 - t2, 2), "toetsen_en_json_s": round(t4 - t3, 2), "piek_mb": round(_peak_mb())}


def meet_naief(n):
    from beroepen.registratie import afgewezen, controleer, regels, shacl
    from beroepen.registratie.invoer import lees_csv
    bestanden = _bestanden(n)
    boek = regels.shipped()
    dossiers = lees_csv(boek, boek.regeling("nvrg-stw", "herregistratie"), *bestanden)
    start = time.perf_counter()
    oordeel = {nummer: set(o.afgewezen) for nummer, o in shacl.in_one_run(dossiers, boek).items()}
    tijd = time.perf_counter() - start
    regels_oordeel = {u["registratienummer"]: afgewezen(u) for u in controleer("herregistratie", bestanden)["uitslagen"]}
    return {"n": n, "naief_s": round(tijd, 2), "piek_mb": round(_peak_mb()), "gelijk": oordeel == regels_oordeel}


def meet_per_dossier(n):
    from beroepen.registratie import controleer
    bestanden = _bestanden(n)
    start = time.perf_counter()
    controleer("herregistratie", bestanden, engine="shacl")   # raises if any verdict differs
    tijd = time.perf_counter() - start
    return {"n": n, "per_dossier_s": round(tijd, 2), "ms_per_dossier": round(1000 * tijd / n), "gelijk": True,
            "piek_mb": round(_peak_mb())}


def meet_een(_):
    """One dossier as the web page or an interactive CLI call sees it (rules already loaded)."""
    from beroepen.registratie import controleer, regels
    regels.shipped()
    bestanden = _bestanden(1)
    uit = {}
    for engine in ("regels", "shacl"):
        controleer("herregistratie", bestanden, engine=engine)   # warm
        start = time.perf_counter()
        controleer("herregistratie", bestanden, engine=engine)
        uit[f"{engine}_ms"] = round(1000 * (time.perf_counter() - start), 1)
    return uit


MODES = {"batch": meet_batch, "fasen": meet_fasen, "naief": meet_naief, "per-dossier": meet_per_dossier, "een": meet_een}


def in_child(mode, n, cap, engine=None):
    cmd = [sys.executable, __file__, "--child", mode, str(n)]
    env = dict(os.environ, BEROEPEN_ENGINE=engine) if engine else None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=cap, check=True, env=env).stdout
        return json.loads(out.strip().splitlines()[-1])
    except subprocess.TimeoutExpired:
        return {"n": n, "afgebroken_na_s": cap}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 50000])
    parser.add_argument("--naive", type=int, nargs="*", default=[25, 50, 100, 200])
    parser.add_argument("--per-dossier", type=int, nargs="*", default=[100])
    parser.add_argument("--cap", type=int, default=300, help="seconds before a naive run is stopped")
    parser.add_argument("--fasen", type=int, nargs="*", default=[], help="N: CPU per phase")
    parser.add_argument("--engines", nargs="*", default=[None],
                        help="embedded engines to run the batch on (BEROEPEN_ENGINE: oxigraph, rdflib)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(MODES[args.child[0]](int(args.child[1]))))
        return
    print(f"# python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("een dossier:", in_child("een", 1, args.cap))
    for n in args.sizes:
        for engine in args.engines:
            print(f"batch ({engine or 'standaard'}):", in_child("batch", n, 3600, engine))
    for n in args.fasen:
        for engine in args.engines:
            print(f"fasen ({engine or 'standaard'}):", in_child("fasen", n, 3600, engine))
    for n in args.per_dossier:
        print("pySHACL per dossier:", in_child("per-dossier", n, args.cap))
    for n in args.naive:
        result = in_child("naief", n, args.cap)
        print("pySHACL naief, één run:", result)
        if "afgebroken_na_s" in result:
            break


if __name__ == "__main__":
    main()
