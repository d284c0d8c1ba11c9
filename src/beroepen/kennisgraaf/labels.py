"""Showing graph terms to people: the id path of an IRI, the label in the wanted language, and
the natural order of notations (2 before 10). Used by describe, compare, search and the pages."""
import re

from ..vocab import ID


def id_path(iri):
    """`beroep/vaktherapeut` for an instance IRI, None for anything outside id/."""
    text = str(iri)
    return text[len(ID):] if text.startswith(ID) else None


def pick(terms, lang="nl"):
    """The literal in the wanted language, else Dutch, else one without language, else any;
    of several in one language the first in text order, whatever order the store gave them
    in (a resource of two kinds, 'bron' and 'vertaling', came out differently per store)."""
    terms = [t for t in terms if t is not None]
    for wanted in (lang, "nl", None):
        found = [str(term) for term in terms if getattr(term, "language", None) == wanted]
        if found:
            return min(found)
    return str(sorted(terms)[0]) if terms else ""


def pick_lang(terms, lang="nl"):
    """The language tag of the literal pick() chooses (None: no tag, or nothing to pick)."""
    chosen = pick(terms, lang)
    for term in terms:
        if term is not None and str(term) == chosen:
            return getattr(term, "language", None)
    return None


def natural(text):
    """A sort key that puts digits in numeric order: '2' before '10', digits before letters."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text)]


def sort_key(item):
    """Notations in natural order (2 before 10, digits before letters), then by label."""
    notatie = item.get("notatie") or ""
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", notatie) if p)
    return (item.get("soort", ""), 0 if notatie else 1, parts, item.get("volgorde", 0),
            (item.get("label") or "").lower(), item.get("iri", ""))


def anker(sectie):
    """The anchor of a source section on its document's page: 'BCP Vaktherapeut §4.1,
    beroepstaak 5' → 'sectie-bcp-vaktherapeut-4-1-beroepstaak-5' (ASCII, stable)."""
    import unicodedata
    text = unicodedata.normalize("NFKD", str(sectie)).encode("ascii", "ignore").decode().lower()
    return "sectie-" + (re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x")
