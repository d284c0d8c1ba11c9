"""Run a named query or a query file with parameters; results as a plain table."""
from datetime import date
from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef, XSD

from ..errors import BeroepenError
from ..vocab import ID, compact
from . import parameters
from .opzoeken import checked_iri
from .store import open_store
from .queries import named_query, query_from_file, taal_term

_DATATYPES = {"integer": (XSD.integer, int), "decimal": (XSD.decimal, Decimal),
               "date": (XSD.date, date.fromisoformat)}


def to_term(param, value):
    """The rdflib term for a parameter value typed as the query header declares."""
    if param.kind == "iri":
        value = value.strip()
        return URIRef(checked_iri(value if "://" in value or value.startswith("urn:") else ID + value))
    if param.kind in _DATATYPES:
        datatype, parse = _DATATYPES[param.kind]
        try:  # checked here: rdflib logs a traceback for an ill-typed literal
            parse(value)
        except (ValueError, ArithmeticError):
            raise BeroepenError(f"parameter '{param.name}' verwacht een {param.kind}, niet '{value}'") from None
        return Literal(value, datatype=datatype)
    return Literal(value)


def parse_params(pairs):
    """{"naam": "waarde"} from "naam=waarde" strings; a pair without "=" is bad input."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BeroepenError(f"parameter '{pair}' heeft de vorm naam=waarde nodig")
        values[name.strip()] = value
    return values


def load(name_or_file):
    if name_or_file.endswith(".rq") or Path(name_or_file).is_file():
        return query_from_file(name_or_file)
    return named_query(name_or_file)


def bindings_for(query, values, store=None):
    """{variable: term} for the typed `values`; with a store, a parameter that lists its known
    values (parameters.resolve) takes a name, code or IRI of one of them, or is refused."""
    known = {p.name: p for p in query.parameters}
    if query.meertalig:
        values = dict(values)
        taal = values.pop("taal", None)
    unknown = sorted(set(values) - set(known))
    if unknown:
        expected = ", ".join(known) or "geen"
        raise BeroepenError(f"onbekende parameter(s) {', '.join(unknown)}; query '{query.name}' "
                            f"kent: {expected}")
    bindings = {}
    for name, value in values.items():
        param = known[name]
        if store is None or param.waarden is None:
            bindings[name] = to_term(param, value)
            continue
        if param.kind in _DATATYPES:
            to_term(param, value)  # its kind first: 'drie' is no integer, whatever is known
        bindings[name] = parameters.resolve(store, param, value)
    if query.meertalig:
        bindings["taal"] = taal_term(taal)
    return bindings


def run(name_or_file, values=None, endpoint=None, store=None, taal=None):
    """{"query": name, "columns": [...], "rows": [[term, ...], ...]} for a SELECT query; a
    meertalige query gives its labels in `taal` (or the value of its `taal` parameter), else
    in Dutch."""
    query = load(name_or_file)
    store = store or open_store(endpoint)
    values = dict(values or {})
    if taal and query.meertalig:
        values.setdefault("taal", taal)
    bindings = bindings_for(query, values, store)
    try:
        rows = store.select(query.text, bindings)
    except BeroepenError:
        raise
    except Exception as err:  # a malformed query file: rdflib's parser message says where
        raise BeroepenError(f"query kan niet worden uitgevoerd: {err}", node=query.name) from None
    columns = _columns(query, rows)
    return {"query": query.name, "titel": query.titel, "columns": columns,
            "rows": [[row.get(c) for c in columns] for row in rows]}


def _columns(query, rows):
    """The projected variables in order, as the store answered them."""
    columns = getattr(rows, "columns", None)
    return list(columns) if columns else sorted({k for row in rows for k in row})


class Label(str):
    """A text from the graph that keeps its language tag (`taal`, None: none), so that a page
    can mark one in another language than its own: a Dutch fallback on an English page."""
    taal = None


def label(term):
    """The text of a literal (or "" for none) as a Label with its language."""
    text = Label("" if term is None else str(term))
    text.taal = getattr(term, "language", None)
    return text


def cell(term, full=False):
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return str(term) if full else compact(term)
    return str(term)


def render(result, fmt):
    from .. import formats
    full = fmt != "table"
    rows = [[cell(t, full) for t in row] for row in result["rows"]]
    if fmt == "json":
        return formats.as_json([dict(zip(result["columns"], r)) for r in rows])
    if fmt == "csv":
        return formats.as_csv(result["columns"], rows)
    return formats.as_text(result["columns"], rows)
