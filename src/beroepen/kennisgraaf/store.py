"""Load the knowledge graph and run queries on it: embedded (rdflib) or a SPARQL 1.1 store.

Both stores answer the same three calls, so every capability runs unchanged on either:
`select(query, bindings)` → list of dicts of rdflib terms, `ask(...)` → bool,
`construct(...)` → rdflib.Graph. Bindings are never pasted into query text by hand: the
embedded store passes them as initBindings, the remote store as a trailing VALUES block
built from the terms' own N3 serialisation.
"""
import re

from rdflib import Graph, Literal, URIRef, BNode

from ..sparql.gate import prepare  # also makes rdflib's SPARQL parser thread-safe
from .graaf import default_graph


class EmbeddedStore:
    """Queries an in-process rdflib graph. Each query text is parsed once, under the
    process-wide parser lock (web threads share this store)."""

    def __init__(self, graph=None):
        self.graph = default_graph() if graph is None else graph

    def _run(self, query, bindings):
        return self.graph.query(prepare(query), initBindings=bindings or {})

    def select(self, query, bindings=None):
        result = self._run(query, bindings)
        names = [str(v) for v in result.vars]
        return [{n: row[i] for i, n in enumerate(names) if row[i] is not None}
                for row in result]

    def ask(self, query, bindings=None):
        return bool(self._run(query, bindings).askAnswer)

    def construct(self, query, bindings=None):
        return self._run(query, bindings).graph


def values_clause(bindings):
    """A SPARQL VALUES block for the bindings, each term serialised by rdflib."""
    if not bindings:
        return ""
    names = list(bindings)
    for term in bindings.values():
        if not isinstance(term, (URIRef, Literal)):
            raise TypeError(f"alleen IRI's en literals kunnen gebonden worden, niet {term!r}")
    row = " ".join(bindings[n].n3() for n in names)
    return " VALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") } "


_OUTER_GROUP = re.compile(r"\bWHERE\s*\{|\bASK\s*\{", re.IGNORECASE)


def with_values(query, bindings):
    """The query with its bindings as a VALUES block opening the outermost WHERE group.

    There the values constrain the pattern before any aggregation, as rdflib's initBindings
    do; a VALUES block after the query would be joined with its results instead.
    """
    block = values_clause(bindings)
    match = _OUTER_GROUP.search(query) if block else None
    if not match:
        return query + block
    return query[:match.end()] + block + query[match.end():]


class RemoteStore:
    """Queries a SPARQL 1.1 endpoint over HTTP; each call has a total deadline of `timeout`
    seconds and an answer of at most `max_bytes`."""

    def __init__(self, endpoint, timeout=30, max_bytes=64 * 2 ** 20, show_endpoint=False):
        self.endpoint = endpoint
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.show_endpoint = show_endpoint  # errors name the endpoint (CLI), not on web pages

    def _call(self, query, bindings, accept):
        from .storehttp import StoreError, post_query
        try:
            with post_query(self.endpoint, with_values(query, bindings), accept,
                            self.timeout) as reader:
                return reader.read_all(self.max_bytes)
        except StoreError as err:
            if self.show_endpoint:
                err.node = self.endpoint
            raise

    def _json(self, query, bindings):
        import json
        from .storehttp import StoreError
        body = self._call(query, bindings, "application/sparql-results+json")
        try:
            return json.loads(body)
        except ValueError:
            raise StoreError("het SPARQL-endpoint gaf geen geldige JSON", 502) from None

    def select(self, query, bindings=None):
        data = self._json(query, bindings)
        return [{name: _term(cell) for name, cell in row.items()}
                for row in data["results"]["bindings"]]

    def ask(self, query, bindings=None):
        return bool(self._json(query, bindings)["boolean"])

    def construct(self, query, bindings=None):
        data = self._call(query, bindings, "application/n-triples")
        return Graph().parse(data=data.decode("utf-8"), format="nt")


def _term(cell):
    """An rdflib term from one SPARQL JSON results cell."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    return Literal(value, lang=cell.get("xml:lang"), datatype=cell.get("datatype"))


def open_store(endpoint=None):
    """The store to use: the SPARQL endpoint when one is given, else the embedded graph."""
    return RemoteStore(endpoint, show_endpoint=True) if endpoint else EmbeddedStore()
