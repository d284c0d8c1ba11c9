"""Issue 10's targets in one run, the rdflib engine and the new one side by side.

    python bench/commands.py [--engines rdflib oxigraph] [--runs 5] [--requests 40]
                             [--zonder pages build] [--zwaar]

- every read command: wall time from process start to exit (its own process), median of
  --runs, the engines taking turns run by run (target 0.5 s);
- every page: p95 of 8 clients over HTTP on the embedded graph, page cache off
  (bench/web_latency.py; target 20 ms);
- `beroepen build` (SHACL gate + HermiT) into a temporary folder (target 10 s);
- with --zwaar also curriculum coverage of 5,000 generated modules (in-process, the graph
  loaded first; target 3 s) and `beroepen herregistratie` of 50,000 generated practitioners
  (wall and peak memory of the process; targets 30 s and 1 GB).

Each process gets its engine from BEROEPEN_ENGINE (kennisgraaf/store.py). Prints a Markdown table: target, the figure
per engine, and whether the last engine (the new one, the product's) meets the target.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web_latency  # noqa: E402  (the page half of this bench)
from web_latency import BEROEPEN, ENGINES, engine_env  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
VOORBEELDEN = ROOT / "data" / "examples"
OPSTART = ("opstart (beroepen --help)", ["--help"])
COMMANDS = [
    ("show D", ["show", "D"]),
    ("matrix --profiel vaktherapeut", ["matrix", "--profiel", "vaktherapeut"]),
    ("query competenties-per-beroepstaak -p nummer=5",
     ["query", "competenties-per-beroepstaak", "-p", "nummer=5"]),
    ("route --naar vaktherapeut", ["route", "--naar", "vaktherapeut"]),
    ("route --naar STW --vanaf havo", ["route", "--naar", "STW", "--vanaf", "havo"]),
    ("curriculum curriculum-vaktherapie.csv", ["curriculum", str(VOORBEELDEN / "curriculum-vaktherapie.csv")]),
    ("curriculum curriculum-stw.csv --profiel stw",
     ["curriculum", str(VOORBEELDEN / "curriculum-stw.csv"), "--profiel", "stw"]),
]
GOOD_EXITS = (0, 1)  # 1: the command ran and reports findings (curriculum gaps, failing dossiers)
COMMAND_TARGET, PAGE_TARGET, BUILD_TARGET = 0.5, 20.0, 10.0
CURRICULUM_MODULES, CURRICULUM_TARGET = 5000, 3.0
REGISTER_SIZE, REGISTER_TARGET, REGISTER_MEMORY_MB = 50_000, 30.0, 1024


def run(arguments, engine, cwd=None):
    """(wall seconds, CPU seconds, peak RSS in MB) of one process, from start to exit."""
    started = time.perf_counter()
    process = subprocess.Popen(arguments, env=engine_env(engine), cwd=cwd,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if process.returncode not in GOOD_EXITS:
        raise SystemExit(f"{' '.join(arguments)} ({engine}): exit {process.returncode}\n{stderr[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def medians(runs):
    """(median wall, median CPU) of [(wall, CPU, …), …]."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def commands(engines, runs):
    """{(name, engine): (wall, CPU)}, medians; the engines take turns so a change in the
    machine's load hits both."""
    times = {}
    for _ in range(runs):
        for name, arguments in [OPSTART] + COMMANDS:
            for engine in engines:
                times.setdefault((name, engine), []).append(run([BEROEPEN] + arguments, engine))
    return {key: medians(value) for key, value in times.items()}


def build(engines, runs):
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            for engine in engines:
                output = Path(tmp) / f"dist-{engine}-{i}"
                times.setdefault(engine, []).append(run([BEROEPEN, "build", "-o", str(output)], engine))
    return {engine: medians(value) for engine, value in times.items()}


def curriculum_in_process(n):
    """Child mode: load the graph, write a curriculum of n modules, time curriculum.toets."""
    import random
    from beroepen.kennisgraaf.store import EmbeddedStore
    from beroepen.opleiding import curriculum
    store = EmbeddedStore()
    profiel, _ = curriculum.resolve_profiel("vaktherapeut", store)
    inhoud = curriculum.profiel_inhoud(profiel, store)
    codes = [c["code"] for c in inhoud["competenties"]]
    taken = [str(t["nummer"]) for t in inhoud["taken"]]
    rng = random.Random(n)
    lines = ["module;omschrijving;studiebelasting;competenties;beroepstaken"]
    lines += [f"Module {i};Gegenereerde module;{rng.choice(['2,5', '5', '7,5', '10'])};"
              f"{' '.join(rng.sample(codes, rng.randint(1, 4)))};"
              f"{' '.join(rng.sample(taken, rng.randint(1, 3)))}" for i in range(1, n + 1)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"curriculum-{n}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        started, cpu = time.perf_counter(), time.process_time()
        curriculum.toets(path, "vaktherapeut", store=store)
        print(f"{time.perf_counter() - started:.3f} {time.process_time() - cpu:.3f}")


def curriculum_heavy(engines):
    results = {}
    for engine in engines:
        process = subprocess.run([sys.executable, __file__, "--curriculum-in-proces", str(CURRICULUM_MODULES)],
                                 env=engine_env(engine), capture_output=True, text=True)
        if process.returncode:
            raise SystemExit(f"curriculum {CURRICULUM_MODULES} ({engine}): {process.stderr[-2000:]}")
        wall, cpu = process.stdout.split()[-2:]
        results[engine] = (float(wall), float(cpu))
    return results


def register_heavy(engines):
    """{engine: (wall, CPU, peak MB)} of `beroepen herregistratie` on a generated register."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / f"register-{REGISTER_SIZE}"
        subprocess.run([sys.executable, str(ROOT / "bench" / "registratie_genereer.py"),
                        str(REGISTER_SIZE), str(folder)], check=True, stdout=subprocess.DEVNULL)
        for engine in engines:
            results[engine] = run([BEROEPEN, "herregistratie", str(folder / "praktijk.csv"),
                                   str(folder / "activiteiten.csv"), "--format", "json",
                                   "-o", str(Path(tmp) / "rapport.json")], engine)
    return results


def verdict(value, target):
    return "ja" if value < target else "**nee**"


def row(name, target, figures, engines, unit, fmt="{:.2f}", cpu_target=True):
    """One table row; a figure is a number or (wall, CPU): then the CPU time follows in brackets,
    and with cpu_target the CPU time is judged too (a quiet machine's wall time of a process
    that works in one thread is about its CPU time; a page's CPU per request is not its p95)."""
    def text(value):
        if isinstance(value, tuple):
            return f"{fmt.format(value[0])} {unit} ({fmt.format(value[1])})"
        return f"{fmt.format(value)} {unit}"
    cells = [text(figures[e]) if e in figures else "–" for e in engines]
    last = figures[engines[-1]]
    met = verdict(last[0] if isinstance(last, tuple) else last, target) if target is not None else ""
    cpu = verdict(last[1], target) if target is not None and cpu_target and isinstance(last, tuple) else ""
    target_text = f"< {fmt.format(target)} {unit}" if target is not None else ""
    print(f"| {name} | {target_text} | " + " | ".join(cells) + f" | {met} | {cpu} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES))
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--build-runs", type=int, default=1)
    parser.add_argument("--requests", type=int, default=40, help="requests per page with 8 clients")
    parser.add_argument("--seconds", type=float, default=15, help="time per page and run, at most")
    parser.add_argument("--zonder", nargs="*", default=[], choices=["commands", "pages", "build"])
    parser.add_argument("--zwaar", action="store_true", help="also curriculum 5,000 and herregistratie 50,000")
    parser.add_argument("--curriculum-in-proces", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.curriculum_in_proces:
        return curriculum_in_process(args.curriculum_in_proces)
    engines = args.engines
    load_before = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    results = {}
    if "commands" not in args.zonder:
        results["commands"] = commands(engines, args.runs)
    if "pages" not in args.zonder:
        results["pages"] = {e: web_latency.run_pages(e, args.requests, args.seconds) for e in engines}
    if "build" not in args.zonder:
        results["build"] = build(engines, args.build_runs)
    if args.zwaar:
        results["curriculum"] = curriculum_heavy(engines)
        results["register"] = register_heavy(engines)
    report(args, engines, results, started, load_before)


def report(args, engines, results, started, load_before):
    names = engines
    print(f"`python bench/commands.py {' '.join(sys.argv[1:])}` — {started}, load average "
          f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end\n")
    print("Wall time (CPU time of the process, or of the server per request, in brackets); "
          f"'gehaald' judges {names[-1]}'s wall time, 'op CPU' its CPU time.\n")
    print("| meting | doel | " + " | ".join(names) + f" | gehaald ({names[-1]}) | op CPU |")
    print("|---|---|" + "---:|" * len(names) + "---|---|")
    if "commands" in results:
        figures = results["commands"]
        for name, _ in [OPSTART] + COMMANDS:
            target = None if name == OPSTART[0] else COMMAND_TARGET
            row(f"`beroepen {name}`" if target else name, target,
                {e: figures[(name, e)] for e in engines}, engines, "s")
    if "pages" in results:
        for name, _, _ in web_latency.PAGES:
            pages = {e: results["pages"][e][name] for e in engines}
            row(f"pagina {name}, p95 8 clients", PAGE_TARGET,
                {e: (f["eight_p95"], f["cpu"]) for e, f in pages.items()}, engines, "ms", "{:.1f}",
                cpu_target=False)
    if "build" in results:
        row("`beroepen build`", BUILD_TARGET, results["build"], engines, "s", "{:.1f}")
    if "curriculum" in results:
        row(f"curriculum.toets, {CURRICULUM_MODULES:,} modules", CURRICULUM_TARGET,
            results["curriculum"], engines, "s")
    if "register" in results:
        register = results["register"]
        row(f"`beroepen herregistratie`, {REGISTER_SIZE:,} (json -o)", REGISTER_TARGET,
            {e: register[e][:2] for e in engines}, engines, "s", "{:.1f}")
        row("herregistratie: peak memory", REGISTER_MEMORY_MB, {e: register[e][2] for e in engines},
            engines, "MB", "{:.0f}")
    for engine in engines:
        for name, figures in results.get("pages", {}).get(engine, {}).items():
            if figures["errors"]:
                print(f"\n{engine}, pagina {name}: {len(figures['errors'])} antwoorden met "
                      f"een andere status, bv. {figures['errors'][0]}")


if __name__ == "__main__":
    main()
