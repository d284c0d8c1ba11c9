"""Load the knowledge graph and run queries on it: embedded (in this process) or a SPARQL 1.1 store.

Both stores answer the same three calls, so every capability runs unchanged on either:
`select(query, bindings)` → list of dicts of rdflib terms, `ask(...)` → bool,
`construct(...)` → rdflib.Graph. Bindings are never pasted into query text by hand: they go
in as a VALUES block opening the outermost WHERE group, built from the terms' own N3
serialisation (the remote store, Oxigraph), or as rdflib's initBindings.

The embedded store evaluates with Oxigraph (pyoxigraph, in process; the default) or with
rdflib. The choice is `EmbeddedStore(engine=...)`, else the environment variable
BEROEPEN_ENGINE (oxigraph or rdflib), read in `engine_name()` and nowhere else.
"""
import os
import re
import threading
import weakref

from rdflib import Graph, Literal, URIRef, BNode

from ..errors import BeroepenError
from .graaf import default_graph, default_store, is_default_graph
from .opzoeken import is_iri

ENGINES = ("oxigraph", "rdflib")
ENGINE_VARIABLE = "BEROEPEN_ENGINE"


def engine_name(engine=None):
    """The embedded engine to use: `engine`, else BEROEPEN_ENGINE, else oxigraph."""
    name = (engine or os.environ.get(ENGINE_VARIABLE) or ENGINES[0]).strip().lower()
    if name not in ENGINES:
        raise BeroepenError(f"onbekende query-engine '{name}' ({ENGINE_VARIABLE}); "
                            f"kies uit {', '.join(ENGINES)}")
    return name


class Rows(list):
    """A SELECT answer: a list of {variable: rdflib term} (unbound variables left out),
    and `columns`, the projected variables in order."""

    def __init__(self, rows, columns):
        super().__init__(rows)
        self.columns = columns


class EmbeddedStore:
    """Queries a graph in this process.

    `EmbeddedStore()` holds the shipped graph (on Oxigraph: loaded from the Turtle files
    without rdflib). `EmbeddedStore(graph)` holds an rdflib Graph you built; on Oxigraph it is
    copied in at construction, so changes to `graph` after that are not seen.
    `.graph` is an rdflib Graph of the same triples, parsed only when something asks for it
    (pySHACL, serialising, the /sparql workers). Blank nodes keep their ids between `graph`
    and the answers for a graph you gave, not for the shipped one.

    Safe to share between threads: Oxigraph's store is, and rdflib's SPARQL parser runs under
    the process-wide lock of sparql/gate.py.
    """

    def __init__(self, graph=None, engine=None):
        self.engine = engine_name(engine)
        self._graph = graph
        if self.engine == "rdflib":
            self._engine = RdflibEngine(self.graph)
        elif graph is None or is_default_graph(graph):
            self._engine = OxigraphEngine(default_store())
        else:
            self._engine = _oxigraph_or_rdflib(graph)

    @property
    def graph(self):
        if self._graph is None:
            self._graph = default_graph()
        return self._graph

    def select(self, query, bindings=None):
        return self._engine_for(bindings).select(query, bindings)

    def ask(self, query, bindings=None):
        return self._engine_for(bindings).ask(query, bindings)

    def construct(self, query, bindings=None):
        return self._engine_for(bindings).construct(query, bindings)

    def _engine_for(self, bindings):
        """A blank node cannot be named in query text, and pyoxigraph binds one only to a
        projected variable: such a query runs on rdflib, on the graph that was given."""
        if (bindings and self._graph is not None and isinstance(self._engine, OxigraphEngine)
                and any(isinstance(t, BNode) for t in bindings.values())):
            return RdflibEngine(self._graph)
        return self._engine


_PER_GRAPH = weakref.WeakKeyDictionary()


def once_per_graph(store, key, compute):
    """compute(), kept per embedded store: for what depends only on the graph (the index, the
    overview, a profession's parts for /vergelijk, the registration rules) and has a bounded
    number of keys. The embedded graph does not change while it is served; a store behind an
    endpoint can be reloaded at any time: computed afresh. Callers must not change what they get."""
    if not isinstance(store, EmbeddedStore):
        return compute()
    kept = _PER_GRAPH.setdefault(store, {})
    if key not in kept:
        kept[key] = compute()  # a lost race between threads costs one computation twice
    return kept[key]


class RdflibEngine:
    """rdflib's own SPARQL evaluation; each query text is parsed once, under the
    process-wide parser lock (web threads share a store)."""

    def __init__(self, graph):
        self.graph = graph

    def _run(self, query, bindings):
        from ..sparql.gate import prepare  # also makes rdflib's SPARQL parser thread-safe
        return self.graph.query(prepare(query), initBindings=bindings or {})

    def select(self, query, bindings=None):
        with _RDFLIB_EVALUATION:
            result = self._run(query, bindings)
            names = [str(v) for v in result.vars]
            return Rows([{n: row[i] for i, n in enumerate(names) if row[i] is not None}
                         for row in result], names)

    def ask(self, query, bindings=None):
        with _RDFLIB_EVALUATION:
            return bool(self._run(query, bindings).askAnswer)

    def construct(self, query, bindings=None):
        with _RDFLIB_EVALUATION:
            return self._run(query, bindings).graph


# rdflib's evaluation changes the prepared query it runs (a parsed query is kept and shared):
# two threads evaluating at once gave "unhashable type: 'Expr'" and wrong rows. One at a time,
# answers read whole inside (rdflib's results are lazy). Oxigraph, the default, needs no lock.
_RDFLIB_EVALUATION = threading.RLock()


class OxigraphEngine:
    """Oxigraph's SPARQL evaluation on a pyoxigraph Store; answers as rdflib terms.

    Bindings go in as a VALUES block (`with_values`), not as pyoxigraph's `substitutions`:
    those refuse a variable the SELECT does not project, which most named queries bind."""

    TERMS_KEPT = 100_000  # rdflib terms remembered between answers (then forgotten at once)

    def __init__(self, store):
        self.store = store
        self._terms = {}

    def _run(self, query, bindings):
        return self.store.query(with_values(query, bindings))

    def select(self, query, bindings=None):
        result = self._run(query, bindings)
        names = [v.value for v in result.variables]
        convert = self._converter()
        return Rows([{n: convert(t) for n, t in zip(names, row) if t is not None}
                     for row in result], names)

    def ask(self, query, bindings=None):
        return bool(self._run(query, bindings))

    def construct(self, query, bindings=None):
        convert = self._converter()
        graph = Graph()
        graph.addN((convert(t.subject), convert(t.predicate), convert(t.object), graph)
                   for t in self._run(query, bindings))
        return graph

    def _converter(self):
        """A function from pyoxigraph terms to rdflib terms that remembers the ones it made:
        answers repeat the same labels and classes, and making an rdflib Literal is slow.
        Shared by threads: a lost race costs one term made twice."""
        if len(self._terms) > self.TERMS_KEPT:
            self._terms = {}
        made = self._terms

        def convert(term):
            found = made.get(term)
            if found is None:
                found = made[term] = _rdflib_term(term)
            return found
        return convert


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term):
    import pyoxigraph as ox
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # a simple literal, as rdflib's parsers give it: no datatype
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise ValueError(f"een RDF-term die rdflib niet kent: {term!r}")


def to_oxigraph(graph):
    """A pyoxigraph Store with the triples of an rdflib Graph, blank node ids kept.
    Through N-Triples: faster than building the terms one by one in Python (bench/engines.py)."""
    import pyoxigraph as ox
    store = ox.Store()
    data = graph.serialize(format="nt", encoding="utf-8")
    store.extend(ox.parse(data, ox.RdfFormat.N_TRIPLES))
    return store


def _oxigraph_or_rdflib(graph):
    """Oxigraph on a copy of `graph`; rdflib on `graph` itself when Oxigraph refuses a term
    that rdflib let in (an IRI with a space, a blank node id N-Triples cannot write)."""
    try:
        return OxigraphEngine(to_oxigraph(graph))
    except Exception:  # rdflib's serialiser raises a bare Exception for such an IRI
        return RdflibEngine(graph)


def values_clause(bindings):
    """SPARQL VALUES blocks for the bindings, each term serialised by rdflib.

    One single-row block per variable: the same one row, and Virtuoso 7.2 refuses a row of
    several variables followed by an OPTIONAL ("Internal error: ssg_print_rvr_fixed_val")."""
    if not bindings:
        return ""
    for name, term in bindings.items():
        if not isinstance(term, (URIRef, Literal)):
            raise TypeError(f"alleen IRI's en literals kunnen gebonden worden, niet {term!r}")
        if isinstance(term, URIRef) and not is_iri(str(term)):
            raise BeroepenError(f"parameter '{name}' is geen geldige IRI", node=ascii(str(term))[1:-1][:200])
    return "".join(f" VALUES ?{name} {{ {term.n3()} }}" for name, term in bindings.items()) + " "


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
        return Rows([{name: _term(cell) for name, cell in row.items()}
                     for row in data["results"]["bindings"]], data.get("head", {}).get("vars", []))

    def ask(self, query, bindings=None):
        return bool(self._json(query, bindings)["boolean"])

    def construct(self, query, bindings=None):
        from .storehttp import StoreError
        data = self._call(query, bindings, "application/n-triples")
        try:
            return Graph().parse(data=data.decode("utf-8"), format="nt")
        except Exception:  # rdflib's N-Triples parser raises its own and plain exceptions
            raise StoreError("het SPARQL-endpoint gaf geen geldige N-Triples", 502) from None


def _term(cell):
    """An rdflib term from one SPARQL JSON results cell."""
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    return Literal(value, lang=cell.get("xml:lang"), datatype=cell.get("datatype"))


def open_store(endpoint=None, engine=None):
    """The store to use: the SPARQL endpoint when one is given, else the embedded graph."""
    return RemoteStore(endpoint, show_endpoint=True) if endpoint else EmbeddedStore(engine=engine)
