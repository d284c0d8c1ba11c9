"""The read-only SPARQL 1.1 endpoint's core: formats, serialisation, and the remote runner.

Every query passes the gate (beroepen.sparql.gate) in a worker process with a time and
memory limit (beroepen.sparql.workers); on the embedded graph the same worker evaluates it,
in store mode (`serve --endpoint`) the store is sent the query as the gate read it and its
answer is read in pieces, stopping at the row cap, within a total deadline.
"""
import collections
import csv
import io
import json
import threading
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from .gate import QueryError  # noqa: F401 (the endpoint's error type)
from ..kennisgraaf.storehttp import StoreError, post_query

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


@dataclass(frozen=True)
class QueryRequest:
    """A /sparql request as the protocol gives it: the text and what the client asked for."""
    text: str
    default_graphs: tuple = ()
    named_graphs: tuple = ()
    accept: str = None
    fmt: str = None                # the format= parameter
    browser: bool = False          # answer for an HTML page (JSON rows or Turtle)


@dataclass
class Answer:
    content_type: str
    body: bytes
    truncated: bool = False
    rows: int = 0


def choose_format(form, request):
    """The format key for this query form and request."""
    if request.browser:
        return "turtle" if form in GRAPH_FORMS else "json"
    return negotiate(form, request.accept, request.fmt)


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


# --- store mode: the gate, then the store -----------------------------------------------

class RemoteRunner:
    """Runs gated queries on a SPARQL 1.1 store over HTTP, with the same cap and formats.

    The answer is read as it arrives and the connection closed once the cap is passed, so
    an unlimited SELECT costs the cap, not the store's whole answer; the exchange has a
    total deadline of `timeout` seconds."""

    def __init__(self, endpoint, gate, timeout=10.0, row_cap=10000, per_client=1,
                 max_bytes=16_000_000):
        self.endpoint, self.gate, self.timeout, self.row_cap = endpoint, gate, timeout, row_cap
        self.max_bytes = max_bytes
        self.held = gate.held
        self.per_client = per_client
        self._running, self._lock = collections.Counter(), threading.Lock()

    def run(self, request, client=None):
        """(CheckedQuery, Answer) for a QueryRequest; a client runs at most `per_client`
        queries on the store at once (more: 429)."""
        with self._lock:
            if self._running[client] >= self.per_client:
                raise QueryError(f"U heeft al {self.per_client} query('s) lopen; wacht tot "
                                 f"die klaar is.", status=429)
            self._running[client] += 1
        try:
            return self._run(request, client)
        finally:
            with self._lock:
                self._running[client] -= 1
                if self._running[client] <= 0:
                    del self._running[client]

    def _run(self, request, client):
        checked = self.gate.gate(request, client)
        fmt = choose_format(checked.form, request)
        accept = "application/n-triples" if checked.form in GRAPH_FORMS else \
            "application/sparql-results+xml"
        try:
            with post_query(self.endpoint, checked.text, accept, self.timeout,
                            checked.default_graphs, checked.named_graphs) as reader:
                pieces = _at_most(reader.chunks(), self.max_bytes)
                if checked.form in GRAPH_FORMS:
                    graph, truncated = _read_triples(pieces, self.row_cap)
                    answer = serialize_graph(graph, fmt, self.row_cap)
                    answer.truncated = answer.truncated or truncated or pieces.cut
                    return checked, answer
                answer = _read_results(pieces, fmt, self.row_cap)
                answer.truncated = answer.truncated or pieces.cut
                return checked, answer
        except StoreError as err:
            raise QueryError(_store_message(err), status=err.status) from None
        except Exception as err:  # XML, N-Triples or term errors in what the store sent
            raise QueryError(f"Het SPARQL-endpoint gaf een onleesbaar antwoord "
                             f"({type(err).__name__}).", status=502) from None

    def close(self):
        self.gate.close()


def _store_message(err):
    if err.status == 503:
        return f"Het SPARQL-endpoint is nu niet beschikbaar: {err.message}. Probeer het zo weer."
    return f"Het SPARQL-endpoint gaf een fout: {err.message}"


_RS = "{http://www.w3.org/2005/sparql-results#}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _at_most:
    """The pieces of a store's answer up to `limit` bytes in all; `cut` says whether more came.
    One huge value (a GROUP_CONCAT of the whole graph) is cut like too many rows."""

    def __init__(self, pieces, limit):
        self.pieces, self.limit, self.cut = pieces, limit, False

    def __iter__(self):
        seen = 0
        for piece in self.pieces:
            seen += len(piece)
            if seen > self.limit:
                self.cut = True
                return
            yield piece


def _read_results(pieces, fmt, row_cap):
    """SPARQL XML results → Answer, reading no further than row_cap + 1 results."""
    pull = ElementTree.XMLPullParser(events=("end",))
    names, rows, truncated = [], [], False
    for piece in pieces:
        pull.feed(piece)
        for _, element in pull.read_events():
            tag = element.tag
            if tag == _RS + "variable":
                names.append(element.get("name"))
            elif tag == _RS + "boolean":
                return _boolean(element.text.strip() == "true", fmt if fmt == "xml" else "json")
            elif tag == _RS + "result":
                if len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append({b.get("name"): _xml_term(b[0]) for b in element
                             if b.tag == _RS + "binding" and len(b)})
                element.clear()
        if truncated:
            break
    return serialize_rows(names, rows, fmt, truncated)


def _xml_term(element):
    text = element.text or ""
    if element.tag == _RS + "uri":
        return URIRef(text)
    if element.tag == _RS + "bnode":
        return BNode(text)
    return Literal(text, lang=element.get(_XML_LANG), datatype=element.get("datatype"))


def _read_triples(pieces, row_cap):
    """N-Triples → (Graph of at most row_cap triples, truncated)."""
    lines, rest, truncated = [], b"", False
    for piece in pieces:
        *complete, rest = (rest + piece).split(b"\n")
        lines += [line for line in complete if line.strip() and not line.lstrip().startswith(b"#")]
        if len(lines) > row_cap:
            truncated = True
            break
    if not truncated and not getattr(pieces, "cut", False) and rest.strip():
        lines.append(rest)  # the last line, unless the byte cap cut it off
    data = b"\n".join(lines[:row_cap]).decode("utf-8")
    return Graph().parse(data=data, format="nt"), truncated




def service_description(endpoint_url, fmt="turtle", triples=None, held=()):
    """The SPARQL 1.1 Service Description of this endpoint as an Answer."""
    from rdflib import RDF, XSD
    from ..vocab import FORMATS, SD, VOID
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
