"""The named queries: a list, each one as a form with its parameters, and the editor page."""
from pathlib import Path

from flask import Blueprint, current_app, request
from rdflib import URIRef

from ..kennisgraaf import querying
from ..kennisgraaf.labels import id_path
from ..kennisgraaf.queries import all_queries, named_query
from .pages import cached, respond, store

bp = Blueprint("queries", __name__)


def _info(q):
    return {"naam": q.name, "titel": q.titel, "beschrijving": q.beschrijving, "vorm": q.form,
            "parameters": [{"naam": p.name, "soort": p.kind} for p in q.parameters], "tekst": q.text}


@bp.route("/queries")
@bp.route("/queries.<fmt>")
def lijst(fmt=None):
    data = {"queries": [_info(q) for q in all_queries()]}
    table = (["naam", "titel", "beschrijving", "parameters"],
             [[q["naam"], q["titel"], q["beschrijving"], ", ".join(p["naam"] for p in q["parameters"])]
              for q in data["queries"]])
    return respond("queries.html", data, fmt, table, filename="queries")


@bp.route("/queries/<naam>")
@bp.route("/queries/<naam>.<fmt>")
def query(naam, fmt=None):
    q = named_query(naam)
    values = {p.name: request.args[p.name] for p in q.parameters if request.args.get(p.name)}
    result = None
    if q.form == "SELECT" and (values or not q.parameters or "run" in request.args):
        result = cached(("query", naam, tuple(sorted(values.items()))),
                        lambda: querying.run(naam, values, store=store()))
    data = dict(_info(q), waarden=values)
    if result is not None:
        data["kolommen"] = result["columns"]
        data["rijen"] = [[_cell(t) for t in row] for row in result["rows"]]
    table = None
    if result is not None:
        table = (result["columns"], [[querying.cell(t, full=True) for t in row] for row in result["rows"]])
    return respond("query.html", data, fmt, table, filename=naam)


def _cell(term):
    if term is None:
        return {"tekst": ""}
    if isinstance(term, URIRef):
        return {"tekst": querying.cell(term), "iri": str(term), "pad": id_path(term)}
    return {"tekst": str(term)}


@bp.route("/editor")
@bp.route("/editor.<fmt>")
def editor(fmt=None):
    voorbeelden = [{"naam": q.name, "titel": q.titel, "tekst": q.text} for q in all_queries()]
    start = request.args.get("query") or (voorbeelden[0]["tekst"] if voorbeelden else "")
    yasgui = Path(current_app.static_folder, "vendor", "yasgui", "yasgui.min.js").is_file()
    return respond("editor.html", {"voorbeelden": voorbeelden}, fmt, start=start, yasgui=yasgui)
