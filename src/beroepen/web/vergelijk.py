"""Two professions or profiles side by side."""
from flask import Blueprint, request

from ..kennisgraaf import compare as core
from ..kennisgraaf.opzoeken import resolve
from ..errors import BeroepenError
from ..kennisgraaf.search import overview
from .pages import cached, lang, respond, store

bp = Blueprint("vergelijk", __name__)


@bp.route("/vergelijk")
@bp.route("/vergelijk.<fmt>")
def page(fmt=None):
    a, b = request.args.get("a", "").strip(), request.args.get("b", "").strip()
    # the form's choices, for the HTML page only (its twins need none: 4 queries fewer)
    keuzes = overview(store(), lang()) if fmt is None else None
    data = None
    if a and b:
        data = cached(("vergelijk", a, b, lang()), lambda: core.compare(
            store(), resolve(store(), a), resolve(store(), b), lang()))
    table = None
    if data:
        rows = [dict(r, richting="onderdeel") for r in data.get("onderdelen", [])] + data["relaties"]
        table = (["richting", "relatie", "gedeeld", "alleen_a", "alleen_b"],
                 [[r["richting"], r["label"]] + ["; ".join(_text(i) for i in r[k])
                                                 for k in ("gedeeld", "alleen_a", "alleen_b")]
                  for r in rows])
    if fmt and data is None:
        raise BeroepenError("geef twee beroepen of profielen: ?a=…&b=… (id-pad, IRI of code)")
    return respond("vergelijk.html", data, fmt, table, filename="vergelijking",
                   a=a, b_sel=b, keuzes=keuzes)


def _text(item):
    """One item in a CSV cell: its label or value; a route with the register it ends in."""
    text = item.get("label", item.get("waarde", ""))
    if item.get("register"):
        text += f" → {item['register']['label']}"
    return text
