"""Speed of `beroepen diff`: the profile diff core on the embedded graph.

    .venv/bin/python bench/versies.py [--runs 5]

Prints, in milliseconds (median of --runs; wall and CPU of this process, children excluded):
2020 against 2020 (both sides from the store), 2020 against the shipped example (one side a
Turtle file, parsed in the sandbox child process the first time and kept after), and 2020
against a copy of the example under another name (a file side, parsed every run: the CLI's case).
The graph is loaded once first. Prints Markdown for bench/RESULTS.md.
"""
import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.versies.vergelijking import vergelijk

VOORBEELD = Path(__file__).resolve().parents[1] / "data" / "examples" / "bcp-vaktherapeut-voorbeeld.ttl"


def median_ms(runs, fn):
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    store = EmbeddedStore()
    vergelijk(store, "vaktherapeut", "2020", "2020")        # load the graph once
    with tempfile.TemporaryDirectory() as tmp:
        kopie = Path(tmp) / "kopie.ttl"
        shutil.copy(VOORBEELD, kopie)
        cases = [("2020 → 2020 (store, store)", "2020"), ("2020 → voorbeeld (file, kept)", "voorbeeld"),
                 ("2020 → kopie.ttl (file, parsed each run)", str(kopie))]
        print("| diff | wall ms | CPU ms |\n|---|---:|---:|")
        for naam, naar in cases:
            wall, cpu = median_ms(runs, lambda: vergelijk(store, "vaktherapeut", "2020", naar))
            print(f"| {naam} | {wall:.0f} | {cpu:.0f} |")


if __name__ == "__main__":
    main()
