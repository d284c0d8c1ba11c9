"""Speed and memory of the education capabilities: routes and curriculum coverage.

    /work/venv/bin/python bench/opleiding.py [--modules 50,500,2000]

Prints, for every profession with a route, the time of `routes()` with and without a
starting point, and for generated curricula of N modules (each covering 1–4 competences and
1–3 tasks of the BCP Vaktherapeut) the wall time and peak Python memory (tracemalloc) of
`curriculum.toets()`, which includes the SHACL validation (time from an untraced run, memory
from a second run under tracemalloc). The graph is loaded once first.
"""
import argparse
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from beroepen.opleiding import curriculum, routes
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.kennisgraaf.graaf import default_graph


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def bench_routes(store):
    print("routes (seconds per call)")
    for beroep in routes.beroepen_met_route(store):
        _, t_any = timed(routes.routes, beroep["naam"], store=store)
        result, t_havo = timed(routes.routes, beroep["naam"], "havo", store=store)
        print(f"  {beroep['naam']:<35} elk startpunt {t_any:6.3f}  vanaf havo {t_havo:6.3f}"
              f"  ({len(result['routes'])} routes)")


def generated_csv(n, inhoud, folder):
    rng = random.Random(n)
    codes = [c["code"] for c in inhoud["competenties"]]
    taken = [str(t["nummer"]) for t in inhoud["taken"]]
    lines = ["module;omschrijving;studiebelasting;competenties;beroepstaken"]
    for i in range(1, n + 1):
        lines.append(f"Module {i};Gegenereerde module;{rng.choice(['2,5', '5', '7,5', '10'])};"
                     f"{' '.join(rng.sample(codes, rng.randint(1, 4)))};"
                     f"{' '.join(rng.sample(taken, rng.randint(1, 3)))}")
    path = Path(folder) / f"curriculum-{n}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bench_curriculum(store, sizes):
    print("curriculum.toets (BCP Vaktherapeut)")
    profiel, _ = curriculum.resolve_profiel("vaktherapeut", store)
    inhoud = curriculum.profiel_inhoud(profiel, store)
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = generated_csv(n, inhoud, folder)
            rapport, seconds = timed(curriculum.toets, path, "vaktherapeut", store=store)
            tracemalloc.start()   # a second run: tracing slows Python down several times
            curriculum.toets(path, "vaktherapeut", store=store)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(f"  {n:>6} modules: {seconds:7.2f} s, piek {peak / 2**20:7.1f} MiB, "
                  f"{len(rapport['bevindingen'])} bevindingen")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modules", default="17,200,1000,5000")
    args = parser.parse_args()
    _, t_load = timed(default_graph)
    print(f"graaf laden: {t_load:.2f} s ({len(default_graph())} triples)")
    store = EmbeddedStore()
    bench_routes(store)
    bench_curriculum(store, [int(n) for n in args.modules.split(",")])


if __name__ == "__main__":
    main()
