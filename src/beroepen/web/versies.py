"""A profile's versions, the diff between two of them, and the release files for download.

The pages call the same core as `beroepen diff` (versies.vergelijking); the web names a
version only by a name the graph knows or the shipped example ('voorbeeld'), never a path.
"""
import functools

from flask import Blueprint, Response, current_app, request, url_for
from werkzeug.exceptions import HTTPException

from ..errors import BeroepenError
from ..kennisgraaf.profielen import resolve_profiel
from ..versies import kanten, uitvoer
from ..vocab import BO
from ..versies.vergelijking import SOORTEN, vergelijk
from .pages import cached, href, lang, respond, res_href, store

bp = Blueprint("versies", __name__)

MAX_NAAM = 200      # a version name longer than any known one is refused before it is compared
RELEASE = {"ttl": ("turtle", "text/turtle"), "nt": ("nt", "application/n-triples")}


@bp.route("/versies/<profiel>")
@bp.route("/versies/<profiel>.<fmt>")
def lijst(profiel, fmt=None):
    data = cached(("versies", profiel, lang()), lambda: _overzicht(profiel))
    return respond("versies/lijst.html", data, fmt, lambda: _lijst_csv(data),
                   filename=f"versies-{data['profiel']['slug']}")


@bp.route("/versies/<profiel>/diff")
@bp.route("/versies/<profiel>/diff.<fmt>")
def diff(profiel, fmt=None):
    van, naar = (request.args.get(k, "").strip() for k in ("van", "naar"))
    if len(van) > MAX_NAAM or len(naar) > MAX_NAAM:
        raise BeroepenError(f"een versienaam is hooguit {MAX_NAAM} tekens")
    overzicht = cached(("versies", profiel, lang()), lambda: _overzicht(profiel))
    van, naar = van or _standaard(overzicht)[0], naar or _standaard(overzicht)[1]
    data = cached(("versiediff", profiel, van, naar),
                  lambda: vergelijk(store(), profiel, van, naar, paden=False))
    keuzes = [(v["naam"], v["label"]) for v in overzicht["versies"] if v["inhoud"]] + \
             [(v["naam"], v.get("label") or v["naam"]) for v in overzicht["voorbeelden"]]
    return respond("versies/diff.html", data, fmt, lambda: uitvoer.as_csv(data),
                   filename=f"diff-{data['profiel']['slug']}-{van}-{naar}", keuzes=keuzes,
                   soorten=SOORTEN, link=_link)


@bp.route("/release/beroepen.<fmt>")
def release(fmt):
    """The whole graph (ontology and data, as `beroepen build` merges them) in Turtle or N-Triples."""
    if fmt not in RELEASE:
        raise BeroepenError(f"onbekend releaseformaat '.{fmt}'; kies uit .ttl of .nt")
    return Response(_release(fmt), content_type=RELEASE[fmt][1] + "; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="beroepen.{fmt}"'})


@functools.lru_cache(maxsize=2)
def _release(fmt):
    """Serialised once per process: the shipped graph does not change while it is served."""
    from ..kennisgraaf.graaf import load_graph
    return load_graph().serialize(format=RELEASE[fmt][0], encoding="utf-8")


PROFIEL, PROFIEL_VAN = str(BO.Beroepscompetentieprofiel), str(BO.profielVan)


@bp.app_context_processor
def _context():
    return {"versies_links": versies_links}


def versies_links(data):
    """[{slug, label, links}] of the profiles a resource page (a describe() dict) offers versions
    and downloads for: the profile itself, or a profession's profiles (incoming bo:profielVan)."""
    if not isinstance(data, dict) or not data.get("pad"):
        return []
    if any(t.get("iri") == PROFIEL for t in data.get("types", [])):
        profielen = [{"pad": data["pad"], "label": data.get("label"), "taal": data.get("label_taal")}]
    else:
        profielen = [i for g in data.get("inkomend", []) if g.get("relatie") == PROFIEL_VAN
                     for i in g.get("items", []) if i.get("pad")]
    return [{"slug": p["pad"].rsplit("/", 1)[-1], "label": p.get("label"), "taal": p.get("taal") or "nl",
             "links": downloads(p["pad"].rsplit("/", 1)[-1])} for p in profielen]


def _overzicht(profiel):
    data = kanten.overzicht(store(), resolve_profiel(store(), profiel))
    slug = data["profiel"]["slug"]
    return dict(data, downloads=downloads(slug))


def downloads(slug):
    """Where a profile's versions, diff and exports are (the profile page links them too). The
    exports are other blueprints' (the workbook, CASE): linked only where this app serves them."""
    found = {"versies": href("versies.lijst", profiel=slug), "diff": href("versies.diff", profiel=slug),
             "release_ttl": url_for("versies.release", fmt="ttl"), "release_nt": url_for("versies.release", fmt="nt")}
    for key, pad in (("xlsx", f"/export/{slug}.xlsx"), ("case", f"/case/{slug}.json")):
        if _bediend(pad):
            found[key] = request.script_root + pad
    return found


def _bediend(pad):
    try:
        current_app.url_map.bind("localhost").match(pad)
    except HTTPException:
        return False
    return True


def _standaard(overzicht):
    """The pair the diff page opens on: the graph's version against the example, else itself."""
    eigen = [v["naam"] for v in overzicht["versies"] if v["inhoud"]]
    if not eigen:
        raise BeroepenError(f"de graaf kent de inhoud van geen enkele versie van {overzicht['profiel']['slug']}")
    naar = [v["naam"] for v in overzicht["voorbeelden"]] or eigen
    return eigen[0], naar[0]


def _link(iri):
    return res_href({"iri": iri, "pad": iri.split("/id/", 1)[1] if "/id/" in iri else None})


def _lijst_csv(data):
    from .. import formats
    kolommen = ["naam", "label", "vastgesteld", "geldig", "herziet", "bron", "bronsectie", "inhoud_in_graaf", "voorbeeld"]
    rijen = [[v["naam"], v.get("label", ""), v.get("vastgesteld", ""), v.get("geldig", ""),
              v.get("herziet_naam") or v.get("herziet", ""), v.get("bron", ""), "; ".join(v.get("bronsecties", [])),
              "ja" if v.get("inhoud") and not v.get("voorbeeld") else "nee", "ja" if v.get("voorbeeld") else "nee"]
             for v in data["versies"] + data["voorbeelden"]]
    return formats.as_csv(kolommen, rijen)
