"""Home page, search (with its autocomplete JSON) and the alphabetical index."""
from flask import Blueprint, request
from markupsafe import Markup, escape

from .. import formats
from ..kennisgraaf import search as core
from ..kennisgraaf.store import once_per_graph
from ..vocab import DEF
from ..errors import BeroepenError
from .pages import href, lang, lang_attr, quoted, res_href, resource_link, respond, store

bp = Blueprint("home", __name__)


@bp.route("/")
@bp.route("/home.<fmt>")
def home(fmt=None):
    return respond("home.html", core.overview(store(), lang()), fmt)  # kept per graph by the core


@bp.route("/zoek")
@bp.route("/zoek.<fmt>")
def zoek(fmt=None):
    """Search results with their facets by kind and paging; `limit` is the page size (the
    autocomplete asks 8), `soort` a class as on /index, `pagina` counts from 1."""
    q = request.args.get("q", "")
    limit = request.args.get("limit", "20")
    limit = max(1, min(int(limit), 100)) if limit.isdigit() else 20
    pagina = request.args.get("pagina", "1")
    if not pagina.isdigit() or int(pagina) < 1:
        raise BeroepenError(f"parameter pagina verwacht een paginanummer (1, 2, …), niet '{pagina[:50]}'")
    soort = request.args.get("soort") or None
    klasse = DEF + soort if soort and "://" not in soort else soort
    data = core.zoek(store(), q, lang(), klasse, int(pagina), limit)
    link = _zoek_links(data, fmt, limit)
    twins = {f: link(data["soort"], data["pagina"]["pagina"], f) for f in ("json", "csv")}
    table = (["pad", "label", "notatie", "soort", "gevonden"],
             [[r["pad"] or r["iri"], r["label"], r["notatie"] or "", r["soort"], r["gevonden"]]
              for r in data["resultaten"]])
    return respond("zoek.html", data, fmt, table, filename="zoekresultaten", twins=twins)


def _zoek_links(data, fmt, limit):
    """The links a search page and its twins carry: per facet (and for all kinds) its first
    page, and the previous and next page (None at either end). Returns the link maker."""
    def link(klasse, pagina=1, form=fmt):
        args = {"q": data["q"], "soort": klasse.removeprefix(DEF) if klasse else None,
                "pagina": pagina if pagina > 1 else None, "limit": limit if limit != 20 else None}
        return href("home.zoek", fmt=form, **{k: v for k, v in args.items() if v is not None})
    for f in data["facetten"]:
        f["url"] = link(f["klasse"])
    data["alle_url"] = link(None)
    p = data["pagina"]
    p["vorige"] = link(data["soort"], p["pagina"] - 1) if p["pagina"] > 1 else None
    p["volgende"] = link(data["soort"], p["pagina"] + 1) if p["pagina"] < p["paginas"] else None
    return link


@bp.route("/index")
@bp.route("/index.<fmt>")
def index(fmt=None):
    soort = request.args.get("soort") or None
    klasse = DEF + soort if soort and "://" not in soort else soort
    data = {"soort": klasse, "letters": core.index(store(), lang(), klasse),  # kept per graph
            "soort_label": core.class_labels(store(), lang()).get(klasse) if klasse else None}
    table = lambda: formats.as_csv(  # only for the .csv twin: 834 rows
        ["letter", "pad", "label", "notatie", "soort"],
        [[l["letter"], i["pad"], i["label"], i["notatie"] or "", "; ".join(i["soorten"])]
         for l in data["letters"] for i in l["items"]])
    lijsten = index_lijsten(data["letters"], klasse) if fmt is None else None
    return respond("index.html", data, fmt, table, filename="index", lijsten=lijsten)


def index_lijsten(letters, klasse):
    """Per letter the <li>s of the index, escaped as the template would: a Jinja loop over some
    2,000 resources cost more CPU than the rest of the page. What depends only on the graph
    (each item's quoted path, label, notation, kinds) is escaped once per embedded store, for
    a class of the graph only; a request adds its own link prefix."""
    if klasse is None or klasse in core.class_labels(store(), lang()):
        delen = once_per_graph(store(), ("index-html", lang(), klasse),
                                    lambda: _index_delen(letters))
    else:
        delen = _index_delen(letters)
    prefix, query = (escape(p) for p in resource_link())
    return [Markup("".join(f'<li><a href="{prefix}{pad}{query}{rest}' if pad is not None
                           else f'<li><a href="{rest}' for pad, rest in letter))
            for letter in delen]


def _index_delen(letters):
    """Per letter, per item: (its escaped quoted path, or None when it has no page of ours;
    the escaped rest of its <li> from the link's end, or from its start without a path)."""
    delen = []  # each label marked with its own language where it is not the page's (lang() is in the cache key)
    for letter in letters:
        items = []
        for i in letter["items"]:
            notatie = f'<span class="notatie">{escape(i["notatie"])}</span> ' if i["notatie"] else ""
            soorten = ", ".join(escape(s) for s in i["soorten"])
            attr = lang_attr(i["taal"] if "taal" in i else "nl" if i.get("pad") else None)  # "": no name, its path
            rest = f'"{attr}>{notatie}{escape(i["label"])}</a> <span class="soort">{soorten}</span></li>'
            items.append((escape(quoted(i["pad"])), rest) if i.get("pad")
                         else (None, str(escape(res_href(i))) + rest))
        delen.append(items)
    return delen
