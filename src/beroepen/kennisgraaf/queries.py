"""Named SPARQL queries: one `.rq` file each in `kennisgraaf/queries/`.

A query file opens with comment lines `# key: value` that describe it to the CLI and the web:
titel, beschrijving, kort (one line for the list; else the beschrijving), groep (the user group
it answers for: beroepsvereniging, opleiding, registratie or data-gebruiker; `intern` for the
pages' own plumbing, not listed on /queries) and parameters. The rest is the query.

A parameter is `naam`, `naam:soort` (string, integer, decimal, date, iri, or begin: text a
known value begins with) or either followed by `=waarden-query`: the named query that lists
the values it takes (?waarde, each ?naam a person may type for it, optionally a ?label),
so that what a user types is resolved or refused (kennisgraaf/parameters.py).

A query that names `?taal` gives its labels in that language, with the Dutch label where a
resource has none in it (each label literal keeps its language tag):
    OPTIONAL { ?x skos:prefLabel ?label_t . FILTER(lang(?label_t) = ?taal) }
    OPTIONAL { ?x skos:prefLabel ?label_nl . FILTER(lang(?label_nl) = "nl") }
    BIND(COALESCE(?label_t, ?label_nl) AS ?label)
`taal` is bound like any parameter (met_taal); unbound, the filter fails and the labels are Dutch.
Only at the outermost level of WHERE: inside a nested group (an OPTIONAL within an OPTIONAL)
Oxigraph sees ?taal unbound and rdflib bound. A label reached there is looked up again out
there, restating the path from a bound variable (a BOUND() guard instead loses rows on
Virtuoso 7.2); next to a BIND(IF(…)) a bound ?taal made Virtuoso not answer at all.
"""
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from .. import defaults
from ..errors import BeroepenError, NietGevonden

QUERY_DIR = Path(__file__).parent / "queries"
_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")
GROEPEN = ("beroepsvereniging", "opleiding", "registratie", "data-gebruiker")  # in the list's order
INTERN = "intern"
_TAAL = re.compile(r"\?taal\b")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    titel: str = ""
    beschrijving: str = ""
    parameters: tuple = field(default_factory=tuple)
    groep: str = INTERN
    kort: str = ""

    @property
    def openbaar(self):
        """Whether /queries lists it: a question a user group asks, not a page's plumbing."""
        return self.groep in GROEPEN

    @property
    def meertalig(self):
        """Whether it gives its labels in the language bound to ?taal (see the module's doc)."""
        return _TAAL.search(self.text) is not None

    @property
    def form(self):
        """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
        body = re.sub(r"(?m)^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*$", "", self.text)
        match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.I)
        return match.group(1).upper() if match else "SELECT"


@dataclass(frozen=True)
class Parameter:
    """A query parameter: its variable name, the kind of value it takes, and the named query
    listing the values it accepts (None: any value of its kind)."""
    name: str
    kind: str = "string"  # string, integer, decimal, date, iri or begin
    waarden: str = None


def _param(spec):
    spec, _, waarden = spec.partition("=")
    name, _, kind = spec.strip().lstrip("?").partition(":")
    return Parameter(name.strip(), kind.strip() or "string", waarden.strip() or None)


def _parse(name, text):
    meta = {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    params = tuple(_param(p) for p in meta.get("parameters", "").split(",") if p.strip())
    beschrijving = meta.get("beschrijving", "")
    return NamedQuery(name, text, meta.get("titel", name), beschrijving, params,
                      meta.get("groep", INTERN), meta.get("kort", beschrijving))


@functools.lru_cache(maxsize=None)
def named_query(name):
    """The named query `name`; an unknown name lists the known ones."""
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        raise NietGevonden(f"onbekende query '{name}'; bekend: {', '.join(query_names())}")
    return _parse(name, path.read_text(encoding="utf-8"))


def query_names():
    return sorted(p.stem for p in QUERY_DIR.glob("*.rq"))


def all_queries():
    return [named_query(n) for n in query_names()]


def public_queries():
    """{groep: [queries]} of the queries /queries lists, in the order of GROEPEN."""
    found = {g: [] for g in GROEPEN}
    for q in all_queries():
        if q.openbaar:
            found[q.groep].append(q)
    return found


def query_from_file(path):
    path = Path(path)
    try:
        return _parse(path.stem, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None


def taal_term(taal):
    """The literal bound to ?taal: one of defaults.TALEN, else bad input."""
    taal = (taal or defaults.TAAL).strip().lower()
    if taal not in defaults.TALEN:
        raise BeroepenError(f"parameter 'taal': onbekende taal '{taal[:20]}'; bekend: {', '.join(defaults.TALEN)}")
    return Literal(taal)


def met_taal(bindings=None, taal=None):
    """The bindings plus ?taal: the language a meertalige query gives its labels in."""
    return dict(bindings or {}, taal=taal_term(taal))


class InTaal:
    """A store whose meertalige queries give their labels in `taal` (Dutch where a resource has
    none): for a core function that runs many queries (routes), instead of passing the language
    to each. Not cached per graph (once_per_graph sees no EmbeddedStore)."""

    def __init__(self, store, taal=None):
        self.store, self.taal = store, taal_term(taal)

    def select(self, query, bindings=None):
        return self.store.select(query, self._met(query, bindings))

    def ask(self, query, bindings=None):
        return self.store.ask(query, self._met(query, bindings))

    def construct(self, query, bindings=None):
        return self.store.construct(query, self._met(query, bindings))

    def _met(self, query, bindings):
        return dict(bindings or {}, taal=self.taal) if _TAAL.search(query) else bindings
