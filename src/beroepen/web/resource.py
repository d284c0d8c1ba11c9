"""Resource pages: https://w3id.org/beroepen/id/… served at /id/…, with content negotiation."""
from flask import Blueprint, Response, request
from rdflib import URIRef

from ..kennisgraaf.describe import describe
from ..kennisgraaf.opzoeken import checked_iri, resolve
from ..errors import BeroepenError
from ..vocab import ID, RESOURCE_PREFIXES
from ..kennisgraaf.queries import named_query
from .pages import cached, lang, respond, store

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
                     filename=(data["pad"] or "resource").replace("/", "-"))
    return result if isinstance(result, Response) else Response(result, mimetype="text/html")


def links_table(d):
    """The page as one table: every property value and link, with the source, as CSV."""
    from .. import formats
    rows = [["eigenschap", "naam", d["notatie"] or "", d["label"], d["iri"]]]
    rows += [["eigenschap", "beschrijving", "", d["beschrijving"], ""]] if d["beschrijving"] else []
    rows += [["eigenschap", "soort", "", t["label"], t["iri"]] for t in d["types"]]
    for richting, groups in (("eigenschap", d["eigenschappen"]), ("verwijst naar", d["uitgaand"]),
                             ("genoemd door", d["inkomend"])):
        for g in groups:
            rows += [[richting, g["label"], i.get("notatie") or "", i.get("label", i.get("waarde", "")),
                      i.get("iri", "")] for i in g["items"]]
    rows += [["bron", "document", "", b["label"], b["iri"]] for b in d["bron"]["documenten"]]
    rows += [["bron", "sectie", "", s, ""] for s in d["bron"]["secties"]]
    return formats.as_csv(["richting", "relatie", "notatie", "waarde", "iri"], rows)
