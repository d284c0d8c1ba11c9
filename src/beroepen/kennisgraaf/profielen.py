"""The competence profiles in the graph, and finding one by a short name."""
import difflib

from ..errors import NietEenduidig, NietGevonden
from .queries import met_taal, named_query


def profielen(store, taal=None):
    """Every profile: {"iri", "slug", "label", "label_taal", "beroep", "beroep_slug", "beroep_label",
    "beroep_label_taal", "matrix"}, labels in `taal` where the graph has them (else Dutch);
    "matrix" says whether the profile links any beroepstaak to a competence (a task × competence matrix)."""
    rows = store.select(named_query("profielen").text, met_taal(taal=taal))
    return [{"iri": str(r["profiel"]), "slug": _slug(r["profiel"]),
             "label": str(r.get("label", "")), "label_taal": _taal(r.get("label")),
             "beroep": str(r.get("beroep", "")),
             "beroep_slug": _slug(r.get("beroep", "")),
             "beroep_label": str(r.get("beroepLabel", "")), "beroep_label_taal": _taal(r.get("beroepLabel")),
             "matrix": is_waar(r.get("matrix"))} for r in rows]


def _taal(term):
    return getattr(term, "language", None)


def is_waar(value):
    """A boolean binding from the embedded graph or a remote store (true/false, 1/0)."""
    return value is not None and str(value).strip().lower() in ("true", "1")


def resolve_profiel(store, name, taal=None):
    """The profile named by its slug (bcp-vaktherapeut), its profession (vaktherapeut), its IRI,
    or a label or abbreviation of the profile or its profession (STW), case aside; its labels in
    `taal` (else Dutch)."""
    found = profielen(store, taal)
    for profiel in found:
        if name in (profiel["iri"], profiel["slug"], profiel["beroep_slug"]):
            return profiel
    by_name = _by_name(store, name)
    matches = [p for p in found if p["iri"] in by_name]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NietEenduidig(f"profiel '{name}' is niet eenduidig: {', '.join(p['slug'] for p in matches)}")
    names = sorted({p["slug"] for p in found} | {p["beroep_slug"] for p in found} - {""})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    hint = f"; bedoelde u {' of '.join(close)}?" if close else ""
    raise NietGevonden(f"onbekend profiel '{name}'; bekend: {', '.join(names) or 'geen'}{hint}")


def _by_name(store, name):
    """IRIs of the profiles one of whose names (profile or profession label, abbreviation) is `name`."""
    wanted = " ".join(name.split()).casefold()
    return {str(r["profiel"]) for r in store.select(named_query("profiel-namen").text)
            if " ".join(str(r["naam"]).split()).casefold() == wanted}


def _slug(iri):
    return str(iri).rstrip("/").rsplit("/", 1)[-1] if iri else ""
