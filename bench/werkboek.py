"""The profile workbook: CPU time of export, of reading an edited workbook back (the workbook's
own checks) and of the SHACL gate an import runs, in process (the graph loaded first), and the
whole `beroepen import` from process start. Prints figures; asserts nothing.
Usage: python bench/werkboek.py [--runs N]"""
import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

from beroepen.kennisgraaf.profielen import resolve_profiel
from beroepen.kennisgraaf.store import open_store
from beroepen.uitwisseling import importeren, werkboek


def median_cpu(runs, step):
    times = []
    for _ in range(runs):
        start = time.process_time()
        step()
        times.append(time.process_time() - start)
    return statistics.median(times)


def whole_import(path, naam, tmp):
    beroepen = os.path.join(os.path.dirname(sys.executable), "beroepen")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([beroepen, "import", path, "--profiel", naam, "--uit", os.path.join(tmp, "p.ttl")],
                   check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    store = open_store(None)
    print(f"| profile | workbook | export (CPU) | read back (CPU) | read back + SHACL gate (CPU) | "
          f"`beroepen import` wall (CPU) |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for naam in ("vaktherapeut", "stw"):
            iri = resolve_profiel(store, naam)["iri"]
            path = os.path.join(tmp, f"{naam}.xlsx")
            export = median_cpu(runs, lambda: werkboek.exporteer(store, iri, io.BytesIO()))
            werkboek.exporteer(store, iri, path)
            lezen = median_cpu(runs, lambda: werkboek.lees(path, iri))
            checked = median_cpu(1, lambda: importeren.importeer_bestand(path, iri, schrijven=False))
            wall, cpu = whole_import(path, naam, tmp)
            print(f"| {naam} | {os.path.getsize(path) / 1000:.0f} kB | {export * 1000:.0f} ms | "
                  f"{lezen * 1000:.0f} ms | {checked:.1f} s | {wall:.1f} s ({cpu:.1f} s) |")


if __name__ == "__main__":
    main()
