"""The query gate: parse a query once, decide whether it may run, and give the text to run.

The gate judges the query as rdflib parses it, and what reaches a store is *that* reading:
the text with Unicode escapes expanded and comments removed exactly where rdflib's grammar
sees them (a comment ends at a line feed only, so a bare CR never ends one), checked by
parsing the result again and comparing the parse trees. So no difference between rdflib's
parser and a store's (comments, CR, escapes) can hide SERVICE, FROM or an update from it.

Refused before anything runs: an update (403), SERVICE anywhere (403), a graph in FROM /
FROM NAMED / default-graph-uri / named-graph-uri that is not held here (400: rdflib would
fetch it). The protocol's dataset takes precedence over the query's (SPARQL 1.1 Protocol).

rdflib's SPARQL parser (pyparsing) is not thread-safe on first use: pyparsing learns each
parse action's arity by trial calls, and two threads doing that at once leave it broken for
the rest of the process. So every parse in this process goes through one lock (`guard()`).
"""
import functools
import re
import threading
from dataclasses import dataclass

from rdflib import BNode
from rdflib.plugins.sparql import algebra, parser
from rdflib.plugins.sparql.parserutils import CompValue

from ..errors import BeroepenError

PARSE_LOCK = threading.RLock()
STORE_BASE = "BASE <https://w3id.org/beroepen/sparql/>\n"


class QueryError(BeroepenError):
    """A query that is not run: `status` is the HTTP status the endpoint answers with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CheckedQuery:
    text: str                      # what a store is sent: the query as the gate read it
    form: str                      # SELECT, ASK, CONSTRUCT or DESCRIBE
    default_graphs: tuple = ()     # empty: the endpoint's own default graph
    named_graphs: tuple = ()
    dataset_given: bool = False    # a dataset was named (protocol or FROM)


def guard():
    """Make rdflib's SPARQL parser take PARSE_LOCK on every parse, whoever calls it
    (our stores, Graph.query, pySHACL). Idempotent."""
    for grammar in (parser.Query, parser.UpdateUnit):
        if getattr(grammar.parse_string, "_beroepen_locked", False):
            continue
        unlocked = grammar.parse_string

        def locked(*args, _unlocked=unlocked, **kwargs):
            with PARSE_LOCK:
                return _unlocked(*args, **kwargs)

        locked._beroepen_locked = True
        grammar.parse_string = locked


guard()


@functools.lru_cache(maxsize=512)
def prepare(text):
    """The parsed and translated query for `text` (our own named queries: trusted text)."""
    from rdflib.plugins.sparql import prepareQuery
    with PARSE_LOCK:
        return prepareQuery(text)


# --- the gate --------------------------------------------------------------------------

def check(text, default_graphs=(), named_graphs=(), held=(), for_store=True):
    """(CheckedQuery, translated query) for `text`, or QueryError saying why it may not run.
    With `for_store`, CheckedQuery.text is the reading to send a store (else: `text`, for
    rdflib evaluates the translated query itself).

    Parsing costs time that grows fast with some queries: call this in a process that can
    be stopped (the query workers), not in a web thread."""
    parsed = _parse(text)
    # the reading before translateQuery, which changes `parsed`
    # A store resolves relative IRIs against its own address: a public base first (the
    # query's own BASE, if any, still overrides it) keeps that address out of the answers.
    reading = STORE_BASE + _as_read(text, parsed) if for_store else text
    try:
        query = algebra.translateQuery(parsed)
    except Exception as err:
        raise QueryError(f"Ongeldige query: {err}") from None
    if uses_service(query.algebra):
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
    checked = CheckedQuery(reading, form, from_default, from_named,
                           bool(from_default or from_named))
    return checked, query


def _parse(text):
    try:
        with PARSE_LOCK:
            return parser.parseQuery(text)
    except Exception as err:
        if _is_update(text):
            raise QueryError("Dit endpoint is alleen-lezen: SPARQL Update (ook LOAD, CLEAR, "
                             "INSERT, DELETE) wordt niet uitgevoerd.", status=403) from None
        raise QueryError(f"Syntaxfout in de query: {err}") from None


def _is_update(text):
    """True when `text` is an update with at least one operation (an empty text or one of
    only comments and prefixes parses as an empty update: that is a bad query, not one)."""
    try:
        with PARSE_LOCK:
            update = parser.parseUpdate(text)
    except Exception:
        return False
    return bool(dict(update).get("request"))


def uses_service(node):
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


# --- the query as the gate read it -----------------------------------------------------

# SPARQL's lexical tokens that may hold '#', quotes or line breaks, then comments (to the
# next line feed, as rdflib's grammar has it), whitespace, and everything else verbatim.
_TOKENS = re.compile(r'''
    (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<space>[ \t\r\n]+)
  | (?P<other>[^"'<\#\ \t\r\n]+|.)
''', re.VERBOSE | re.DOTALL)


_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def _as_read(text, parsed):
    """The query text as rdflib read it: escapes expanded, comments gone, every line end a LF.

    Parsed again and compared: if that reading differs in any way from the original's,
    the query is refused rather than sent in a form the gate did not judge."""
    expanded = parser.expandUnicodeEscapes(text)
    out = []
    for match in _TOKENS.finditer(expanded):
        kind, token = match.lastgroup, match.group()
        out.append(" " if kind == "comment" else token)
    # Every character some parser takes as a line end becomes a line feed, wherever it is:
    # the tokens above are ours, not rdflib's, so a comment they misread as a string must not
    # carry a CR (or a form feed, U+2028, …) that ends it for a store but not for rdflib.
    # Then the parse below sees what the store will, and a difference is refused.
    reading = _LINE_ENDS.sub("\n", "".join(out))
    if reading == text:
        return reading
    try:
        with PARSE_LOCK:
            again = parser.parseQuery(reading)
    except Exception:
        again = None
    if again is None or _shape(again) != _shape(parsed):
        raise QueryError("De query kan niet eenduidig worden doorgegeven (commentaar, "
                         "regeleinden of escapes maken haar dubbelzinnig); schrijf haar "
                         "zonder die constructies.")
    return reading


def _shape(node, bnodes=None):
    """A comparable form of a parse tree: blank nodes by order of appearance."""
    bnodes = {} if bnodes is None else bnodes
    if isinstance(node, BNode):
        return ("bnode", bnodes.setdefault(node, len(bnodes)))
    if isinstance(node, CompValue):
        return ("comp", node.name, tuple((k, _shape(v, bnodes)) for k, v in node.items()))
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return ("list", tuple(_shape(v, bnodes) for v in node))
    if isinstance(node, dict):
        return ("dict", tuple((k, _shape(v, bnodes)) for k, v in node.items()))
    return (type(node).__name__, node.n3() if hasattr(node, "n3") else repr(node))
