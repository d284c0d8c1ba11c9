"""Education pages: routes into a profession as a diagram, and curriculum coverage by upload.

The pages call the same core as `beroepen route` and `beroepen curriculum`; each route page
has a `.json` twin with the same dict, and a curriculum report downloads as JSON, CSV or HTML.
An uploaded curriculum is read in memory, checked and dropped with the response.
"""
import json

from flask import Blueprint, Response, current_app, redirect, render_template, request
from jinja2.utils import htmlsafe_json_dumps

from ..opleiding import curriculum as core, routes
from .. import defaults, formats
from ..errors import BeroepenError, FOUTE_INVOER, NietGevonden, TE_GROOT
from ..vocab import ID
from ..invoer.tabel import Bestand, Invoerfouten
from ..invoer.limieten import LimitExceeded
from ..resources import resource_dir
from .pages import PageCache, fout_response, href, lang, respond, store, upload_fouten
from .render import curriculum_html, heatmap_stap

bp = Blueprint("opleiding", __name__)

MAX_BYTES = 2 * 1024 * 1024       # upload limit; config CURRICULUM_MAX_BYTES overrides
ANTWOORDEN = 256                  # route answers kept per app on the embedded graph
DOWNLOADS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def _antwoord(key, compute):
    """compute(): an answer of the routes core, kept while the app serves the embedded graph.

    That graph is loaded once and does not change while served (a data change reaches the
    server by a restart); a store behind ENDPOINT can be reloaded at any time, so there every
    request asks it. Errors are not kept. A route costs 7-35 ms of queries, a request should
    cost under 3 ms for 8 clients to stay under 20 ms (bench/RESULTS.md).
    """
    if current_app.config["ENDPOINT"]:
        return compute()
    cache = current_app.extensions.setdefault("beroepen.opleiding.antwoorden", PageCache(ANTWOORDEN))
    return cache.get(key, compute)


def _startpunten():
    return _antwoord(("startpunten", lang()), lambda: routes.startpunten(store(), lang()))


def _slug(iri):
    return iri[len(ID):].split("/", 1)[-1]


@bp.route("/opleiding")
@bp.route("/opleiding.<fmt>")
def index(fmt=None):
    beroepen = _antwoord(("beroepen", lang()), lambda: routes.beroepen_met_route(store(), lang()))
    data = {"beroepen": [dict(b, slug=_slug(b["iri"])) for b in beroepen], "startpunten": _startpunten()}
    return respond("opleiding/index.html", data, fmt)


@bp.route("/opleiding/route")
def kies():
    """The index form: ?naar=<slug>&vanaf=<name> to the profession's route page."""
    naar = request.args.get("naar", "").strip()
    if not naar:
        return redirect(href("opleiding.index"))
    vanaf = request.args.get("vanaf", "").strip()
    return redirect(href("opleiding.route", beroep=naar, **({"vanaf": vanaf} if vanaf else {})))


@bp.route("/opleiding/route/<beroep>")
@bp.route("/opleiding/route/<beroep>.<fmt>")
def route(beroep, fmt=None):
    vanaf = request.args.get("vanaf") or None
    result = _antwoord(("route", beroep, vanaf, lang()), lambda: routes.routes(beroep, vanaf, store=store(), taal=lang()))
    return respond("opleiding/route.html", result, fmt, slug=beroep, startpunten=_startpunten(),
                   kaart_van=routes.kaart)


def _limit():
    return current_app.config.get("CURRICULUM_MAX_BYTES", MAX_BYTES)


@bp.route("/opleiding/curriculum", methods=["GET"])
@bp.route("/opleiding/curriculum.<fmt>", methods=["GET"])
def curriculum_formulier(fmt=None):
    """The form, beside what it expects: columns, the chosen profile's codes, template, examples.
    Its .json twin is the same teaching data (curriculum.uitleg)."""
    if fmt == "json":
        return respond(None, _uitleg(), fmt)
    if fmt is not None:
        return fout_response(NietGevonden(f"onbekend formaat '.{fmt}'"))
    return _pagina(rapport=None, fouten=None, profiel=_gekozen(request.args.get("profiel")))


@bp.route("/opleiding/curriculum/sjabloon-<profiel>.csv")
def curriculum_sjabloon(profiel):
    """A CSV template for the profile: the header and one example row (a valid upload)."""
    tekst = _antwoord(("sjabloon", profiel), lambda: core.sjabloon(profiel, store()))
    return _bijlage(tekst.encode("utf-8"), f"curriculum-sjabloon-{_gekozen(profiel)}.csv")


@bp.route("/opleiding/curriculum/voorbeeld-<profiel>.csv")
def curriculum_voorbeeld(profiel):
    """The shipped example curriculum of a profile (data/examples/, invented modules)."""
    naam = core.VOORBEELDEN.get(profiel)
    if naam is None:
        return fout_response(NietGevonden(f"geen voorbeeldcurriculum voor profiel '{profiel}'"))
    return _bijlage((resource_dir("data") / "examples" / naam).read_bytes(), naam)


def _bijlage(data, naam):
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{naam}"'})


def _uitleg():
    return _antwoord(("uitleg", lang()), lambda: core.uitleg(store(), lang()))


def _gekozen(profiel):
    """The slug `profiel` when it is a profile's, else the default profile's (for the form's choice)."""
    return profiel if profiel in {p["slug"] for p in _uitleg()["profielen"]} else defaults.PROFIEL


@bp.route("/opleiding/curriculum", methods=["POST"])
@bp.route("/opleiding/curriculum.<fmt>", methods=["POST"])
def curriculum(fmt=None):
    if fmt is not None and fmt not in DOWNLOADS:
        return render_template("fout.html", melding=f"onbekend formaat '.{fmt}'", status=404), 404
    profiel = request.form.get("profiel", defaults.PROFIEL)
    if request.content_length is not None and request.content_length > _limit():
        return _fout(fmt, 413, [_rij(f"de upload is groter dan {_limit() // 1024} kB")], profiel)
    upload = request.files.get("curriculum")
    if upload is None or not upload.filename:
        return _fout(fmt, 400, [_rij("kies een curriculumbestand (CSV of Turtle)")], profiel)
    if (ongeldig := _naam_ongeldig(upload.filename)) is not None:
        return _fout(fmt, 400, [_rij(ongeldig, upload.filename)], profiel)
    data = upload.read(_limit() + 1)
    if len(data) > _limit():
        return _fout(fmt, 413, [_rij(f"de upload is groter dan {_limit() // 1024} kB", upload.filename)], profiel)
    try:
        rapport = core.toets(Bestand(upload.filename, data), profiel, store=store(), taal=lang(),
                             max_modules=current_app.config["CURRICULUM_MAX_MODULES"])
    except LimitExceeded as err:
        return _fout(fmt, err.status, upload_fouten([err])["fouten"], profiel, tekst=[str(err)], soort=err.soort)
    except Invoerfouten as err:
        return _fout(fmt, 400, err.fouten, profiel, totaal=err.totaal)
    except BeroepenError as err:
        return _fout(fmt, err.status, upload_fouten([err])["fouten"], profiel, tekst=[str(err)], soort=err.soort)
    if fmt is None:
        return _pagina(rapport=rapport, fouten=None, profiel=profiel)
    body = {"json": formats.as_json, "csv": core.as_csv, "html": curriculum_html}[fmt](rapport)
    return Response(body, mimetype=DOWNLOADS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="curriculumdekking.{fmt}"',
                             "Cache-Control": "no-store"})


def _script_json(data):
    """JSON for a <script type="application/json"> block: no value (a module named
    '</script>') can end it."""
    return htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False)


def _naam_ongeldig(naam):
    """Why an upload's file name is refused ('.', '..', control characters, over 255 bytes as
    file systems count), or None. The name is only shown in the report, but such a name is no file."""
    if naam.strip() in (".", "..") or any(ord(c) < 32 or c == "\x7f" for c in naam):
        getoond = "".join("?" if ord(c) < 32 or c == "\x7f" else c for c in naam[:80])
        return f"ongeldige bestandsnaam '{getoond}': geef het bestand een gewone naam"
    if len(naam.encode("utf-8")) > 255:
        return (f"ongeldige bestandsnaam '{naam[:40]}…': langer dan 255 tekens "
                f"({len(naam.encode('utf-8'))} bytes); geef het bestand een kortere naam")
    return None


def _rij(melding, bestand=""):
    return {"bestand": bestand, "regel": 0, "melding": melding}


def _fout(fmt, status, fouten, profiel, totaal=None, tekst=None, soort=None):
    """Bad rows of an upload: the .json twin in the one error shape (pages.fout_response) with
    every row; the page lists them as 'regel N: melding', or as `tekst`."""
    if fmt == "json":
        soort = soort or (TE_GROOT if status == 413 else FOUTE_INVOER)
        if len(fouten) == 1:
            [rij] = fouten
            err = BeroepenError(rij["melding"], file=rij["bestand"] or None, line=rij["regel"] or None, soort=soort)
        else:
            err = BeroepenError(f"{totaal or len(fouten)} fouten in de upload", soort=soort)
        err.status = status
        return fout_response(err, upload_fouten(fouten, totaal))
    regels = tekst or [f"regel {f['regel']}: {f['melding']}" if f["regel"] else f["melding"] for f in fouten]
    return _pagina(rapport=None, fouten=regels, profiel=profiel), status


def _pagina(profiel, **context):
    rapport = context.get("rapport")
    if rapport is not None:   # for the browser's downloads (download.js): nothing goes back to the server
        context.update(rapport_json=_script_json(rapport), rapport_csv=_script_json(core.csv_tabel(rapport)))
    return render_template("opleiding/curriculum.html", uitleg=_uitleg(), limiet=_limit(),
                           toon=core.toon, modules_tekst=core.modules_tekst,
                           heatmap_stap=heatmap_stap, profiel=_gekozen(profiel), **context)
