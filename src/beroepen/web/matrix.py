"""The beroepstaak × competentie matrix of a profile, from the core's matrix()."""
from flask import Blueprint, current_app, redirect

from .. import matrix as core
from .pages import cached, href, respond, store

bp = Blueprint("matrix", __name__)


@bp.route("/matrix")
def default():
    return redirect(href("matrix.page", profiel=current_app.config["DEFAULT_PROFIEL"]))


@bp.route("/matrix/<profiel>")
@bp.route("/matrix/<profiel>.<fmt>")
def page(profiel, fmt=None):
    m = cached(("matrix", profiel), lambda: core.matrix(store(), profiel))
    data = dict(m, rijen=[dict(r, competenties=list(r["competenties"])) for r in m["rijen"]])
    return respond("matrix.html", data, fmt, lambda: core.matrix_csv(m),
                   filename=f"matrix-{m['profiel']['slug']}", heat=_heat(data))


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
