"""Every named query on rdflib and on pyoxigraph, side by side, plus loading the graph.

Each named query runs with the typical parameters of tests/test_engines.py (the first set), on
the shipped graph or, for the queries that read an upload, on that test's uploaded graph
(a dossier and a curriculum). Per query: the median of --repeat runs per engine and both row
counts; then the time to load the shipped graph (rdflib parsing the Turtle, Oxigraph loading
it) and to copy an rdflib Graph into Oxigraph (EmbeddedStore(graph): through N-Triples, as
the store does, or term by term in Python).

    python bench/engines.py [--repeat 7]

Prints a Markdown table for bench/RESULTS.md.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from rdflib import Graph  # noqa: E402

from beroepen.kennisgraaf.graaf import load_graph, load_store  # noqa: E402
from beroepen.kennisgraaf.queries import named_query, query_names  # noqa: E402
from beroepen.kennisgraaf.store import EmbeddedStore, to_oxigraph  # noqa: E402
from test_engines import CURRICULUM, FILES, SHIPPED, UPLOADED  # noqa: E402


def median_ms(action, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def run(store, query, bindings):
    if query.form == "CONSTRUCT":
        return len(store.construct(query.text, bindings))
    return len(store.select(query.text, bindings))


def term_by_term(graph):
    """The other way to copy a graph into Oxigraph: one pyoxigraph term per rdflib term."""
    import pyoxigraph as ox
    from rdflib import BNode, URIRef

    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(t)
        if isinstance(t, BNode):
            return ox.BlankNode(t)
        if t.language:
            return ox.Literal(t, language=t.language)
        return ox.Literal(t, datatype=ox.NamedNode(t.datatype)) if t.datatype else ox.Literal(t)
    store = ox.Store()
    store.extend([ox.Quad(term(s), term(p), term(o)) for s, p, o in graph])
    return store


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    shipped = load_graph()
    upload = Graph().parse(FILES / "dossier-stw-0004.ttl", format="turtle").parse(data=CURRICULUM, format="turtle")
    stores = {"shipped": {"rdflib": EmbeddedStore(shipped, engine="rdflib"),
                          "oxigraph": EmbeddedStore(engine="oxigraph")},
              "upload": {"rdflib": EmbeddedStore(upload, engine="rdflib"),
                         "oxigraph": EmbeddedStore(upload, engine="oxigraph")}}
    rows = []
    for name in query_names():
        graph = "upload" if name in UPLOADED else "shipped"
        bindings = (UPLOADED if name in UPLOADED else SHIPPED).get(name, [{}])[0]
        query = named_query(name)
        figures = {}
        for engine, store in stores[graph].items():
            run(store, query, bindings)  # rdflib parses the query text once, then keeps it
            figures[engine] = median_ms(lambda: run(store, query, bindings), args.repeat)
        rows.append((name, graph, figures))

    print(f"`python bench/engines.py --repeat {args.repeat}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {len(shipped)} triples, "
          f"median of {args.repeat}, milliseconds\n")
    print("| query | graph | rdflib ms | pyoxigraph ms | rows rdflib / pyoxigraph |")
    print("|---|---|---:|---:|---|")
    total = {"rdflib": 0.0, "oxigraph": 0.0}
    for name, graph, figures in sorted(rows, key=lambda r: -r[2]["rdflib"][0]):
        (r_ms, r_n), (o_ms, o_n) = figures["rdflib"], figures["oxigraph"]
        total["rdflib"] += r_ms
        total["oxigraph"] += o_ms
        print(f"| {name} | {graph} | {r_ms:.1f} | {o_ms:.2f} | {r_n} / {o_n} |")
    print(f"| **all {len(rows)} queries** | | **{total['rdflib']:.0f}** | **{total['oxigraph']:.1f}** | |")

    loads = [("load the shipped Turtle", lambda: load_graph(), lambda: load_store()),
             ("copy the shipped graph into Oxigraph: N-Triples / term by term",
              lambda: to_oxigraph(shipped), lambda: term_by_term(shipped))]
    print("\n| loading | rdflib ms | pyoxigraph ms |\n|---|---:|---:|")
    r_ms, _ = median_ms(loads[0][1], max(3, args.repeat // 2))
    o_ms, _ = median_ms(loads[0][2], max(3, args.repeat // 2))
    print(f"| {loads[0][0]} (rdflib Graph / Oxigraph store) | {r_ms:.0f} | {o_ms:.0f} |")
    nt_ms, _ = median_ms(loads[1][1], max(3, args.repeat // 2))
    py_ms, _ = median_ms(loads[1][2], max(3, args.repeat // 2))
    print(f"| {loads[1][0]} | | {nt_ms:.0f} / {py_ms:.0f} |")


if __name__ == "__main__":
    main()
