"""The child process that parses one uploaded Turtle or JSON-LD file (run as a script by
uploads.parse_rdf; it imports nothing from beroepen, so it starts in a tenth of a second).

    python rdf.py FORMAT MAX_TRIPLES MAX_MEMORY_MB  < upload  > status line + N-Triples

It can do nothing but parse: an address-space limit, no file may be written, every JSON-LD
@context or @import that names a document is refused before parsing (at any depth), rdflib's
context loader is replaced by one that refuses, and once the parsers are loaded an audit hook
refuses every network connection, name lookup, file open and process start. The first line
of stdout is JSON: {"triples": n} and the N-Triples follow, or {"fout": …, "grens": …, "regel": …}.
"""
import json
import logging
import resource
import sys

from rdflib import Graph, Literal
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.shared.jsonld import context as jsonld_context

REMOTE = "een @context of @import moet in het bestand zelf staan, niet op een adres"
GEWEIGERD = ("socket.", "urllib.", "open", "os.", "shutil.", "subprocess.", "ftplib.", "http.client.", "smtplib.",
             "webbrowser.", "ctypes.")


class Weigering(Exception):
    """Something the upload may not do, or a budget it passed (`grens`: the setting)."""

    def __init__(self, melding, grens=None, regel=None):
        super().__init__(melding)
        self.grens, self.regel = grens, regel       # grens: the budget setting it passed


class TelGraaf(Graph):
    """A graph that stops the parser at max_triples, before memory grows with the file."""

    def __init__(self, max_triples):
        super().__init__()
        self.max_triples = max_triples

    def add(self, triple):
        if len(self) >= self.max_triples:
            raise Weigering(f"meer dan {self.max_triples} triples", grens="UPLOAD_MAX_TRIPLES")
        return super().add(triple)


def remote_contexts(data, pad="$"):
    """Every place in a JSON-LD document where a context names a document (a string, at any
    depth of nesting lists) or an @import appears: what a processor would fetch."""
    found = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            found += remote_contexts(item, f"{pad}[{i}]")
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "@import" or key == "@context" and _names_document(value):
                found.append(f"{pad}.{key}")
            found += remote_contexts(value, f"{pad}.{key}")
    return found


def _names_document(value):
    if isinstance(value, list):
        return any(_names_document(v) for v in value)
    return not (value is None or isinstance(value, dict))


def _refuse_fetch(self, source, base, referenced_contexts):
    raise Weigering(f"{REMOTE} ({source!r})")


def _warm_up():
    """Load every parser and serializer and the term types now, while files may be opened."""
    ttl = ('@prefix x: <urn:x:> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
           'x:a x:b "1"^^xsd:integer , "1.5"^^xsd:decimal , "2020-01-01"^^xsd:date , true , "t"@nl , '
           '"1e0"^^xsd:double , "2020-01-01T00:00:00"^^xsd:dateTime , [ x:c ( 1 2 ) ] .')
    graph = Graph().parse(data=ttl, format="turtle")
    Graph().parse(data=graph.serialize(format="json-ld"), format="json-ld")
    Graph().parse(data=graph.serialize(format="nt"), format="nt")
    "é".encode("utf-8").decode("utf-8-sig")


def _audit(event, args):
    if event.startswith(GEWEIGERD):
        raise Weigering(f"het bestand probeerde iets buiten zichzelf te bereiken ({event})")


def _ill_typed(graph):
    for s, p, o in graph:
        if isinstance(o, Literal) and o.ill_typed:
            waarde = str(o) if len(o) <= 24 else f"{str(o)[:24]}… ({len(o)} tekens)"
            return f"{s} {p}: '{waarde}' is geen geldige {o.datatype}"
    return None


def parse(fmt, data, max_triples):
    text = data.decode("utf-8-sig", errors="replace")
    graph = TelGraaf(max_triples)
    try:
        if fmt == "json-ld":
            plekken = remote_contexts(json.loads(text))
            if plekken:
                raise Weigering(f"{REMOTE} ({', '.join(plekken[:5])})")
        graph.parse(data=text, format=fmt)
    except BadSyntax as err:
        raise Weigering(f"Turtle-syntaxfout: {err._why}", regel=err.lines + 1) from None
    except json.JSONDecodeError as err:
        raise Weigering(f"JSON-fout: {err.msg}", regel=err.lineno) from None
    except (Weigering, MemoryError):
        raise
    except RecursionError:
        raise Weigering("het bestand is te diep genest") from None
    except Exception as err:  # rdflib raises plain exceptions for bad IRIs, prefixes, …
        if "integer string conversion" in str(err):     # Python's int-string limit (4300 digits)
            raise Weigering("een geheel getal met duizenden cijfers (te veel cijfers)") from None
        cause = err.__context__
        if isinstance(cause, (Weigering, MemoryError)):   # raised inside rdflib, which wrapped it
            raise cause from None
        raise Weigering(f"ongeldige RDF: {err}") from None
    fout = _ill_typed(graph)
    if fout:
        raise Weigering(fout)
    return graph


def main(argv):
    fmt, max_triples, max_memory_mb = argv[1], int(argv[2]), int(argv[3])
    logging.disable(logging.CRITICAL)     # rdflib's warnings would repeat the upload's values
    _warm_up()
    jsonld_context.Context._fetch_context = _refuse_fetch
    grens = max_memory_mb * 2 ** 20
    resource.setrlimit(resource.RLIMIT_AS, (grens, grens))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    data = sys.stdin.buffer.read()
    sys.addaudithook(_audit)
    out = sys.stdout.buffer
    try:
        graph = parse(fmt, data, max_triples)
        body = graph.serialize(format="nt", encoding="utf-8")
    except Weigering as err:
        out.write(json.dumps({"fout": str(err), "grens": err.grens, "regel": err.regel}).encode() + b"\n")
        return 0
    except MemoryError:
        out.write(json.dumps({"fout": f"meer dan {max_memory_mb} MB geheugen nodig",
                              "grens": "UPLOAD_MAX_MEMORY_MB"}).encode() + b"\n")
        return 0
    out.write(json.dumps({"triples": len(graph)}).encode() + b"\n")
    out.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
