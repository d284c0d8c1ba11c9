"""Home page, search (with its autocomplete JSON) and the alphabetical index."""
from flask import Blueprint, request
from markupsafe import Markup, escape

from .. import formats
from ..kennisgraaf import search as core
from ..vocab import DEF
from .pages import cached, lang, res_href, respond, store

bp = Blueprint("home", __name__)


@bp.route("/")
@bp.route("/home.<fmt>")
def home(fmt=None):
    return respond("home.html", cached(("home", lang()), lambda: core.overview(store(), lang())), fmt)


@bp.route("/zoek")
@bp.route("/zoek.<fmt>")
def zoek(fmt=None):
    q = request.args.get("q", "")
    limit = request.args.get("limit", "20")
    limit = min(int(limit), 100) if limit.isdigit() else 20
    results = core.search(store(), q, lang(), limit)
    data = {"q": q, "resultaten": results}
    table = (["pad", "label", "notatie", "soort", "gevonden"],
             [[r["pad"] or r["iri"], r["label"], r["notatie"] or "", r["soort"], r["gevonden"]]
              for r in results])
    return respond("zoek.html", data, fmt, table, filename="zoekresultaten")


@bp.route("/index")
@bp.route("/index.<fmt>")
def index(fmt=None):
    soort = request.args.get("soort") or None
    klasse = DEF + soort if soort and "://" not in soort else soort
    data = cached(("index", lang(), klasse), lambda: {
        "soort": klasse, "letters": core.index(store(), lang(), klasse),
        "soort_label": core.class_labels(store(), lang()).get(klasse) if klasse else None})
    table = lambda: formats.as_csv(  # only for the .csv twin: 834 rows
        ["letter", "pad", "label", "notatie", "soort"],
        [[l["letter"], i["pad"], i["label"], i["notatie"] or "", "; ".join(i["soorten"])]
         for l in data["letters"] for i in l["items"]])
    lijsten = [index_items(l["items"]) for l in data["letters"]] if fmt is None else None
    return respond("index.html", data, fmt, table, filename="index", lijsten=lijsten)


def index_items(items):
    """The <li>s of one letter of the index, escaped as the template would: a Jinja loop over
    some 2,000 resources cost more CPU than everything else on the page."""
    parts = []
    for i in items:
        notatie = f'<span class="notatie">{escape(i["notatie"])}</span> ' if i["notatie"] else ""
        soorten = ", ".join(escape(s) for s in i["soorten"])
        parts.append(f'<li><a href="{escape(res_href(i))}">{notatie}{escape(i["label"])}</a> '
                     f'<span class="soort">{soorten}</span></li>')
    return Markup("".join(parts))
