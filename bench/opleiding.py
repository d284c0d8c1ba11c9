"""Speed of the education capabilities, rdflib and Oxigraph side by side: routes and curriculum coverage.

    .venv/bin/python bench/opleiding.py [--engines oxigraph rdflib] [--modules 500,1000,2000,5000]
                                        [--runs 5] [--geheugen]

Each engine runs in its own process (BEROEPEN_ENGINE). Per engine: `routes()` for every
profession with a route, from every starting point and from havo (median of --runs calls,
milliseconds, wall and CPU of this process), and `curriculum.toets()` on generated curricula
of N modules (each covering 1–4 competences and 1–3 tasks of the BCP Vaktherapeut; seconds,
wall and CPU), which includes the SHACL validation. Wall time depends on what else the
machine runs; CPU time much less, so both are printed. --geheugen adds the peak Python memory
of a second, traced run (tracemalloc slows Python down several times). The graph is loaded
once first. Prints Markdown for bench/RESULTS.md.
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ENGINES = ("oxigraph", "rdflib")


def timed(fn, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def median_ms(runs, fn, *args, **kwargs):
    walls, cpus = [], []
    for _ in range(runs):
        _, wall, cpu = timed(fn, *args, **kwargs)
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    return statistics.median(walls), statistics.median(cpus)


def bench_routes(store, runs):
    from beroepen.opleiding import routes
    print("| beroep | routes | elk startpunt: wall / CPU ms | vanaf havo: wall / CPU ms |")
    print("|---|---:|---:|---:|")
    for beroep in routes.beroepen_met_route(store):
        result = routes.routes(beroep["naam"], store=store)
        elk = median_ms(runs, routes.routes, beroep["naam"], store=store)
        havo = median_ms(runs, routes.routes, beroep["naam"], "havo", store=store)
        print(f"| {beroep['naam']} | {len(result['routes'])} | {elk[0]:.1f} / {elk[1]:.1f} "
              f"| {havo[0]:.1f} / {havo[1]:.1f} |")


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


def bench_curriculum(store, sizes, geheugen):
    from beroepen.opleiding import curriculum
    profiel, _ = curriculum.resolve_profiel("vaktherapeut", store)
    inhoud = curriculum.profiel_inhoud(profiel, store)
    curriculum.toets(Path(__file__).resolve().parent.parent / "data" / "examples" / "curriculum-vaktherapie.csv",
                     "vaktherapeut", store=store)   # shapes and ontology parsed once, as in a server
    print("| modules | wall s | CPU s | CPU ms per module | bevindingen |" + (" piek MiB |" if geheugen else ""))
    print("|---:|---:|---:|---:|---:|" + ("---:|" if geheugen else ""))
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            path = generated_csv(n, inhoud, folder)
            rapport, wall, cpu = timed(curriculum.toets, path, "vaktherapeut", store=store)
            regel = f"| {n} | {wall:.2f} | {cpu:.2f} | {cpu / n * 1000:.2f} | {len(rapport['bevindingen'])} |"
            if geheugen:
                tracemalloc.start()
                curriculum.toets(path, "vaktherapeut", store=store)
                regel += f" {tracemalloc.get_traced_memory()[1] / 2**20:.1f} |"
                tracemalloc.stop()
            print(regel, flush=True)


def run_engine(args):
    from beroepen.kennisgraaf.store import EmbeddedStore
    _, wall, cpu = timed(EmbeddedStore)
    store = EmbeddedStore()
    print(f"\n### {store.engine}\n\nloading the graph: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU\n")
    bench_routes(store, args.runs)
    print()
    bench_curriculum(store, [int(n) for n in args.modules.split(",")], args.geheugen)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--modules", default="500,1000,2000,5000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--geheugen", action="store_true")
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)   # the child process
    args = parser.parse_args()
    if args.engine:
        run_engine(args)
        return
    print(f"`{' '.join(['python', 'bench/opleiding.py'] + sys.argv[1:])}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for engine in args.engines:
        child = [sys.executable, __file__, "--engine", engine, "--modules", args.modules,
                 "--runs", str(args.runs)] + (["--geheugen"] if args.geheugen else [])
        subprocess.run(child, env=dict(os.environ, BEROEPEN_ENGINE=engine), check=True)


if __name__ == "__main__":
    main()
