"""A query parameter's value as a person types it, turned into the term the query binds.

A parameter whose header names a waarden-query (`profiel:iri=waarden-profielen`) takes any
name that query lists for a value (a profile's code, label or its profession's name; a
competence code in any case), the value's IRI or id path: case, accents and spacing aside. A
value it does not know is an error naming the parameter, the value and the closest known
names, never a query that silently answers nothing. The CLI and the web both bind through here.
"""
import difflib
import re

from rdflib import Literal, URIRef

from ..errors import BeroepenError, NietEenduidig
from ..vocab import ID
from .labels import id_path
from .queries import named_query
from .search import fold
from .store import once_per_graph

MAX_CHARS = 500  # a typed value longer than any name is refused before it is compared


def resolve(store, param, text):
    """The rdflib term for `text` as the value of `param`, or None when the parameter lists no
    known values (then its kind alone decides: querying.to_term)."""
    if param.waarden is None:
        return None
    if len(text) > MAX_CHARS:
        raise BeroepenError(f"parameter '{param.name}': de waarde is langer dan {MAX_CHARS} tekens")
    names = known(store, param.waarden)
    wanted = _key(text)
    if param.kind == "begin":
        return _beginning(param, text, wanted, names)
    found = {}
    for tier in (_exact_tier, _name_tier):  # an IRI or id path first, then the names
        found = tier(names, text, wanted)
        if found:
            break
    if len(found) > 1:
        options = "; ".join(_shown(v, label) for v, label in sorted(found.items(), key=str))
        raise NietEenduidig(f"parameter '{param.name}': '{text}' past bij meer dan één waarde: "
                            f"{options}; kies er één met haar id-pad of IRI")
    if not found:
        raise BeroepenError(_unknown(param, text, wanted, names))
    return next(iter(found))


def known(store, waarden):
    """[(value term, name a person may type, label)] from the waarden-query; an IRI value also
    answers to its id path and the last part of it (`profiel/stw`, `stw`)."""
    return once_per_graph(store, ("parameterwaarden", waarden), lambda: _known(store, waarden))


def _known(store, waarden):
    names = []
    for row in store.select(named_query(waarden).text):
        value, label = row["waarde"], row.get("label")
        label = str(label) if label is not None else None
        names.append((value, str(row["naam"]), label))
        if isinstance(value, URIRef) and id_path(value):
            names += [(value, id_path(value), label), (value, id_path(value).rsplit("/", 1)[-1], label)]
    return [(v, n, label, _key(n)) for v, n, label in names]


def _key(text):
    return " ".join(fold(text).split())


def _exact_tier(names, text, wanted):
    iri = text.strip()
    iri = iri if "://" in iri else ID + re.sub(r"^/?(id/)?", "", iri)
    return {v: label for v, _n, label, _k in names if isinstance(v, URIRef) and str(v) == iri}


def _name_tier(names, text, wanted):
    return {v: label for v, _n, label, key in names if key == wanted}


def _beginning(param, text, wanted, names):
    """A text a known name begins with, written as that name writes it ('bcp vaktherapeut' →
    'BCP Vaktherapeut'), since the query compares with STRSTARTS, case and all."""
    for _v, name, _label, key in sorted(names, key=lambda n: n[1]):
        if key.startswith(wanted) and wanted:
            head = name[:len(text.strip())]
            return Literal(head if _key(head) == wanted else text.strip())
    raise BeroepenError(_unknown(param, text, wanted, names, "geen bekende waarde begint met"))


def _unknown(param, text, wanted, names, what="onbekende waarde"):
    """The message for an unknown value: the closest names, or all of them when there are few
    (id paths left out: the last part of one is listed as a name already)."""
    by_key = {}
    for value, name, _label, key in names:
        if not (isinstance(value, URIRef) and name == id_path(value)):
            by_key.setdefault(key, name)
    close = difflib.get_close_matches(wanted, list(by_key), n=5, cutoff=0.5)
    if not close:  # a short value: names it is part of ('vakth' → 'vaktherapeut')
        close = [k for k in sorted(by_key) if wanted and wanted in k][:5]
    message = f"parameter '{param.name}': {what} '{text}'"
    if close:
        message += f"; bedoelde u: {', '.join(by_key[k] for k in close)}?"
    elif len(by_key) <= 12:
        message += f"; bekend: {', '.join(sorted(by_key.values(), key=str.casefold))}."
    return message


def _shown(value, label):
    path = id_path(value) if isinstance(value, URIRef) else None
    shown = path or str(value)
    return f"{shown} ({label})" if label else shown
