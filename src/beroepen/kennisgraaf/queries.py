"""Named SPARQL queries: one `.rq` file each in `beroepen/queries/`.

A query file opens with comment lines `# key: value` (titel, beschrijving, parameters)
that describe it to the CLI and the web; the rest is the query.
"""
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BeroepenError, NietGevonden

QUERY_DIR = Path(__file__).parent / "queries"
_HEADER = re.compile(r"^#\s*(\w+)\s*:\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    titel: str = ""
    beschrijving: str = ""
    parameters: tuple = field(default_factory=tuple)

    @property
    def form(self):
        """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue."""
        body = re.sub(r"(?m)^\s*(#.*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*$", "", self.text)
        match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.I)
        return match.group(1).upper() if match else "SELECT"


@dataclass(frozen=True)
class Parameter:
    """A query parameter: its variable name and the kind of value it takes."""
    name: str
    kind: str = "string"  # string, integer, decimal, date or iri


def _param(spec):
    name, _, kind = spec.strip().lstrip("?").partition(":")
    return Parameter(name.strip(), kind.strip() or "string")


def _parse(name, text):
    meta = {}
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    params = tuple(_param(p) for p in meta.get("parameters", "").split(",") if p.strip())
    return NamedQuery(name, text, meta.get("titel", name), meta.get("beschrijving", ""), params)


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


def query_from_file(path):
    path = Path(path)
    try:
        return _parse(path.stem, path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None
