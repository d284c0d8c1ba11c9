"""Speed of the ESCO parts: the crosswalk's share of loading the graph, and `esco suggereer`.

    .venv/bin/python bench/esco.py [--runs 5]

Prints, in milliseconds (median of --runs, wall and CPU of this process):
- load_store() of every data file, and of the Turtle files only (the difference is reading the
  SSSOM table and turning it into triples, paid once per process);
- the ESCO snapshot read from the installed package, and the BM25 index built over it (once
  per process: suggesties._index keeps it);
- one suggestion for a task, a competence, a kerntaak and a profession on the built index.
Wall time depends on what else the machine runs; CPU time much less. Markdown for bench/RESULTS.md.
"""
import argparse
import statistics
import time


def timed(fn, runs):
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    from beroepen.esco import bm25, snapshot, suggesties
    from beroepen.kennisgraaf.graaf import load_store, shipped_data_files
    from beroepen.kennisgraaf.opzoeken import resolve
    from beroepen.kennisgraaf.store import EmbeddedStore

    rows = []
    alles = shipped_data_files()
    turtle = [p for p in alles if p.suffix == ".ttl"]
    load_store(alles)  # imports and first-use costs outside the figures
    rows.append(("load_store(), all data files", *timed(lambda: load_store(alles), runs)[:2]))
    rows.append(("load_store(), Turtle only (no crosswalk)", *timed(lambda: load_store(turtle), runs)[:2]))
    wall, cpu, snap = timed(snapshot.load, runs)
    rows.append((f"snapshot.load() ({len(snap.concepten)} concepts)", wall, cpu))
    teksten = {u: c.tekst for u, c in snap.concepten.items()}
    rows.append(("BM25 index over the snapshot", *timed(lambda: bm25.Index(teksten), max(1, runs // 2))[:2]))

    store = EmbeddedStore()
    suggesties._index(None)  # built once, as in a CLI run
    for code in ("beroepstaak/2", "competentie/F", "profiel/stw/kerntaak/1", "beroep/muziektherapeut"):
        iri = resolve(store, code)
        rows.append((f"suggereer {code}", *timed(lambda: suggesties.suggereer(store, iri), runs)[:2]))

    print("| step | wall ms | CPU ms |\n|---|---:|---:|")
    for name, wall, cpu in rows:
        print(f"| {name} | {wall:.0f} | {cpu:.0f} |")


if __name__ == "__main__":
    main()
