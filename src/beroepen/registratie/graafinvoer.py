"""Reading dossiers from a Turtle or JSON-LD file (bo:Herregistratiedossier / bo:Registratiedossier).

The uploaded graph is checked with the same shapes as every dossier; a structural problem
(a missing date, an unknown kind of activity) is bad input, listed by node. The graph stays
in memory and is dropped after the run.
"""
import json

from rdflib import Graph, Literal, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import BeroepenError
from ..graph import EmbeddedStore, compact
from ..queries import named_query
from . import shacl
from .dossier import Activiteit, Dossier
from .invoer import Invoerfouten
from .regels import BO


def parse(bestand):
    """The graph in a Turtle or JSON-LD file (by extension, else by its first character)."""
    text = bestand.data.decode("utf-8-sig", errors="replace")
    is_json = bestand.naam.endswith((".jsonld", ".json")) or text.lstrip()[:1] in ("{", "[")
    graph = Graph()
    try:
        if is_json:
            _no_remote_context(json.loads(text), bestand)
            graph.parse(data=text, format="json-ld")
        else:
            graph.parse(data=text, format="turtle")
    except BadSyntax as err:
        raise BeroepenError(f"Turtle-syntaxfout: {err._why}", file=bestand.naam, line=err.lines + 1) from None
    except json.JSONDecodeError as err:
        raise BeroepenError(f"JSON-fout: {err.msg}", file=bestand.naam, line=err.lineno) from None
    except BeroepenError:
        raise
    except Exception as err:  # rdflib raises plain exceptions for bad IRIs, prefixes, …
        raise BeroepenError(f"ongeldige RDF: {err}", file=bestand.naam) from None
    return graph


def _no_remote_context(data, bestand):
    """A JSON-LD @context must be inline: fetching one would reach out to the network."""
    if isinstance(data, list):
        for item in data:
            _no_remote_context(item, bestand)
    elif isinstance(data, dict):
        for key, value in data.items():
            if key == "@import" or key == "@context" and (
                    isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, str) for v in value))):
                raise BeroepenError("een @context moet in het bestand zelf staan, niet op een adres",
                                    file=bestand.naam)
            _no_remote_context(value, bestand)


def lees_graaf(bestand, regelboek, soort, peildatum=None):
    """(dossiers, {registratienummer: failed requirement codes per SHACL}) from a Turtle/JSON-LD file, after checking its form."""
    dossiergraaf = parse(bestand)
    graph = Graph()
    graph += regelboek.graph
    graph += dossiergraaf
    if peildatum is not None:
        _zet_peildatum(graph, dossiergraaf, peildatum)
    failures, problems = shacl.run(graph)
    fouten = [{"bestand": bestand.naam, "regel": 0, "melding": f"{p['node']}: {p['melding']} ({p['regel']})"}
              for p in problems]
    found = _dossiers(EmbeddedStore(dossiergraaf), regelboek, soort, bestand, peildatum, fouten)
    if fouten:
        raise Invoerfouten(fouten)
    verdicts = {d.registratienummer: {e.code for e in d.regeling.eisen if e.iri in failures.get(node, ())}
                for node, d in found}
    return [d for _, d in found], verdicts


def _zet_peildatum(graph, dossiergraaf, peildatum):
    for row in EmbeddedStore(dossiergraaf).select(named_query("registratie-dossiers").text):
        graph.set((row["dossier"], BO.peildatum, Literal(peildatum, datatype=XSD.date)))


def _dossiers(store, regelboek, soort, bestand, peildatum, fouten):
    regelingen = {r.iri: r for r in regelboek.regelingen}
    dossiers = []
    rows = store.select(named_query("registratie-dossiers").text)
    if not rows:
        fouten.append({"bestand": bestand.naam, "regel": 0,
                       "melding": "geen bo:Herregistratiedossier of bo:Registratiedossier gevonden"})
    for row in rows:
        node = row["dossier"]
        regeling = regelingen.get(row.get("regeling"))
        if regeling is None or regeling.soort != soort:
            if regeling is not None or "regeling" in row:
                fouten.append({"bestand": bestand.naam, "regel": 0, "melding":
                               f"{compact(node)}: bo:regeling {compact(row.get('regeling', ''))} is geen "
                               f"bekende {soort}regeling"})
            continue
        dossier = Dossier(str(row.get("nummer", "")), str(row.get("naam", "")), regeling, bestand.naam, 0,
                          _date(row.get("start")), _date(row.get("eind")),
                          peildatum or _date(row.get("peildatum")))
        for kenmerk in regeling.kenmerken:
            found = store.select(named_query("registratie-dossierkenmerken").text,
                                 {"dossier": node, "kenmerk": kenmerk.iri})
            dossier.kenmerken[kenmerk.iri] = found[0]["waarde"].toPython() if found else None
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
            item.accreditatie_tekst = ", ".join(compact(x).rsplit("/", 1)[-1].upper() for x in item.accreditaties)
    return list(merged.values())


def _date(term):
    return None if term is None else term.toPython()
