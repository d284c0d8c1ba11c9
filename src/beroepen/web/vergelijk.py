"""Two professions or profiles side by side: a summary of what they share first, then the lists."""
from flask import Blueprint, request
from markupsafe import Markup

from ..kennisgraaf import compare as core
from ..errors import BeroepenError
from ..kennisgraaf.search import overview
from .pages import cached, lang, respond, store
from .taal import t

bp = Blueprint("vergelijk", __name__)

# A relation's list is shown open when it is this short; longer ones (30 notes) are folded.
OPEN_ITEMS, OPEN_TEKENS = 6, 400
MAX_GENOEMD = 2  # shared items named in the summary's sentence, per row; more are counted
LANG_LIJST = 12  # a part's list longer than this is folded (the summary has its count)


@bp.route("/vergelijk")
@bp.route("/vergelijk.<fmt>")
def page(fmt=None):
    a, b = request.args.get("a", "").strip(), request.args.get("b", "").strip()
    if not (a and b):
        a, b = _standaard(a, b)  # the page and its twins open on the same default pair
    data = None
    if a and b:
        data = cached(("vergelijk", a, b, lang()), lambda: core.compare(
            store(), core.kant(store(), a, "a"), core.kant(store(), b, "b"), lang()))
    if fmt and data is None:
        raise BeroepenError("geef twee beroepen of profielen: ?a=…&b=… (id-pad, IRI of code)")
    if data and data["zelfde"]:
        data = dict(data, melding=t("A en B zijn hetzelfde: kies twee verschillende beroepen of profielen."))
    # the form's choices, for the HTML page only (its twins need none)
    keuzes = overview(store(), lang()) if fmt is None else None
    return respond("vergelijk.html", data, fmt, lambda: _csv(data), filename="vergelijking",
                   a=a, b_sel=b, keuzes=keuzes, open_lijst=_open, zinnen=zinnen, lang_lijst=LANG_LIJST)


def _standaard(a, b):
    """The missing side(s) from the default pair (two different professions)."""
    paar = [p for p in core.standaardpaar(store(), lang()) if p not in (a, b)]
    if not a and paar:
        a = paar.pop(0)
    if not b and paar:
        b = paar.pop(0)
    return a, b


def _csv(data):
    from .. import formats
    rows = [dict(r, richting="onderdeel") for r in data.get("onderdelen", [])] + data["relaties"]
    return formats.as_csv(["richting", "relatie", "gedeeld", "alleen_a", "alleen_b"],
                          [[r["richting"], r["label"]] + ["; ".join(_text(i) for i in r[k])
                                                          for k in ("gedeeld", "alleen_a", "alleen_b")]
                           for r in rows])


def _text(item):
    """One item in a CSV cell: its label or value; a route with the register it ends in."""
    text = item.get("label", item.get("waarde", ""))
    if item.get("register"):
        text += f" → {item['register']['label']}"
    return text


def _open(row):
    """Whether a relation's lists are short enough to show unfolded."""
    items = row["gedeeld"] + row["alleen_a"] + row["alleen_b"]
    return len(items) <= OPEN_ITEMS and sum(len(_text(i)) for i in items) <= OPEN_TEKENS


def zinnen(data):
    """The summary's sentences: {"gedeeld": what both hold, per row ("vergoedingsbron (Jeugdwet)",
    "taken (11)"), "niets_in": the parts in which they share nothing}."""
    rows = data.get("onderdelen", []) + data["relaties"]
    gedeeld = [Markup("{} ({})").format(r["label"], _genoemd(r["gedeeld"])) for r in rows if r["gedeeld"]]
    niets = [r["label"] for r in data.get("onderdelen", []) if not r["gedeeld"] and (r["alleen_a"] or r["alleen_b"])]
    return {"gedeeld": opsomming(gedeeld) if gedeeld else None, "niets_in": opsomming(niets) if niets else None}


def _genoemd(items):
    """A few items by name, more by their number."""
    return opsomming([_inhoud(i) for i in items]) if len(items) <= MAX_GENOEMD else str(len(items))


def _inhoud(item):
    """An item's label or value as graph content, marked with its language (Dutch unless it
    says otherwise) where that is not the page's."""
    text = _text(item)
    taal = item.get("taal") or "nl"
    return Markup('<span lang="{}">{}</span>').format(taal, text) if taal != lang() else text


def opsomming(delen):
    """'a, b en c' ('a, b and c' in English), as markup: plain parts are escaped."""
    delen = list(delen)
    if len(delen) < 2:
        return Markup("").join(delen)
    return Markup(t("{begin} en {laatste}")).format(begin=Markup(", ").join(delen[:-1]), laatste=delen[-1])
