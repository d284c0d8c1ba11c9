"""The beroepstaak × competentie matrix of a profile, from the core's matrix()."""
from flask import Blueprint, Response, current_app, redirect, render_template

from .. import formats
from ..kennisgraaf import matrix as core
from .pages import cached, href, lang, not_found, respond, store

bp = Blueprint("matrix", __name__)


@bp.route("/matrix")
def default():
    return redirect(href("matrix.page", profiel=current_app.config["DEFAULT_PROFIEL"]))


@bp.route("/matrix/<profiel>")
@bp.route("/matrix/<profiel>.<fmt>")
def page(profiel, fmt=None):
    m = cached(("matrix", profiel, lang()), lambda: _matrix_of_onderdelen(profiel, lang()))
    if "onderdelen" in m:  # the profile has no matrix
        return _geen_matrix(m, fmt)
    data = dict(m, rijen=[dict(r, competenties=list(r["competenties"])) for r in m["rijen"]])
    return respond("matrix.html", data, fmt, lambda: core.matrix_csv(m),
                   filename=f"matrix-{m['profiel']['slug']}", heat=_heat(data))


def _matrix_of_onderdelen(profiel, taal):
    try:
        return core.matrix(store(), profiel, taal)
    except core.GeenMatrix as err:
        return err.as_dict()


def _geen_matrix(data, fmt):
    """No matrix to show (404 in every format, never an empty table): the page and its .json
    twin say so and show what the profile holds instead."""
    if fmt == "json":
        return Response(formats.as_json(data), status=404, mimetype="application/json")
    if fmt not in (None, "csv"):
        return not_found(f"onbekend formaat '.{fmt}'")
    return render_template("matrix.html", data=data, heat=None), 404


def _heat(m):
    """How many tasks need each competence and how many competences each task needs, and the
    colour step (0-4) of each, relative to the largest: the page's heat-map."""
    kolommen = {c["code"]: sum(c["code"] in r["competenties"] for r in m["rijen"])
                for c in m["competenties"]}
    rijen = {r["nummer"]: len(r["competenties"]) for r in m["rijen"]}
    step = lambda n, top: 0 if not n or not top else 1 + round(3 * n / top)
    top_k, top_r = max(kolommen.values(), default=0), max(rijen.values(), default=0)
    return {"kolommen": kolommen, "rijen": rijen,
            "kolomstap": {k: step(n, top_k) for k, n in kolommen.items()},
            "rijstap": {k: step(n, top_r) for k, n in rijen.items()}}
