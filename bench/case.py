"""CASE export: CPU time of building one profile's package in process (the graph loaded first),
and of the whole `beroepen export --format case` from process start. Prints figures; asserts
nothing. Usage: python bench/case.py [--runs N]"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from beroepen.kennisgraaf.profielen import resolve_profiel
from beroepen.kennisgraaf.store import open_store
from beroepen.uitwisseling import case


def cpu():
    return time.process_time()


def in_process(store, naam, runs):
    profiel = resolve_profiel(store, naam)
    times, size = [], 0
    for _ in range(runs):
        start = cpu()
        size = len(case.als_json(case.pakket(store, profiel)).encode("utf-8"))
        times.append(cpu() - start)
    return statistics.median(times), size


def whole_command(naam, runs):
    beroepen = os.path.join(os.path.dirname(sys.executable), "beroepen")
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([beroepen, "export", "--profiel", naam, "--format", "case",
                            "--uit", os.path.join(tmp, "p.json")], check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    store = open_store(None)
    print(f"| profile | package | in process (CPU, median of {runs}) | command wall (CPU) |")
    print("|---|---|---|---|")
    for naam in ("vaktherapeut", "stw"):
        inproc, size = in_process(store, naam, runs)
        wall, cpu_command = whole_command(naam, runs)
        print(f"| {naam} | {size / 1000:.0f} kB | {inproc * 1000:.0f} ms | "
              f"{wall:.2f} s ({cpu_command:.2f} s) |")


if __name__ == "__main__":
    main()
