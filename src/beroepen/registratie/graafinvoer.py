"""Reading dossiers from a Turtle or JSON-LD file (bo:Herregistratiedossier / bo:Registratiedossier).

The file is parsed in a sandboxed child process under the upload budget (uploads.parse_rdf:
no network, no disk, a triple, time and memory limit). The graph is then checked with the
same shapes as every dossier; a structural problem (a missing date, an unknown kind of
activity, two dossiers with one registratienummer, a number with more digits than a verdict
can use) is bad input, listed by node. The graph stays in memory and is dropped after the run.
"""
from collections import defaultdict
from decimal import Decimal

from rdflib import Graph, Literal

from ..invoer import limieten as uploads, waarden
from ..invoer.tabel import Invoerfouten
from ..kennisgraaf.queries import named_query
from ..kennisgraaf.store import EmbeddedStore
from ..vocab import BO, XSD, compact
from . import shacl
from .dossier import Activiteit, Dossier

# Number datatypes whose values the checks add up or compare: their digits are bounded.
GETALTYPES = {XSD.decimal, XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long}


def parse(bestand, limits=uploads.CLI):
    """The graph in a Turtle or JSON-LD file (by extension, else by its first character)."""
    begin = bestand.data[:64].decode("utf-8-sig", errors="replace").lstrip()[:1]
    is_json = bestand.naam.lower().endswith((".jsonld", ".json")) or begin in ("{", "[")
    return uploads.parse_rdf(bestand.naam, bestand.data, "json-ld" if is_json else "turtle", limits)


def lees_graaf(bestand, regelboek, soort, peildatum=None, limits=uploads.CLI, register=None, kies=None):
    """(dossiers, {registratienummer: pySHACL's Oordeel: failed requirements and measured numbers})
    from a Turtle/JSON-LD file, after checking its form. A dossier of another register than
    `register` (a code, None: any) is bad input, as a CSV row of another register is.
    kies(dossier) sets the rule version that judges it (its bo:regeling names the scheme, any
    version of it); pySHACL then judges it by that version, and a dossier no version judges
    (onbekend) gets no Oordeel."""
    dossiergraaf = parse(bestand, limits)
    fouten = _te_veel_cijfers(dossiergraaf, bestand) + _geen_getal(dossiergraaf, regelboek, bestand)
    if fouten:          # before pySHACL, which would add them up with rounding
        raise Invoerfouten(fouten)
    graph = Graph()
    graph += regelboek.graph
    graph += dossiergraaf
    if peildatum is not None:
        _zet_peildatum(graph, dossiergraaf, peildatum)
    fouten = []
    found = _dossiers(EmbeddedStore(dossiergraaf), regelboek, soort, bestand, peildatum, fouten, register)
    for node, dossier in found:
        if kies is not None:
            kies(dossier)
            graph.set((node, BO.regeling, dossier.regeling.iri))
    failures, gemeten, problems = shacl.meet(graph)
    fouten = [{"bestand": bestand.naam, "regel": 0, "melding": f"{p['node']}: {p['melding']} ({p['regel']})"}
              for p in problems] + fouten
    fouten += _dubbele_nummers(found, bestand)
    for node, dossier in found:
        if len(dossier.activiteiten) > limits.max_rows_per_dossier:
            raise uploads.LimitExceeded(f"{compact(node)} heeft {len(dossier.activiteiten)} activiteiten, meer dan "
                                        f"{limits.max_rows_per_dossier}", "UPLOAD_MAX_ROWS_PER_DOSSIER",
                                        file=bestand.naam)
    if fouten:
        raise Invoerfouten(fouten)
    verdicts = {d.registratienummer: shacl.oordeel(d, failures.get(node, set()), gemeten.get(node, {}))
                for node, d in found if not (d.versie and d.versie.get("reden"))}
    return [d for _, d in found], verdicts


def _fout(bestand, melding):
    return {"bestand": bestand.naam, "regel": 0, "melding": melding}


def _te_veel_cijfers(graph, bestand):
    """Every number (node, property) with more digits than waarden allows."""
    fouten = []
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in GETALTYPES:
            try:
                waarden.controleer_cijfers(str(o))
            except ValueError as err:
                fouten.append(_fout(bestand, f"{compact(s)} {compact(p)}: {err}"))
    return fouten


def _geen_getal(graph, regelboek, bestand):
    """Every value of bo:punten or of a numeric dossier attribute the rules read that is not a
    finite xsd number ("NaN"^^xsd:double, "vier"): bad input, not a crash in the engines."""
    getallen = {BO.punten} | {k.iri for r in regelboek.regelingen for k in r.kenmerken
                              if k.type in GETALTYPES | {XSD.double, XSD.float}}
    fouten = []
    for s, p, o in graph:
        if p in getallen and not (isinstance(o, Literal) and o.datatype in GETALTYPES
                                  and _eindig(o)):
            fouten.append(_fout(bestand, f"{compact(s)} {compact(p)}: '{str(o)[:40]}' is geen getal "
                                         f"(verwacht bijvoorbeeld 18 of 2.5, als xsd:decimal)"))
    return fouten


def _eindig(literal):
    try:
        return Decimal(str(literal)).is_finite()
    except ArithmeticError:
        return False


def _dubbele_nummers(found, bestand):
    """Two dossier nodes with one registratienummer: whose verdict would it be? Bad input,
    naming every node that shares a number."""
    nodes = defaultdict(list)
    for node, dossier in found:
        nodes[dossier.registratienummer].append(node)
    return [_fout(bestand, f"registratienummer {nummer} komt voor bij {len(dubbel)} dossiers: "
                           + ", ".join(sorted(compact(n) for n in dubbel)))
            for nummer, dubbel in nodes.items() if len(dubbel) > 1]


def _zet_peildatum(graph, dossiergraaf, peildatum):
    for row in EmbeddedStore(dossiergraaf).select(named_query("registratie-dossiers").text):
        graph.set((row["dossier"], BO.peildatum, Literal(peildatum, datatype=XSD.date)))


def _dossiers(store, regelboek, soort, bestand, peildatum, fouten, register=None):
    regelingen = {r.iri: r for r in regelboek.regelingen}
    dossiers = []
    rows = store.select(named_query("registratie-dossiers").text)
    if not rows:
        fouten.append({"bestand": bestand.naam, "regel": 0,
                       "melding": "geen bo:Herregistratiedossier of bo:Registratiedossier gevonden"})
    namen = {}
    for row in rows:
        node = row["dossier"]
        if node in namen:       # a second row for one node: a second label (or type)
            if row.get("naam") != namen[node]:
                fouten.append(_fout(bestand, f"{compact(node)}: meer dan één naam (rdfs:label)"))
            continue
        namen[node] = row.get("naam")
        regeling = regelingen.get(row.get("regeling"))
        if regeling is None or regeling.soort != soort:
            if regeling is not None or "regeling" in row:
                fouten.append({"bestand": bestand.naam, "regel": 0, "melding":
                               f"{compact(node)}: bo:regeling {compact(row.get('regeling', ''))} is geen "
                               f"bekende {soort}regeling"})
            continue
        if register is not None and regeling.code != register:
            fouten.append(_fout(bestand, f"{compact(node)}: bo:regeling {compact(regeling.iri)} hoort bij register "
                                         f"'{regeling.code}', niet bij het gekozen register '{register}'"))
            continue
        dossier = Dossier(str(row.get("nummer", "")), str(row.get("naam", "")), regeling, bestand.naam, 0,
                          _date(row.get("start")), _date(row.get("eind")),
                          peildatum or _date(row.get("peildatum")))
        te_lang = regeling.te_lange_periode(dossier.periode_start, dossier.periode_eind)
        if te_lang:
            fouten.append(_fout(bestand, f"{compact(node)}: {te_lang}"))
        for kenmerk in regeling.kenmerken:
            found = store.select(named_query("registratie-dossierkenmerken").text,
                                 {"dossier": node, "kenmerk": kenmerk.iri})
            dossier.kenmerken[kenmerk.iri] = found[0]["waarde"].toPython() if found else None
            if len({str(r["waarde"]) for r in found}) > 1:  # which one would count is not defined
                fouten.append(_fout(bestand, f"{compact(node)}: meer dan één waarde voor {compact(kenmerk.iri)}"))
            if not found and kenmerk.type == XSD.boolean:     # missing is not false, as in a CSV cell
                fouten.append(_fout(bestand, f"{compact(node)}: {compact(kenmerk.iri)} ontbreekt; verwacht true of false"))
        dossier.activiteiten = _activiteiten(store, node, regelboek)
        for activiteit in dossier.activiteiten:
            if activiteit.punten is None and activiteit.soort in regeling.puntensoorten:
                fouten.append({"bestand": bestand.naam, "regel": 0, "melding":
                               f"{compact(activiteit.iri)}: bo:punten ontbreekt (een activiteit van soort "
                               f"'{activiteit.soortcode}' telt met punten)"})
        dossiers.append((node, dossier))
    return dossiers


def _activiteiten(store, node, regelboek):
    """The dossier's activities; one row per accreditation, so rows are merged per activity."""
    codes = {iri: code for code, iri in regelboek.soorten.items()}
    merged = {}
    for row in store.select(named_query("registratie-bewijs").text, {"dossier": node}):
        if "soort" not in row or "datum" not in row:
            continue  # reported by the shapes
        item = merged.get(row["activiteit"])
        if item is None:
            item = merged[row["activiteit"]] = Activiteit(
                int(row["regel"]) if "regel" in row else 0, str(row["soort"]),
                codes.get(str(row["soort"]), compact(row["soort"])), row["datum"].toPython(),
                row["punten"].toPython() if "punten" in row else None, (), "",
                str(row.get("omschrijving", "")), row["activiteit"])
        if "accreditatie" in row and str(row["accreditatie"]) not in item.accreditaties:
            item.accreditaties += (str(row["accreditatie"]),)
            item.accreditatie_tekst = ", ".join(regelboek.kortenamen.get(x) or compact(x) for x in item.accreditaties)
    return list(merged.values())


def _date(term):
    return None if term is None else term.toPython()
