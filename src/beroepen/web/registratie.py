"""Registry staff upload a register (two CSV files) or one Turtle/JSON-LD dossier and get the
(her)registratie report: a page with filters, or JSON, CSV or HTML to download.

The form teaches from the rule data (registratie.uitleg): the schemes as their labels, only
the soort/scheme combinations the rules define, the columns, codes and units, and example
files per scheme. The report page holds its own JSON and CSV rows, so web/static/download.js
builds the downloads in the browser: nothing is uploaded again or written anywhere.

Personal data stays in the request: uploads are parsed into memory (never spooled to disk),
checked by the same core as `beroepen herregistratie`, and dropped when the response is sent.
Nothing is stored, logged or added to the public graph. Uploads are capped in size.
"""
import io
import json

from flask import Blueprint, Response, abort, current_app, has_request_context, render_template, request
from jinja2.utils import htmlsafe_json_dumps
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import parse_form_data

from ..invoer import limieten as uploads
from .. import defaults
from ..errors import FOUTE_INVOER, TE_GROOT, BeroepenError, InterneFout
from .. import formats
from .pages import fout_response, lang, upload_fouten
from .render import render_chunks
from .taal import t
from ..invoer.tabel import Bestand, Invoerfouten
from ..registratie import EnginesVerschillen, controleer, peildatum, rapport, regels, uitleg
from ..resources import resource_dir

bp = Blueprint("registratie", __name__)

MAX_BYTES = 20 * 1024 * 1024      # default upload limit; config REGISTRATIE_MAX_BYTES overrides
DOWNLOADS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def _limit():
    return current_app.config.get("REGISTRATIE_MAX_BYTES", MAX_BYTES)


def _regelboek():
    """The rules in the store the app serves: the embedded graph, or the store behind ENDPOINT."""
    return regels.uit_store(current_app.extensions["beroepen.store"], taal=lang())


def _keuzes():
    """The soort/scheme combinations the rules define, registratie first (the form's Regeling),
    each once (named by its newest version), with its versions for the form's Regelversie."""
    boek = _regelboek()
    schemes = dict.fromkeys((r.soort, r.code) for r in boek.regelingen)
    return sorted(({"soort": soort, "code": code, "label": boek.regeling(code, soort).label,
                    "waarde": f"{soort}/{code}",
                    "versies": [{"naam": v.versienaam, "geldig": v.geldig or None,
                                 "geldig_van": v.geldigheid.van or None if v.geldigheid else None,
                                 "geldig_tot": v.geldigheid.tot or None if v.geldigheid else None}
                                for v in boek.versies(code, soort)]}
                   for soort, code in schemes), key=lambda k: (k["soort"] != "registratie", k["label"]))


@bp.route("/registratie", methods=["GET"])
def formulier():
    return _pagina(rapport=None, fouten=None, invoer={})


@bp.route("/registratie.json", methods=["GET"])
def formulier_json():
    """The form's twin: what it teaches (schemes, columns, codes, units, examples)."""
    data = dict(uitleg.uitleg(_regelboek()), keuzes=_keuzes(), max_bytes=_limit())
    return Response(formats.as_json(data), mimetype="application/json")


@bp.route("/registratie/voorbeeld/<soort>/<code>/<bestand>", methods=["GET"])
def voorbeeld(soort, code, bestand):
    """An example file of a scheme, built from its rules (registratie.uitleg): of the version
    ?versie=NAAM, else of its newest version."""
    boek = _regelboek()
    versies = [r for r in boek.regelingen if (r.soort, r.code) == (soort, code)]
    gevraagd = request.args.get("versie")
    versies = [r for r in versies if gevraagd in (None, r.versienaam)]
    regeling = boek.versies(code, soort)[-1] if versies and gevraagd is None else (versies or [None])[0]
    tekst = uitleg.bestand(boek, regeling, bestand) if regeling and bestand in uitleg.BESTANDEN else None
    if tekst is None:
        abort(404)
    mimetype = "text/turtle" if bestand.endswith(".ttl") else "text/csv"
    return Response(tekst, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{soort}-{code}-{bestand}"'})


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
    invoer = {k: form.get(k, "") for k in ("soort", "register", "peildatum", "regelversie")}
    if form.get("regeling"):        # the form: one choice "soort/code"; API users may send both fields
        invoer["soort"], _, invoer["register"] = form["regeling"].partition("/")
    try:
        result = controleer(invoer["soort"] or defaults.REGISTRATIE_SOORT, files, register=invoer["register"] or defaults.REGISTER,
                            peildatum=peildatum(invoer["peildatum"], veld="peildatum"), regelboek=_regelboek(),
                            limits=uploads.from_config(current_app.config), regelversie=invoer["regelversie"] or None)
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
        return _pagina(rapport=result, fouten=None, invoer=invoer, **_ingebed(result))
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
    return _pagina(rapport=None, fouten=fouten, totaal=totaal or len(fouten), invoer=invoer), status


def _intern(fmt, melding):
    """The two engines disagree: our bug, not the upload's. 500 with what differs, no report."""
    return fout_response(InterneFout(melding))


def _ingebed(result):
    """The report's JSON (what /registratie.json gives) and CSV rows, for the page's
    <script type="application/json"> blocks: escaped so that no value (a name with
    '</script>' in it) can end the block."""
    return {"rapport_json": htmlsafe_json_dumps(result["uitslagen"], dumps=json.dumps, ensure_ascii=False),
            "rapport_csv": htmlsafe_json_dumps(rapport.csv_tabel(result), dumps=json.dumps, ensure_ascii=False)}


def html_chunks(result):
    """The report as one standalone HTML page, piece by piece: the download, and the CLI's
    --format html. Its filter script is inlined: the file stands alone."""
    taal = lang() if has_request_context() else "nl"
    return render_chunks("registratie/rapport.html", rapport=result, t=t, lang=taal, filter_js=_filter_js(),
                         **rapport.template_helpers())


def _filter_js():
    return (resource_dir("web") / "static" / "registratie.js").read_text(encoding="utf-8")


def _pagina(**context):
    return render_template("registratie/pagina.html", **rapport.template_helpers(), keuzes=_keuzes(),
                           uitleg=uitleg.uitleg(_regelboek()), limiet=_limit(),
                           standaard_soort=defaults.REGISTRATIE_SOORT, standaard_register=defaults.REGISTER,
                           **context)
