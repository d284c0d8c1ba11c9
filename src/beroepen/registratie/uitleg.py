"""What the upload form teaches, all from the rule data (a registry's own scheme included):
per scheme the columns its praktijk.csv needs, its requirements with thresholds, units and
period, the kinds of activity and the organisations an activities file may name; and per
scheme example files (praktijk.csv, activiteiten.csv, one dossier as Turtle) with what the
check says of them.

The examples are built from the rules, not kept as files, so they follow a changed threshold
or a new scheme: "Voorbeeld Een" meets every requirement that has a threshold (a requirement
without one makes it "handmatig beoordelen"), "Voorbeeld Twee" fails exactly one requirement.
"""
import io
from datetime import date, timedelta
from decimal import Decimal

from rdflib import Graph, Literal, Namespace

from ..formats import csv_writer
from ..vocab import BO, RDFS, XSD
from .csvinvoer import ACTIVITEITKOLOMMEN, BASISKOLOMMEN, PERIODEKOLOMMEN
from .dossier import Activiteit, Dossier, add_dossier
from .model import (AANTAL_ACTIVITEITEN, HERREGISTRATIE, OPGEGEVEN_MINIMUM, SOM_VAN_PUNTEN,
                    VERKLARING_AANWEZIG)

BESTANDEN = ("praktijk.csv", "activiteiten.csv", "dossier.ttl")
PERIODE_START = date(2020, 1, 1)       # the examples' period start: any date would do
REGISTRATIE_DATUM = date(2024, 1, 8)   # the examples' activity dates when a scheme has no period
VOORBEELD_NS = Namespace("urn:beroepen:dossier:voorbeeld/")


def uitleg(regelboek):
    """The form's teaching data (the GET /registratie.json twin): schemes, kinds, organisations."""
    codes = {iri: code for code, iri in regelboek.soorten.items()}
    return {
        "regelingen": [_regeling(regelboek, r, codes) for soort, code in dict.fromkeys(
                           (r.soort, r.code) for r in regelboek.regelingen) for r in regelboek.versies(code, soort)],
        "activiteitkolommen": list(ACTIVITEITKOLOMMEN),
        "activiteitsoorten": [{"code": code, "iri": iri, "label": regelboek.soortlabels.get(iri, code)}
                              for code, iri in sorted(regelboek.soorten.items())],
        "organisaties": _organisaties(regelboek),
    }


def _regeling(regelboek, regeling, codes):
    eenheden = {e.kenmerk: e.eenheid for e in regeling.eisen if e.kenmerk is not None}
    kolommen = ([{"kolom": k, "soort": "basis"} for k in BASISKOLOMMEN]
                + ([{"kolom": k, "soort": "periode"} for k in PERIODEKOLOMMEN]
                   if regeling.soort == HERREGISTRATIE else [])
                + [{"kolom": k.kolom, "soort": "kenmerk", "label": k.label,
                    "type": "ja/nee" if k.type == XSD.boolean else "getal",
                    "eenheid": eenheden.get(k.iri, "")} for k in regeling.kenmerken])
    return {
        "soort": regeling.soort, "code": regeling.code, "label": regeling.label, "iri": str(regeling.iri),
        "periode_jaren": regeling.periode_jaren, "bronsectie": regeling.bronsectie,
        "versie": regeling.versienaam, "geldig": regeling.geldig or None,
        "geldig_van": regeling.geldigheid.van or None if regeling.geldigheid else None,
        "geldig_tot": regeling.geldigheid.tot or None if regeling.geldigheid else None,
        "vervangt": str(regeling.vervangt) if regeling.vervangt is not None else None,
        "vervangt_versie": next((r.versienaam for r in regelboek.regelingen if r.iri == regeling.vervangt), None),
        "overgangsregel": regeling.overgangsregel_label or None,
        "kolommen": kolommen,
        "activiteiten": any(e.telt_activiteiten for e in regeling.eisen),
        "eisen": [{"eis": e.code, "label": e.label, "meetwijze": e.meetwijze_label,
                   "meetwijze_iri": str(e.meetwijze),
                   "drempel": None if e.drempel is None else _getal(e.drempel), "eenheid": e.eenheid,
                   "telt": [{"soort": codes.get(str(t.soort), str(t.soort)),
                             "label": regelboek.soortlabels.get(str(t.soort), ""),
                             "geaccrediteerd_door": _kort(regelboek, t.accreditatie)} for t in e.telregels],
                   "bronsectie": e.bronsectie} for e in regeling.eisen],
        "voorbeeld": [{"registratienummer": d.registratienummer, "naam": d.naam, "voldoet": voldoet,
                       "niet_gehaald": niet} for d, voldoet, niet in voorbeelden(regelboek, regeling)],
    }


def _organisaties(regelboek):
    """Every organisation an activities file may name: the ones the rules name first."""
    eerst = set(regelboek.organisaties)
    return sorted(({"naam": kort, "label": regelboek.volledige_namen.get(iri, ""), "iri": iri,
                    "accrediteert": iri in eerst} for iri, kort in regelboek.kortenamen.items()),
                  key=lambda o: (not o["accrediteert"], o["naam"].casefold()))


def _kort(regelboek, iri):
    return None if iri is None else regelboek.kortenamen.get(str(iri), str(iri).rsplit("/", 1)[-1])


def _getal(value):
    """A Decimal as a JSON number: 18 stays an int, 1.5 a float."""
    return int(value) if value == value.to_integral_value() else float(value)


# --- the examples ---

def voorbeelden(regelboek, regeling):
    """[(Dossier, expected voldoet, [requirement codes it fails])]: "Voorbeeld Een" meets every
    requirement with a threshold, "Voorbeeld Twee" fails the first one that can fail."""
    handmatig = any(not e.toetsbaar for e in regeling.eisen)
    out = [(_dossier(regelboek, regeling, "VB-0001", "Voorbeeld Een", None), None if handmatig else True, [])]
    falen = next((e for e in regeling.eisen if _kan_falen(e)), None)
    if falen is not None:
        out.append((_dossier(regelboek, regeling, "VB-0002", "Voorbeeld Twee", falen), False, [falen.code]))
    return out


def _kan_falen(eis):
    if eis.meetwijze == VERKLARING_AANWEZIG:
        return True
    return eis.drempel is not None and eis.drempel >= 1


def _dossier(regelboek, regeling, nummer, naam, falen):
    dossier = Dossier(nummer, naam, regeling)
    if regeling.soort == HERREGISTRATIE:
        dossier.periode_start = start = _periode_start(regeling)
        dossier.periode_eind = regeling.periode_eind(start) if regeling.periode_jaren else date(2024, 12, 31)
    codes = {iri: code for code, iri in regelboek.soorten.items()}
    for eis in regeling.eisen:
        tekort = eis is falen
        if eis.meetwijze == VERKLARING_AANWEZIG:
            dossier.kenmerken[eis.kenmerk] = not tekort
        elif eis.meetwijze == OPGEGEVEN_MINIMUM:
            drempel = eis.drempel if eis.drempel is not None else Decimal(1)
            dossier.kenmerken[eis.kenmerk] = drempel - 1 if tekort else drempel
        elif eis.telt_activiteiten and eis.telregels:
            dossier.activiteiten += _activiteiten(regelboek, regeling, eis, tekort, codes)
    for i, activiteit in enumerate(dossier.activiteiten):
        activiteit.datum = _datum(dossier, i, len(dossier.activiteiten))
    return dossier


def _activiteiten(regelboek, regeling, eis, tekort, codes):
    """Activities that meet `eis` exactly (one short of it when `tekort`)."""
    def activiteit(telregel, punten):
        soort = str(telregel.soort)
        door = (str(telregel.accreditatie),) if telregel.accreditatie is not None else ()
        return Activiteit(0, soort, codes.get(soort, soort), None, punten, door,
                          _kort(regelboek, telregel.accreditatie) or "",
                          f"Voorbeeld: {regelboek.soortlabels.get(soort, codes.get(soort, soort))}")
    if eis.meetwijze == SOM_VAN_PUNTEN:
        totaal = eis.drempel if eis.drempel is not None else Decimal(len(eis.telregels))
        totaal -= 1 if tekort else 0
        deel = totaal / len(eis.telregels)
        return [activiteit(t, deel) for t in eis.telregels]
    if eis.meetwijze == AANTAL_ACTIVITEITEN:    # points stay out of any points requirement
        aantal = int(eis.drempel) - (1 if tekort else 0) if eis.drempel is not None else 1
        telregel = eis.telregels[0]
        punten = Decimal(0) if str(telregel.soort) in regeling.puntensoorten else None
        return [activiteit(telregel, punten) for _ in range(aantal)]
    return []


def _periode_start(regeling):
    """PERIODE_START, or a later 1 January when the version certainly applies only to a period
    ending later: an example of version 2026 is then judged by version 2026."""
    start = PERIODE_START
    begin = regeling.geldigheid.start if regeling.geldigheid else None
    while begin and regeling.periode_jaren and regeling.periode_eind(start) < begin[1]:
        start = date(start.year + 1, 1, 1)
    return start


def _datum(dossier, i, n):
    """The i-th of n activity dates, spread over the period (or a year before REGISTRATIE_DATUM)."""
    if dossier.periode_start is None:
        return REGISTRATIE_DATUM - timedelta(days=(n - i) * 7)
    dagen = (dossier.periode_eind - dossier.periode_start).days
    return dossier.periode_start + timedelta(days=dagen * (i + 1) // (n + 1))


def bestand(regelboek, regeling, naam):
    """The example file `naam` (one of BESTANDEN) of a scheme, as text; None when the scheme
    reads no such file (no activities for a scheme without activity requirements)."""
    dossiers = [d for d, _, _ in voorbeelden(regelboek, regeling)]
    if naam == "praktijk.csv":
        return _praktijk_csv(regeling, dossiers)
    if naam == "activiteiten.csv":
        if not any(e.telt_activiteiten for e in regeling.eisen):
            return None
        return _activiteiten_csv(dossiers)
    if naam == "dossier.ttl":
        return _dossier_turtle(dossiers[0])
    return None


def _csv(rows):
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue()


def _cel(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        return str(_getal(value)).replace(".", ",")
    return str(value)


def _praktijk_csv(regeling, dossiers):
    herregistratie = regeling.soort == HERREGISTRATIE
    kolommen = BASISKOLOMMEN + (PERIODEKOLOMMEN if herregistratie else []) + regeling.kolommen()
    rows = [kolommen]
    for d in dossiers:
        row = [d.registratienummer, d.naam, regeling.code]
        if herregistratie:
            row += [d.periode_start.isoformat(), d.periode_eind.isoformat()]
        rows.append(row + [_cel(d.kenmerken.get(k.iri)) for k in regeling.kenmerken])
    return _csv(rows)


def _activiteiten_csv(dossiers):
    rows = [ACTIVITEITKOLOMMEN]
    for d in dossiers:
        rows += [[d.registratienummer, a.soortcode, a.datum.isoformat(), _cel(a.punten), a.accreditatie_tekst,
                  a.omschrijving] for a in d.activiteiten]
    return _csv(rows)


def _dossier_turtle(dossier):
    graph = Graph()
    graph.bind("bo", BO)
    graph.bind("d", VOORBEELD_NS)
    node = add_dossier(graph, dossier, VOORBEELD_NS)
    graph.add((node, RDFS.label, Literal(dossier.naam)))
    return (f"# Voorbeelddossier ({dossier.regeling.soort}, regeling {dossier.regeling.code}): "
            f"een verzonnen beroepsbeoefenaar.\n" + graph.serialize(format="turtle"))
