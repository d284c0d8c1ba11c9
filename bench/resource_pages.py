"""CPU per resource page request (page cache off, in-process Flask test client), median of N.

    python bench/resource_pages.py [--runs 20]

The pages of issue 11 item 1: a profession, a beroepstaak, a werkzaamheid, a competence, a
gedragskenmerk, the STW profession, a source document, an organisation. Prints Markdown rows
for bench/RESULTS.md; runs on the process's engine (BEROEPEN_ENGINE, default Oxigraph).
"""
import argparse
import statistics
import time

PAGES = [
    "/id/beroep/vaktherapeut",
    "/id/beroep/systeemtherapeutisch-werker",
    "/id/profiel/bcp-vaktherapeut/beroepstaak/5",
    "/id/profiel/bcp-vaktherapeut/beroepstaak/5/activiteit/1",
    "/id/profiel/bcp-vaktherapeut/competentie/D",
    "/id/profiel/bcp-vaktherapeut/competentie/D/gedragskenmerk/1",
    "/id/bron/bcp-vaktherapeut",
    "/id/organisatie/fvb",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from beroepen.web import create_app
    client = create_app({"TESTING": True, "PAGE_CACHE": 0}).test_client()
    print("| page | status | CPU ms (median) |\n|---|---:|---:|")
    for path in PAGES:
        status = client.get(path).status_code  # warm: templates compiled, queries parsed
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            client.get(path)
            times.append((time.process_time() - start) * 1000)
        print(f"| `{path}` | {status} | {statistics.median(times):.1f} |")


if __name__ == "__main__":
    main()
