"""The named queries: a list by user group, each one as a form with its parameters, and the
editor page."""
from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from rdflib import Literal, URIRef

from ..errors import BeroepenError
from ..kennisgraaf import parameters, querying
from ..kennisgraaf.labels import id_path
from ..kennisgraaf.queries import GROEPEN, all_queries, named_query, public_queries
from ..kennisgraaf.search import names
from markupsafe import Markup, escape

from .pages import cached, lang, res_href, respond, soort_href, store
from .taal import t

bp = Blueprint("queries", __name__)
MAX_SUGGESTIONS = 200  # a parameter with more known values gets no list of suggestions


def groep_titels():
    """Each user group's heading and what it asks, in the page's language."""
    return {"beroepsvereniging": (t("Beroepsverenigingen"), t("Welke competenties horen bij welke beroepstaak, waar staat het in de bron, hoe verhouden beroepen zich.")),
            "opleiding": (t("Opleidingen"), t("Welke opleidingen en toelatingseisen leiden naar het beroep, waartegen een curriculum wordt getoetst.")),
            "registratie": (t("Registers"), t("Welke regelingen, eisen en telregels gelden bij (her)registratie.")),
            "data-gebruiker": (t("Datagebruikers"), t("Wat de kennisgraaf bevat: profielen, klassen en aantallen."))}


def _info(q):
    return {"naam": q.name, "titel": q.titel, "beschrijving": q.beschrijving, "kort": q.kort,
            "groep": q.groep, "vorm": q.form, "tekst": q.text,
            "parameters": [{"naam": p.name, "soort": p.kind, "waarden": p.waarden} for p in q.parameters]}


@bp.route("/queries")
@bp.route("/queries.<fmt>")
def lijst(fmt=None):
    """The queries a user group asks (the .rq files' `# groep:`); the pages' plumbing is not
    listed (its pages stay reachable, and the editor offers it as examples)."""
    per_groep = public_queries()
    data = {"groepen": list(GROEPEN), "queries": [_info(q) for g in GROEPEN for q in per_groep[g]]}
    table = (["naam", "groep", "titel", "beschrijving", "parameters"],
             [[q["naam"], q["groep"], q["titel"], q["beschrijving"], ", ".join(p["naam"] for p in q["parameters"])]
              for q in data["queries"]])
    return respond("queries.html", data, fmt, table, filename="queries", titels=groep_titels())


@bp.route("/queries/<naam>")
@bp.route("/queries/<naam>.<fmt>")
def query(naam, fmt=None):
    q = named_query(naam)
    values = {p.name: request.args[p.name] for p in q.parameters if request.args.get(p.name)}
    data = dict(_info(q), waarden=values, taal=lang())
    try:
        result = _result(q, values)
    except BeroepenError as err:
        if fmt is not None:
            raise  # the twins answer the one error JSON shape (pages.fout_response)
        return render_template("query.html", data=data, fout=err, suggesties=_suggestions(q),
                               titels=groep_titels(), query_cell=query_cell), err.status
    table = None
    if result is not None:
        data["kolommen"] = result["columns"]
        labels = _labels(result["rows"])
        data["rijen"] = [[_cell(c, labels) for c in row] for row in result["rows"]]
        table = (result["columns"], [[querying.cell(c, full=True) for c in row] for row in result["rows"]])
    return respond("query.html", data, fmt, table, filename=naam, fout=None, titels=groep_titels(),
                   suggesties=_suggestions(q) if fmt is None else {}, query_cell=query_cell)


def _result(q, values):
    """The query's rows for the typed values, or None while the form waits for them."""
    if q.form != "SELECT" or not (values or not q.parameters or "run" in request.args):
        return None
    return cached(("query", q.name, tuple(sorted(values.items())), lang()),
                  lambda: querying.run(q.name, values, store=store(), taal=lang()))


def _labels(rows):
    """The names of the graph's resources and classes, read only when the result holds an IRI
    (kept per embedded graph; behind an endpoint read once for this request)."""
    has_iri = any(isinstance(c, URIRef) for row in rows for c in row)
    return names(store(), lang()) if has_iri else {}


def _cell(term, labels):
    """A result cell: `tekst` is the compact IRI or the value (as the twins always gave it);
    an IRI of ours adds its `label` and page, a class of the ontology its label."""
    if term is None:
        return {"tekst": ""}
    if isinstance(term, URIRef):
        cell = {"tekst": querying.cell(term), "iri": str(term), "pad": id_path(term)}
        found = labels.get(str(term))
        if found:
            cell.update(found)
        return cell
    cell = {"tekst": str(term)}
    if isinstance(term, Literal) and term.language:
        cell["taal"] = term.language
    return cell


def query_cell(c):
    """A result cell as HTML: an IRI of ours as its label linked to its page, a class of the
    ontology as its label linked to its index, another IRI as a link, a value with its
    language where that is not the page's (labels without a tag are Dutch, as this graph is)."""
    tekst = c.get("label") or c["tekst"]
    if c.get("pad"):
        taal = c.get("taal") or "nl"
        notatie = f'<span class="notatie">{escape(c["notatie"])}</span> ' if c.get("notatie") else ""
        attr = f' lang="{escape(taal)}"' if taal != lang() else ""
        return Markup(f'<a href="{escape(res_href(c))}"{attr}>{notatie}{escape(tekst)}</a>')
    if c.get("klasse"):
        return Markup(f'<a href="{escape(soort_href(c["iri"]))}">{escape(tekst)}</a>')
    if c.get("iri"):
        return Markup(f'<a href="{escape(res_href(c))}" class="iri">{escape(tekst)}</a>')
    taal = c.get("taal")
    if taal and taal != lang():
        return Markup(f'<span lang="{escape(taal)}">{escape(tekst)}</span>')
    return escape(tekst)


def _suggestions(q):
    """{parameter: [names]} a person may type, for the form's lists of suggestions: a value's
    label (else its first name), only for parameters with at most MAX_SUGGESTIONS values."""
    found = {}
    for p in q.parameters:
        if p.waarden is None:
            continue
        shown = {}
        for value, name, label, _key in parameters.known(store(), p.waarden):
            shown.setdefault(value, label or name)
        if len(shown) <= MAX_SUGGESTIONS:
            found[p.name] = sorted(set(shown.values()), key=str.casefold)
    return found


@bp.route("/editor")
@bp.route("/editor.<fmt>")
def editor(fmt=None):
    """The SPARQL editor; its examples are every named query, the public ones first by group."""
    order = {g: i for i, g in enumerate(GROEPEN)}
    queries = sorted(all_queries(), key=lambda q: (order.get(q.groep, len(order)), q.titel.casefold()))
    voorbeelden = [{"naam": q.name, "titel": q.titel, "groep": q.groep, "tekst": q.text} for q in queries]
    start = request.args.get("query") or (voorbeelden[0]["tekst"] if voorbeelden else "")
    yasgui = Path(current_app.static_folder, "vendor", "yasgui", "yasgui.min.js").is_file()
    return respond("editor.html", {"voorbeelden": voorbeelden}, fmt, start=start, yasgui=yasgui,
                   titels=groep_titels())
