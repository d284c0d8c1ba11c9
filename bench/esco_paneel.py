"""Speed of a resource page's ESCO panel (issue 12): describe() of a profession, a task, a
mapping record and the English translation's page (which counts ~1,000 resources instead of
listing them), and the panel's own query (resource-esco.rq) within it.

    .venv/bin/python bench/esco_paneel.py [--runs 20]

Prints a Markdown table for bench/RESULTS.md: CPU time in milliseconds, median of --runs, on
the embedded Oxigraph store, the graph loaded and every query parsed once first.
"""
import argparse
import statistics
import time

PADEN = ["beroep/vaktherapeut", "profiel/bcp-vaktherapeut/beroepstaak/5",
         "esco-mapping/beroep-muziektherapeut--3d616092", "bron/vertaling-en"]


def cpu_ms(fn, runs):
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    from beroepen.kennisgraaf.describe import describe
    from beroepen.kennisgraaf.escopaneel import esco_mappings
    from beroepen.kennisgraaf.store import EmbeddedStore
    from beroepen.vocab import ID
    store = EmbeddedStore(None)
    print("| resource | mappings | describe (CPU ms) | of which the ESCO panel (CPU ms) |")
    print("|---|---|---|---|")
    for pad in PADEN:
        iri = ID + pad
        aantal = len(describe(store, iri)["esco"])  # warm: queries parsed, caches filled
        geheel = cpu_ms(lambda: describe(store, iri), runs)
        paneel = cpu_ms(lambda: esco_mappings(store, iri), runs)
        print(f"| {pad} | {aantal} | {geheel:.1f} | {paneel:.1f} |")


if __name__ == "__main__":
    main()
