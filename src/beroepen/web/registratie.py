"""Registry staff upload a register (two CSV files) or one Turtle/JSON-LD dossier and get the
(her)registratie report: a page with filters, or JSON, CSV or HTML to download.

Personal data stays in the request: uploads are parsed into memory (never spooled to disk),
checked by the same core as `beroepen herregistratie`, and dropped when the response is sent.
Nothing is stored, logged or added to the public graph. Uploads are capped in size.
"""
import io

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import parse_form_data

from ..invoer import limieten as uploads
from .. import defaults
from ..errors import FOUTE_INVOER, TE_GROOT, BeroepenError, InterneFout
from .pages import fout_response, upload_fouten
from .render import render_chunks
from ..invoer.tabel import Bestand, Invoerfouten
from ..registratie import EnginesVerschillen, controleer, peildatum, rapport, regels

bp = Blueprint("registratie", __name__)

MAX_BYTES = 20 * 1024 * 1024      # default upload limit; config REGISTRATIE_MAX_BYTES overrides
DOWNLOADS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def _limit():
    return current_app.config.get("REGISTRATIE_MAX_BYTES", MAX_BYTES)


def _regelboek():
    """The rules in the store the app serves: the embedded graph, or the store behind ENDPOINT."""
    return regels.uit_store(current_app.extensions["beroepen.store"])


def _keuzes():
    return [{"soort": r.soort, "code": r.code, "label": r.label} for r in _regelboek().regelingen]


@bp.route("/registratie", methods=["GET"])
def formulier():
    return _pagina(keuzes=_keuzes(), limiet=_limit(), rapport=None,
                           fouten=None, invoer={})


@bp.route("/registratie", methods=["POST"])
@bp.route("/registratie.<fmt>", methods=["POST"])
def toets(fmt=None):
    if fmt is not None and fmt not in DOWNLOADS:
        return render_template("fout.html", melding=f"onbekend formaat '.{fmt}'", status=404), 404
    try:
        form, files = _upload()
    except RequestEntityTooLarge:
        return _fout(fmt, 413, [{"bestand": "", "regel": 0,
                                 "melding": f"de upload is groter dan {_limit() // (1024 * 1024)} MB"}], {})
    invoer = {k: form.get(k, "") for k in ("soort", "register", "peildatum")}
    try:
        result = controleer(invoer["soort"] or defaults.REGISTRATIE_SOORT, files, register=invoer["register"] or defaults.REGISTER,
                            peildatum=peildatum(invoer["peildatum"], veld="peildatum"), regelboek=_regelboek(),
                            limits=uploads.from_config(current_app.config))
    except uploads.LimitExceeded as err:
        return _fout(fmt, 413, [{"bestand": str(err.file or ""), "regel": err.line or 0, "melding": err.message}],
                     invoer)
    except Invoerfouten as err:
        return _fout(fmt, 400, err.fouten, invoer, totaal=err.totaal)
    except EnginesVerschillen as err:
        return _intern(fmt, str(err))
    except BeroepenError as err:
        return _fout(fmt, err.status, [{"bestand": str(err.file or ""), "regel": err.line or 0,
                                        "melding": err.message}], invoer, soort=err.soort)
    if fmt is None:
        return _pagina(keuzes=_keuzes(), limiet=_limit(), rapport=result,
                               fouten=None, invoer=invoer)
    return Response("".join(rapport.chunks(result, fmt, html_chunks)), mimetype=DOWNLOADS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{result["soort"]}.{fmt}"',
                             "Cache-Control": "no-store"})


def _upload():
    """The form and the uploaded files, parsed in memory (no temporary files on disk)."""
    limit = _limit()
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
    _, form, uploads = parse_form_data(request.environ, stream_factory=lambda *a, **k: io.BytesIO(),
                                       max_content_length=limit)
    files = [Bestand(u.filename or name, u.read())
             for name in ("praktijk", "activiteiten", "dossier")
             for u in uploads.getlist(name) if u.filename]
    return form, files


def _fout(fmt, status, fouten, invoer, totaal=None, soort=None):
    """`soort`: the error's kind (a store that is down is niet-beschikbaar, not the upload's
    fault); by default bad input, or te-groot for 413."""
    if fmt == "json":  # the one error shape (pages.fout_response), with every bad row
        melding = fouten[0]["melding"] if len(fouten) == 1 else f"{totaal or len(fouten)} fouten in de upload"
        err = BeroepenError(melding, soort=soort or (TE_GROOT if status == 413 else FOUTE_INVOER))
        err.status = status
        return fout_response(err, upload_fouten(fouten, totaal))
    return _pagina(keuzes=_keuzes(), limiet=_limit(), rapport=None,
                           fouten=fouten, totaal=totaal or len(fouten), invoer=invoer), status


def _intern(fmt, melding):
    """The two engines disagree: our bug, not the upload's. 500 with what differs, no report."""
    return fout_response(InterneFout(melding))


def html_chunks(result):
    """The report as one standalone HTML page, piece by piece: the download, and the CLI's
    --format html."""
    return render_chunks("registratie/rapport.html", rapport=result, **rapport.template_helpers())


def _pagina(**context):
    return render_template("registratie/pagina.html", **rapport.template_helpers(), **context)


@bp.route("/registratie/filter.js")
def filter_js():
    return Response(render_template("registratie/_filter.js"), mimetype="text/javascript")
