"""Cost of the /sparql query gate per query: parse + check + the reading a store is sent.

For every named query and a few big ones: the time of `sparql_gate.check` in this process
(median of --repeat runs; parse, read-only checks, and the reading with its verifying
re-parse), its size, and whether the reading had to be verified (it differs from the text:
comments, CR, escapes). Then the round trip of one gate job through a worker process (IPC
on top of the check), and why the gate does not re-serialise with rdflib's translateAlgebra:
how many named queries and W3C protocol queries it fails to write back or changes the
answer of.

    python bench/sparql_gate.py [--repeat 5]

Prints Markdown for bench/RESULTS.md.
"""
import argparse
import statistics
import time
import urllib.parse
from pathlib import Path

from beroepen.sparql import gate as sparql_gate
from beroepen.kennisgraaf.queries import all_queries

SUITE = Path(__file__).resolve().parents[2] / "shared" / "w3c-sparql11-protocol"


def big_queries():
    def filter_or(n):
        return ("SELECT ?s WHERE { ?s ?p ?l FILTER("
                + " || ".join(f'?l = "woord{i}"' for i in range(n)) + ") }")

    def contains(n):
        return ("SELECT ?s WHERE { ?s ?p ?l FILTER("
                + " || ".join(f'CONTAINS(STR(?l), "w{i}")' for i in range(n)) + ") }")

    return {
        "FILTER met 200 termen": filter_or(200),
        "FILTER met 2.000 termen": filter_or(2000),
        "FILTER met 2.000 CONTAINS": contains(2000),
        "IN-lijst met 2.000 waarden": "SELECT ?s WHERE { ?s ?p ?l FILTER(?l IN ("
                                      + ",".join(f'"w{i}"' for i in range(2000)) + ")) }",
        "500 regels commentaar": "SELECT ?s WHERE {\n" + "# commentaar\r\n" * 500 + "?s ?p ?o }",
    }


def timed(text, repeat, for_store):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        checked, _ = sparql_gate.check(text, for_store=for_store)
        times.append(time.perf_counter() - started)
    return statistics.median(times), checked


def gate_table(repeat):
    print("| query | bytes | gate ms, embedded | gate ms, store mode | reading re-parsed |")
    print("|---|---:|---:|---:|---|")
    named = {q.name for q in all_queries()}
    rows = [(q.name, q.text) for q in all_queries()] + list(big_queries().items())
    totals = {False: [], True: []}
    for name, text in rows:
        runs = 1 if len(text) > 20_000 else repeat
        embedded, _ = timed(text, runs, False)
        store, checked = timed(text, runs, True)
        if name in named:
            totals[False].append(embedded)
            totals[True].append(store)
        print(f"| {name} | {len(text.encode()):,} | {embedded * 1000:,.1f} | {store * 1000:,.1f} | "
              f"{'ja' if checked.text != text else 'nee (ongewijzigd)'} |")
    for for_store, label in ((False, "embedded"), (True, "store mode")):
        values = totals[for_store]
        print(f"\nNamed queries, {label}: median {statistics.median(values) * 1000:.1f} ms, "
              f"max {max(values) * 1000:.1f} ms.", end="")
    print("\n")


def worker_round_trip(repeat):
    from beroepen.sparql.endpoint import QueryRequest
    from beroepen.sparql.workers import QueryPool
    pool = QueryPool(None, size=1, timeout=60)
    try:
        pool.gate(QueryRequest("ASK {}"))  # warm
        for name in ("ASK {}", all_queries()[0].text):
            times = []
            for i in range(repeat):
                started = time.perf_counter()
                pool.gate(QueryRequest(name + f"\n# {i}"))
                times.append(time.perf_counter() - started)
            label = "ASK {}" if name == "ASK {}" else all_queries()[0].name
            print(f"- gate in a worker process, {label}: median "
                  f"{statistics.median(times) * 1000:.1f} ms")
    finally:
        pool.close()
    print()


def w3c_queries():
    """The query texts the W3C protocol manifest sends (GET query= and POST bodies)."""
    from rdflib import Graph, Namespace
    if not (SUITE / "manifest.ttl").is_file():
        return []
    HT = Namespace("http://www.w3.org/2011/http#")
    CNT = Namespace("http://www.w3.org/2011/content#")
    graph = Graph().parse(SUITE / "manifest.ttl", format="turtle")
    texts = []
    for path in graph.objects(None, HT.absolutePath):
        texts += urllib.parse.parse_qs(urllib.parse.urlparse(str(path)).query).get("query", [])
    for body in graph.objects(None, CNT.chars):
        body = str(body)
        form = urllib.parse.parse_qs(body) if body.startswith("query=") else {}
        texts += form.get("query", []) or ([body] if "=" not in body.split("{")[0] else [])
    return texts


def translate_algebra_fidelity():
    """What rdflib's own re-serialiser (translateAlgebra) does to the same queries."""
    from rdflib.plugins.sparql import algebra, parser
    from beroepen.kennisgraaf.graaf import default_graph
    graph = default_graph()
    failed, changed, same = [], [], 0
    for q in all_queries():
        original = algebra.translateQuery(parser.parseQuery(q.text))
        try:
            again = algebra.translateQuery(parser.parseQuery(algebra.translateAlgebra(original)))
            if _answer(graph, original) != _answer(graph, again):
                changed.append(q.name)
            else:
                same += 1
        except Exception:
            failed.append(q.name)
    print(f"- translateAlgebra on {len(all_queries())} named queries: {same} same answer, "
          f"{len(changed)} different answer ({', '.join(changed) or '-'}), {len(failed)} "
          f"cannot be written back or read again ({', '.join(failed) or '-'})")
    texts = w3c_queries()
    outcomes = {}
    for text in texts:
        try:
            sparql_gate.check(text)
            outcome = "accepted"
        except sparql_gate.QueryError as err:
            outcome = {403: "refused as update", 400: "refused (syntax or graph not held)"}.get(
                err.status, f"refused {err.status}")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    print(f"- the gate on the {len(texts)} W3C protocol query and update texts: "
          + ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())))


def _answer(graph, query):
    try:
        result = graph.query(query)
    except Exception as err:
        return ("error", type(err).__name__)
    if result.type == "ASK":
        return result.askAnswer
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return sorted(tuple(str(v) for v in row) for row in result)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    gate_table(args.repeat)
    worker_round_trip(args.repeat)
    translate_algebra_fidelity()


if __name__ == "__main__":
    main()
