"""The core of the read-only SPARQL 1.1 endpoint: check a query, run it safely, serialise it.

Safety is decided on the *parsed* query, before anything runs:
- an update (including LOAD) never parses as a query: it is refused (403);
- SERVICE anywhere in the algebra is refused (rdflib would call the remote endpoint);
- FROM / FROM NAMED and the protocol's default-graph-uri / named-graph-uri may only name
  graphs this endpoint holds (`held`): rdflib would otherwise fetch them from the web.
  The protocol's dataset takes precedence over the query's, as SPARQL 1.1 Protocol says.
Evaluation happens in worker processes that hold the graph: a query that runs past the time
limit is stopped by killing its worker (a thread cannot be stopped), and a fresh worker takes
its place, so the web server keeps answering meanwhile. Results are cut at a row cap and say so.
"""
import collections
import csv
import functools
import io
import json
import multiprocessing
import queue
import threading
import time
import urllib.error
from dataclasses import dataclass

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.plugins.sparql import algebra, parser

from .errors import BeroepenError

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
# Other names clients send for the same formats (Accept header or format=).
ALIASES = {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
    "text/plain": "nt", "application/x-turtle": "turtle", "ttl": "turtle",
    "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "xml-rdf": "rdfxml",
}
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class QueryError(BeroepenError):
    """A query that is not run: `status` is the HTTP status the endpoint answers with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str                      # SELECT, ASK, CONSTRUCT or DESCRIBE
    default_graphs: tuple = ()     # empty: the endpoint's own default graph
    named_graphs: tuple = ()
    dataset_given: bool = False    # a dataset was named (protocol or FROM)


@dataclass
class Answer:
    content_type: str
    body: bytes
    truncated: bool = False
    rows: int = 0


def check(text, default_graphs=(), named_graphs=(), held=()):
    """Parse `text` and decide whether it may run; raises QueryError if not."""
    return _check(text, tuple(default_graphs), tuple(named_graphs), frozenset(held))


@functools.lru_cache(maxsize=256)
def _check(text, default_graphs, named_graphs, held):
    """check(), remembered: parsing is the slow part and the same queries come back."""
    try:
        parsed = parser.parseQuery(text)
    except Exception as err:
        if _is_update(text):
            raise QueryError("Dit endpoint is alleen-lezen: SPARQL Update (ook LOAD, CLEAR, "
                             "INSERT, DELETE) wordt niet uitgevoerd.", status=403) from None
        raise QueryError(f"Syntaxfout in de query: {err}") from None
    try:
        query = algebra.translateQuery(parsed)
    except Exception as err:
        raise QueryError(f"Ongeldige query: {err}") from None
    if _uses_service(query.algebra):
        raise QueryError("SERVICE wordt niet uitgevoerd: dit endpoint doet geen verzoeken "
                         "aan andere endpoints.", status=403)
    from_default, from_named = _dataset_clause(query.algebra)
    if default_graphs or named_graphs:  # the protocol's dataset wins over FROM
        from_default, from_named = tuple(default_graphs), tuple(named_graphs)
    unknown = [g for g in from_default + from_named if g not in held]
    if unknown:
        raise QueryError(f"Graaf {', '.join('<' + g + '>' for g in unknown)} staat niet in dit "
                         f"endpoint; externe grafen worden nooit opgehaald. Bekend: "
                         f"{', '.join('<' + g + '>' for g in sorted(held)) or 'geen benoemde grafen'}.")
    form = query.algebra.name.replace("Query", "").upper()
    return CheckedQuery(text, form, from_default, from_named, bool(from_default or from_named))


def _is_update(text):
    try:
        parser.parseUpdate(text)
        return True
    except Exception:
        return False


def _uses_service(node):
    """True when a SERVICE pattern occurs anywhere in the algebra (also inside EXISTS)."""
    found = []

    def visit(part):
        if getattr(part, "name", None) == "ServiceGraphPattern":
            found.append(part)
        return None

    algebra.traverse(node, visitPost=visit)
    return bool(found)


def _dataset_clause(main):
    default, named = [], []
    for clause in main.get("datasetClause") or []:
        clause = dict(clause)  # CompValue.get() does not return None for a missing key
        if clause.get("default") is not None:
            default.append(str(clause["default"]))
        if clause.get("named") is not None:
            named.append(str(clause["named"]))
    return tuple(default), tuple(named)


def negotiate(form, accept=None, fmt=None):
    """The format key for this query form, from `format=` first, then the Accept header."""
    types = GRAPH_TYPES if form in GRAPH_FORMS else RESULT_TYPES
    if form == "ASK":
        types = {k: v for k, v in types.items() if k in ("json", "xml")}
    if fmt:
        key = ALIASES.get(fmt, fmt)
        key = next((k for k, v in types.items() if v == key), key)
        if key in types:
            return key
        raise QueryError(f"Onbekend formaat '{fmt}' voor {form}; kies uit {', '.join(types)}.",
                         status=406)
    if accept:
        for mime in _accepted(accept):
            key = ALIASES.get(mime, mime)
            key = next((k for k, v in types.items() if v == key or k == key), None)
            if key:
                return key
    return next(iter(types))


def _accepted(accept):
    """Media types of an Accept header, best first (q-values honoured, */* ignored)."""
    items = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0
        if fields[0] and "*" not in fields[0] and q > 0:
            items.append((-q, i, fields[0].lower()))
    return [mime for _, _, mime in sorted(items)]


# --- serialisation ---------------------------------------------------------------------

def serialize_result(result, fmt, row_cap):
    """An rdflib query Result → Answer in format `fmt`, cut at `row_cap` rows or triples."""
    if result.type == "ASK":
        return _boolean(bool(result.askAnswer), fmt)
    if result.type in GRAPH_FORMS:
        return serialize_graph(result.graph, fmt, row_cap)
    names = [str(v) for v in result.vars]
    rows, truncated = [], False
    for row in result:
        if len(rows) >= row_cap:
            truncated = True
            break
        rows.append({n: row[i] for i, n in enumerate(names) if row[i] is not None})
    return serialize_rows(names, rows, fmt, truncated)


def serialize_rows(names, rows, fmt, truncated=False):
    writer = {"json": _rows_json, "xml": _rows_xml, "csv": _rows_csv, "tsv": _rows_tsv}[fmt]
    return Answer(RESULT_TYPES[fmt] + ("; charset=utf-8" if fmt in ("csv", "tsv") else ""),
                  writer(names, rows, truncated).encode("utf-8"), truncated, len(rows))


def _json_term(term):
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    cell = {"type": "literal", "value": str(term)}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype:
        cell["datatype"] = str(term.datatype)
    return cell


def _rows_json(names, rows, truncated):
    data = {"head": {"vars": names},
            "results": {"bindings": [{n: _json_term(t) for n, t in r.items()} for r in rows]}}
    if truncated:
        data["truncated"] = True  # extra member; SPARQL JSON clients ignore what they don't know
    return json.dumps(data, ensure_ascii=False)


def _rows_xml(names, rows, truncated):
    from xml.sax.saxutils import escape, quoteattr
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(n)}/>" for n in names]
    if truncated:
        out.append('<link href="#truncated"/>')
    out += ["</head>", "<results>"]
    for row in rows:
        out.append("<result>")
        for name, term in row.items():
            if isinstance(term, URIRef):
                value = f"<uri>{escape(str(term))}</uri>"
            elif isinstance(term, BNode):
                value = f"<bnode>{escape(str(term))}</bnode>"
            else:
                attr = (f" xml:lang={quoteattr(term.language)}" if term.language else
                        f" datatype={quoteattr(str(term.datatype))}" if term.datatype else "")
                value = f"<literal{attr}>{escape(str(term))}</literal>"
            out.append(f"<binding name={quoteattr(name)}>{value}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _rows_csv(names, rows, truncated):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row.get(n) is None else ("_:" + row[n] if isinstance(row[n], BNode)
                                                         else str(row[n])) for n in names])
    return out.getvalue()


def _rows_tsv(names, rows, truncated):
    lines = ["\t".join("?" + n for n in names)]
    for row in rows:
        lines.append("\t".join("" if row.get(n) is None else row[n].n3().replace("\t", "\\t")
                               for n in names))
    return "\n".join(lines) + "\n"


def _boolean(value, fmt):
    if fmt == "xml":
        body = ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n")
    else:
        fmt, body = "json", json.dumps({"head": {}, "boolean": value})
    return Answer(RESULT_TYPES[fmt], body.encode("utf-8"))


def serialize_graph(graph, fmt, row_cap):
    triples = iter(graph)
    out, truncated = Graph(), False
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for count, triple in enumerate(triples):
        if count >= row_cap:
            truncated = True
            break
        out.add(triple)
    rdflib_format = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    body = out.serialize(format=rdflib_format, encoding="utf-8")
    return Answer(GRAPH_TYPES[fmt] + ("; charset=utf-8" if fmt in ("turtle", "nt") else ""),
                  body, truncated, len(out))


# --- running: a pool of worker processes over the embedded graph ------------------------

def _evaluate(dataset, named, checked):
    """Run a checked query in this (worker) process on the held graphs."""
    import rdflib.plugins.sparql as sparql_settings
    from rdflib.plugins.sparql.evaluate import evalQuery
    from rdflib.plugins.sparql.processor import SPARQLResult
    sparql_settings.SPARQL_LOAD_GRAPHS = False      # never fetch, whatever slips through
    sparql_settings.SPARQL_DEFAULT_GRAPH_UNION = False
    query = _translated(checked.text)
    if _uses_service(query.algebra):  # checked before; checked again where it would run
        raise QueryError("SERVICE wordt niet uitgevoerd.", status=403)
    query.algebra["datasetClause"] = None
    if checked.dataset_given:
        chosen = Dataset()
        for iri in checked.default_graphs:
            chosen.default_context += named[iri]
        for iri in checked.named_graphs:
            chosen.graph(URIRef(iri)).__iadd__(named[iri])
        dataset = chosen
    return SPARQLResult(evalQuery(dataset, query))


@functools.lru_cache(maxsize=128)
def _translated(text):
    """The parsed and translated query; rdflib evaluates one translated query many times."""
    return algebra.translateQuery(parser.parseQuery(text))


def _worker(conn, nt_data, named_nt, memory_mb=None):
    """A worker process: load the graphs once, then answer jobs until the pipe closes.
    With `memory_mb` the process cannot grow past that size: a query that would is stopped
    with a MemoryError, and the worker ends so a fresh one takes its place."""
    if memory_mb:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2 ** 20, memory_mb * 2 ** 20))
    dataset = Dataset()
    dataset.default_context.parse(data=nt_data, format="nt")
    named = {iri: Graph().parse(data=data, format="nt") for iri, data in named_nt.items()}
    for iri, graph in named.items():
        dataset.graph(URIRef(iri)).__iadd__(graph)
    conn.send("ready")
    while True:
        try:
            checked, fmt, row_cap = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = serialize_result(_evaluate(dataset, named, checked), fmt, row_cap)
            conn.send(("ok", answer))
        except QueryError as err:
            conn.send(("error", (err.status, err.message)))
        except MemoryError:
            conn.send(("fatal", (503, f"De query is gestopt: hij had meer dan {memory_mb} MB "
                                      f"geheugen nodig.")))
            return
        except Exception as err:  # an evaluation error is the query's, not the server's
            conn.send(("error", (400, f"Fout bij het uitvoeren van de query: {err}")))


class QueryPool:
    """Worker processes that each hold the graph; a job past `timeout` seconds kills its worker."""

    def __init__(self, graph, named_graphs=None, size=2, timeout=10.0, row_cap=10000,
                 cache_size=256, memory_mb=None):
        self.timeout, self.row_cap, self.memory_mb = timeout, row_cap, memory_mb
        # The embedded graph does not change while it is served, so an answer stays right.
        self._answers, self._cache_size = collections.OrderedDict(), cache_size
        self.held = set(named_graphs or {})
        self._payload = (graph.serialize(format="nt"),
                         {iri: g.serialize(format="nt") for iri, g in (named_graphs or {}).items()})
        self._context = multiprocessing.get_context("spawn")
        self._idle = queue.Queue()
        self._workers = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._start() for _ in range(size)]
        for worker in starting:
            self._await_ready(worker)

    def _start(self):
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_worker, daemon=True,
                                        args=(theirs,) + self._payload + (self.memory_mb,))
        process.start()
        theirs.close()
        worker = (process, ours)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _await_ready(self, worker):
        process, conn = worker
        if conn.poll(120) and conn.recv() == "ready":
            self._idle.put(worker)
        else:
            self._discard(worker)

    def _respawn(self):
        if not self._closed:
            self._await_ready(self._start())

    def _discard(self, worker):
        process, conn = worker
        process.kill()
        process.join(5)
        conn.close()
        with self._lock:
            self._workers.discard(worker)

    def run(self, checked, fmt):
        """Answer for a checked query; QueryError(503) when it takes longer than the limit."""
        key = (checked.text, checked.default_graphs, checked.named_graphs, fmt)
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        answer = self._evaluate(checked, fmt)
        if len(answer.body) <= 2_000_000:
            with self._lock:
                self._answers[key] = answer
                while len(self._answers) > self._cache_size:
                    self._answers.popitem(last=False)
        return answer

    def _evaluate(self, checked, fmt):
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryError("Alle query-werkers zijn bezet; probeer het zo weer.", status=503) from None
        process, conn = worker
        try:
            conn.send((checked, fmt, self.row_cap))
            left = max(0.0, self.timeout - (time.monotonic() - started))
            if not conn.poll(left):
                raise TimeoutError
            status, payload = conn.recv()
        except (TimeoutError, EOFError, OSError):
            self._discard(worker)
            threading.Thread(target=self._respawn, daemon=True).start()
            raise QueryError(f"De query is gestopt na de tijdslimiet van {self.timeout:g} s.",
                             status=503) from None
        if status == "fatal":  # the worker has ended itself
            self._discard(worker)
            threading.Thread(target=self._respawn, daemon=True).start()
            raise QueryError(payload[1], status=payload[0])
        self._idle.put(worker)
        if status == "error":
            raise QueryError(payload[1], status=payload[0])
        return payload

    def close(self):
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._discard(worker)


class RemoteRunner:
    """Runs checked queries on a SPARQL 1.1 store over HTTP, with the same cap and formats."""

    def __init__(self, endpoint, timeout=10.0, row_cap=10000, held=()):
        self.endpoint, self.timeout, self.row_cap = endpoint, timeout, row_cap
        self.held = set(held)

    def run(self, checked, fmt):
        """Ask the store through SPARQLWrapper (POST, time limit), then cap and serialise."""
        from rdflib.query import Result
        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
        graph_form = checked.form in GRAPH_FORMS
        sparql = SPARQLWrapper(self.endpoint)
        sparql.setMethod(POST)
        sparql.setTimeout(self.timeout)
        sparql.setQuery(checked.text)
        sparql.setReturnFormat(TURTLE if graph_form else JSON)
        for iri in checked.default_graphs:
            sparql.addDefaultGraph(iri)
        for iri in checked.named_graphs:
            sparql.addNamedGraph(iri)
        try:
            body = sparql.query().response.read()
        except SPARQLWrapperException as err:  # the store answered 4xx/5xx
            status = 502 if type(err).__name__ == "EndPointInternalError" else 400
            raise QueryError(f"Het SPARQL-endpoint weigert de query: {err}", status=status) from None
        except (urllib.error.URLError, OSError) as err:  # refused, unreachable or too slow
            raise QueryError(f"SPARQL-endpoint niet bereikbaar of te traag: {err}", status=503) from None
        if graph_form:
            return serialize_graph(Graph().parse(data=body, format="turtle"), fmt, self.row_cap)
        return serialize_result(Result.parse(io.BytesIO(body), format="json"), fmt, self.row_cap)


def service_description(endpoint_url, fmt="turtle", triples=None, held=()):
    """The SPARQL 1.1 Service Description of this endpoint as an Answer."""
    from rdflib import Namespace, RDF, XSD
    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    FORMATS = Namespace("http://www.w3.org/ns/formats/")
    VOID = Namespace("http://rdfs.org/ns/void#")
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service = URIRef(endpoint_url)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    if triples is not None:
        graph.add((default, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for iri in sorted(held):
        named = BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(iri)))
    return serialize_graph(graph, fmt, row_cap=10 ** 6)
