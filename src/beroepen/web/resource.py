"""Resource pages: https://w3id.org/beroepen/id/… served at /id/…, with content negotiation."""
from itertools import groupby

from flask import Blueprint, Response, g, request
from markupsafe import Markup, escape
from rdflib import URIRef

from ..kennisgraaf.describe import describe
from ..kennisgraaf.opzoeken import checked_iri, resolve
from ..errors import BeroepenError
from ..vocab import ID, RESOURCE_PREFIXES
from ..kennisgraaf.queries import named_query
from .crosswalk import CROSSWALK_PAGES
from .pages import cached, item_html, lang, lang_attr, res_href, respond, store
from .taal import t

bp = Blueprint("resource", __name__)

RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld",
             "application/n-triples": "nt"}
SUFFIXES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
            "json": "application/json", "csv": "text/csv"}


@bp.route("/id/<path:pad>")
def page(pad):
    stem, _, suffix = pad.rpartition(".")
    if stem and suffix in SUFFIXES:
        return _answer(stem, SUFFIXES[suffix])
    wanted = request.accept_mimetypes.best_match(
        ["text/html", "text/turtle", "application/ld+json", "application/n-triples",
         "application/json"], default="text/html")
    response = _answer(pad, wanted)
    response.headers["Vary"] = "Accept"
    return response


def _answer(pad, mimetype):
    iri = checked_iri(ID + pad)
    if mimetype in RDF_TYPES:
        graph = cached(("rdf", iri), lambda: store().construct(
            named_query("resource-beschrijving").text, {"resource": URIRef(iri)}))
        if len(graph) == 0:
            resolve(store(), iri)  # raises with the closest known names
        for prefix, ns in RESOURCE_PREFIXES.items():
            graph.bind(prefix, ns)
        body = graph.serialize(format=RDF_TYPES[mimetype], encoding="utf-8")
        return Response(body, mimetype=mimetype)
    try:
        data = cached(("describe", iri, lang()), lambda: describe(store(), iri, lang()))
    except BeroepenError:
        resolve(store(), iri)
        raise
    fmt = {"application/json": "json", "text/csv": "csv"}.get(mimetype)
    result = respond("resource.html", data, fmt, lambda: links_table(data),
                     filename=(data["pad"] or "resource").replace("/", "-"),
                     crosswalk_link=data["pad"] in CROSSWALK_PAGES)
    return result if isinstance(result, Response) else Response(result, mimetype="text/html")


@bp.app_template_global()
def esco_link(m):
    """An ESCO concept of a mapping: its English label, linked to its ESCO URI (an external
    link, marked so), and to our own page of it where we have one."""
    extern = t("externe link naar ESCO")
    html = (f'<a class="extern" href="{escape(res_href({"iri": m["iri"]}))}" rel="external noopener"'
            f'{lang_attr(m.get("taal"))}>{escape(m["label"])}</a> <span class="extern-teken">({escape(extern)})</span>')
    if m.get("pad"):
        html += f' · <a href="{escape(res_href(m))}">{escape(t("onze pagina"))}</a>'
    return Markup(html)


@bp.app_template_global()
def zekerheid(confidence):
    from ..kennisgraaf.escopaneel import zekerheid as tekst
    return tekst(confidence, lang())


def links_table(d):
    """The page as one table: every property value and link, with the source, as CSV."""
    from .. import formats
    rows = [["eigenschap", "naam", d["notatie"] or "", d["label"], d["iri"]]]
    rows += [["eigenschap", "beschrijving", "", d["beschrijving"], ""]] if d["beschrijving"] else []
    rows += [["eigenschap", "soort", "", soort["label"], soort["iri"]] for soort in d["types"]]
    for richting, groups in (("eigenschap", d["eigenschappen"]), ("verwijst naar", d["uitgaand"]),
                             ("genoemd door", d["inkomend"])):
        for groep in groups:
            rows += [[richting, groep["label"], i.get("notatie") or "", i.get("label", i.get("waarde", "")),
                      i.get("iri", "")] for i in groep["items"]]
    rows += [["esco", m["predicate"], "", m["label"], m["iri"]] for m in d.get("esco", [])]
    rows += [["bron", "document", "", b["label"], b["iri"]] for b in d["bron"]["documenten"]]
    rows += [["bron", "sectie", "", s, ""] for s in d["bron"]["secties"]]
    return formats.as_csv(["richting", "relatie", "notatie", "waarde", "iri"], rows)


# The summary's lists and sentences in Python, not Jinja macros: a profession page prints
# some 250 items, and a macro call per item cost more than the page's queries. An item in a
# sentence is the same dict as in the full link table: its HTML is made once a request.

def _html(item):
    made = g.get("beroepen_item_html")
    if made is None:
        made = g.beroepen_item_html = {}
    key = id(item)
    if key not in made:
        made[key] = (item, str(item_html(item)))  # the item kept: its id stays its own
    return made[key][1]


@bp.app_template_global()
def lijst_html(items, open_tot=12):
    """A list of items; a list of several kinds is split by kind, each part folded when long."""
    soorten = [(soort, list(group)) for soort, group in
               groupby(sorted(items, key=lambda i: i.get("soort") or ""), key=lambda i: i.get("soort") or "")]
    if len(soorten) <= 1:
        return Markup("<ul>" + "".join(f"<li>{_html(i)}</li>" for i in items) + "</ul>")
    parts = []
    for soort, group in soorten:
        parts.append(f'<details{" open" if len(group) <= open_tot else ""}><summary>{escape(soort or "overig")} '
                     f'<span class="aantal">({len(group)})</span></summary><ul>'
                     + "".join(f"<li>{_html(i)}</li>" for i in group) + "</ul></details>")
    return Markup("\n".join(parts))


@bp.app_template_global()
def zin_html(z):
    """One sentence of describe()'s "zinnen": codes or names inline, a long list folded."""
    if z["vorm"] == "lijst":
        return Markup(f'<details class="zin"{" open" if z["aantal"] <= 8 else ""}><summary>{escape(z["begin"])}'
                      f'</summary>{lijst_html(z["items"])}</details>')
    if z["vorm"] == "notaties":
        # The codes say little on their own ("3, 4, 6, A"): the sentence names them, the list
        # below it shows each with its name, linked (open while short).
        codes = [str(escape(i["notatie"])) for i in z["items"]]
        zin = ", ".join(codes[:-1]) + t(" en ") + codes[-1] if len(codes) > 1 else codes[0]
        return Markup(f'<details class="zin"{" open" if z["aantal"] <= 8 else ""}><summary>'
                      f'{escape(z["begin"])} {zin}.</summary>{lijst_html(z["items"])}</details>')
    links = [_html(i) for i in z["items"]]
    tekst = ", ".join(links[:-1]) + t(" en ") + links[-1] if len(links) > 1 else links[0]
    punt = "" if (z["items"][-1].get("label") or "").endswith(".") and z["vorm"] == "namen" else "."
    return Markup(f"{escape(z['begin'])} {tekst}{punt}")
