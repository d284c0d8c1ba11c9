"""What a person types, turned into the IRI they mean: a full IRI, an id path
("beroep/vaktherapeut") or a code within a profile ("D", "3"). Used by `show`, /id/…, /vergelijk."""
import difflib
import re

from rdflib import Literal, URIRef

from .. import defaults
from ..errors import NietEenduidig, NietGevonden
from ..vocab import ID
from .labels import id_path
from .profielen import resolve_profiel
from .queries import named_query

_BAD_IRI_CHARS = re.compile(r'[\x00-\x20\x7f\s<>"{}|\\^`]')


def checked_iri(iri):
    """`iri`, if it can be an IRI at all; characters an IRI cannot hold (controls, spaces, <>"{}|\\^`)
    would break the query sent to a SPARQL store, so they are refused here (not found)."""
    if not iri or _BAD_IRI_CHARS.search(str(iri)):
        raise NietGevonden("onbekende resource: een IRI kan geen spaties of <>\"{}|\\^` bevatten",
                           node=str(iri))
    if not is_iri(str(iri)):
        raise NietGevonden("onbekende resource: geen geldige IRI (een % zonder twee hexadecimale "
                           "cijfers, of tekens die geen tekst zijn)", node=ascii(str(iri))[1:-1][:200])
    return str(iri)


def is_iri(text):
    """Whether `text` is a valid IRI as a SPARQL store reads one (RFC 3987, checked by Oxigraph):
    an IRI with 'beroep/%zz' or a lone surrogate from undecodable bytes made the query fail."""
    import pyoxigraph
    try:
        text.encode("utf-8")
        pyoxigraph.NamedNode(text if "://" in text else ID + text)
    except (UnicodeEncodeError, ValueError):
        return False
    return True


def resolve(store, text, profiel=defaults.PROFIEL):
    """The IRI a person means by `text`: a full IRI, an id path, or a code within a profile."""
    text = checked_iri(text.strip())
    if re.match(r"^https?://", text):
        return _known(store, text, text)
    path = re.sub(r"\s+", "/", re.sub(r"^/?(id/)?", "", text).strip("/"))
    candidates = [ID + path]
    if "/" in path and exists(store, ID + path):
        return ID + path
    profiel = resolve_profiel(store, profiel)["slug"]
    if "/" not in path:
        found = _by_notation(store, text, profiel)
        if len(found) == 1:
            return found[0]["iri"]
        if len(found) > 1:
            prefix = f"profiel/{profiel}/"
            options = "; ".join(f"'{f['pad'].removeprefix(prefix)}' ({f['type']}: {f['label']})"
                                for f in found)
            raise NietEenduidig(f"code '{text}' is niet eenduidig in profiel {profiel}; "
                                f"bedoelde u {options}?")
    candidates.append(f"{ID}profiel/{profiel}/{path}")
    for iri in candidates:
        if exists(store, iri):
            return iri
    return _known(store, candidates[0], text)


def exists(store, iri):
    """Whether the graph says anything about `iri`."""
    return bool(store.select(named_query("resource-uitgaand").text, {"resource": URIRef(iri)}))


def _by_notation(store, code, profiel):
    rows = store.select(named_query("resource-op-notatie").text,
                        {"profiel": URIRef(f"{ID}profiel/{profiel}"), "code": Literal(code)})
    found = {}
    for row in rows:
        iri = str(row["resource"])
        found.setdefault(iri, {"iri": iri, "pad": id_path(iri), "label": str(row.get("label", "")),
                               "type": str(row.get("type", ""))})
    return list(found.values())


def _known(store, iri, text):
    if exists(store, iri):
        return iri
    names = sorted({p for p in (id_path(r["resource"]) for r in
                                store.select(named_query("index-resources").text)) if p})
    achter = [n for n in names if n.endswith("/" + text.strip("/"))] if "/" not in text.strip("/") else []
    if len(achter) == 1:        # 'muziektherapeut' for beroep/muziektherapeut: one path ends so
        return ID + achter[0]
    close = difflib.get_close_matches(re.sub(r"^.*?/id/", "", text), names, n=5, cutoff=0.5)
    hint = f"; bedoelde u: {', '.join(close)}?" if close else ""
    raise NietGevonden(f"onbekende resource '{text}'{hint}", node=iri)
