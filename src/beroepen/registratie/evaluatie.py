"""Checking a dossier against its scheme: the verdict per requirement, and why.

This is an interpreter of the rule data, not a second copy of the rules: every threshold,
period, counting rule and accreditation comes from the Regeling (read from Turtle). What it
does per bo:Meetwijze is what the SHACL-SPARQL constraints in shapes/registratie.ttl and
shapes/herregistratie.ttl say (what rule data may say at all is fixed by shapes/regels.ttl);
tests/registratie/test_registratie_differentieel.py checks on generated and adversarial registers
that pySHACL finds the same failed requirements and the same achieved numbers.
"""
from ..invoer.waarden import toon_getal
from .model import (AANTAL_ACTIVITEITEN, HERREGISTRATIE, OPGEGEVEN_MINIMUM, SOM_VAN_PUNTEN,
                    VERKLARING_AANWEZIG)


def beoordeel(dossier, regelboek):
    """The verdict on one dossier as plain data (the JSON contract). It names the rule version
    that judged it ("versie"); when no version is certainly in force, "onbekend" gives the
    reason and there is no verdict per requirement."""
    if dossier.versie and dossier.versie.get("reden"):
        return _onbekend(dossier)
    regeling = dossier.regeling
    venster = _venster(dossier) if regeling.soort == HERREGISTRATIE else None
    eisen = [_eis(eis, dossier, venster, regelboek) for eis in regeling.eisen]
    getelde_soorten = {str(t.soort) for eis in regeling.eisen for t in eis.telregels}
    uitslag = {
        "registratienummer": dossier.registratienummer,
        "naam": dossier.naam,
        "register": regeling.code,
        "regeling": str(regeling.iri),
        "voldoet": oordeel(eisen),
        "eisen": eisen,
        "niet_gebruikt": [_activiteit(a, f"soort '{regelboek.soortlabels.get(a.soort, a.soortcode)}' "
                                         "telt voor geen eis van deze regeling")
                          for a in dossier.activiteiten if a.soort not in getelde_soorten],
        "niet_toetsbaar": [e["eis"] for e in eisen if not e["toetsbaar"]],
        "waarschuwingen": list(dossier.waarschuwingen),
        "invoer": {"bestand": dossier.bestand, "regel": dossier.regel},
        "versie": dossier.versie,
        "onbekend": None,
    }
    if venster:
        uitslag["periode"] = {"start": dossier.periode_start.isoformat(),
                              "eind": dossier.periode_eind.isoformat()}
    if dossier.peildatum:
        uitslag["peildatum"] = dossier.peildatum.isoformat()
    return uitslag


def _onbekend(dossier):
    """No version of the scheme is certainly in force on the dossier's date: neither yes nor no."""
    uitslag = {"registratienummer": dossier.registratienummer, "naam": dossier.naam,
               "register": dossier.regeling.code, "regeling": None, "voldoet": None, "eisen": [],
               "niet_gebruikt": [], "niet_toetsbaar": [], "waarschuwingen": list(dossier.waarschuwingen),
               "invoer": {"bestand": dossier.bestand, "regel": dossier.regel},
               "versie": dossier.versie, "onbekend": dossier.versie["reden"]}
    if dossier.periode_start and dossier.periode_eind:
        uitslag["periode"] = {"start": dossier.periode_start.isoformat(), "eind": dossier.periode_eind.isoformat()}
    if dossier.peildatum:
        uitslag["peildatum"] = dossier.peildatum.isoformat()
    return uitslag


def oordeel(eisen):
    """The dossier's verdict: False when a requirement fails, None (handmatig beoordelen) when
    none fails but one could not be judged, True only when every requirement is met."""
    uitkomsten = {e["voldoet"] for e in eisen}
    if False in uitkomsten:
        return False
    return None if None in uitkomsten else True


def _venster(dossier):
    """(start, last counted day, end): with a peildatum before the end, it is the last day."""
    start, eind, peil = dossier.periode_start, dossier.periode_eind, dossier.peildatum
    tot = peil if peil is not None and peil < eind else eind
    return start, tot, eind


def _eis(eis, dossier, venster, regelboek):
    result = {
        "eis": eis.code,
        "omschrijving": eis.label,
        "meetwijze": eis.meetwijze_label,
        "meetwijze_iri": str(eis.meetwijze),
        "eenheid": eis.eenheid,
        "toetsbaar": eis.toetsbaar,
        "regel": eis.tekst,
        "bron": eis.bron,
        "bronsectie": eis.bronsectie,
    }
    result.update(METEN[eis.meetwijze](eis, dossier, venster, regelboek))
    return result


def _verklaring(eis, dossier, venster, regelboek):
    opgegeven = dossier.kenmerken.get(eis.kenmerk)
    result = {"vereist": True, "behaald": opgegeven is True, "voldoet": opgegeven is True}
    if opgegeven is None:
        result["toelichting"] = "niet opgegeven"
    return result


def _opgegeven(eis, dossier, venster, regelboek):
    opgegeven = dossier.kenmerken.get(eis.kenmerk)
    result = {"vereist": toon_getal(eis.drempel), "behaald": toon_getal(opgegeven),
              "voldoet": _haalt(opgegeven, eis.drempel)}
    if opgegeven is None:
        result["toelichting"] = "niet opgegeven"
    return result


def _haalt(behaald, drempel):
    if drempel is None:
        return None
    return behaald is not None and behaald >= drempel


def _tel(eis, dossier, venster, regelboek):
    telregels = _telregels(eis, regelboek)
    geteld, niet_geteld, som = [], [], 0
    for activiteit in dossier.activiteiten:
        regels = telregels.get(activiteit.soort)
        if regels is None:
            continue
        redenen = _redenen(activiteit, regels, venster)
        if redenen:
            niet_geteld.append(_activiteit(activiteit, "; ".join(redenen)))
        else:
            geteld.append(_activiteit(activiteit))
            som += activiteit.punten or 0
    behaald = som if eis.meetwijze == SOM_VAN_PUNTEN else len(geteld)
    result = {"vereist": toon_getal(eis.drempel), "behaald": toon_getal(behaald),
              "voldoet": _haalt(behaald, eis.drempel), "geteld": geteld, "niet_geteld": niet_geteld}
    if venster and dossier.peildatum and venster[1] < venster[2] and eis.drempel is not None:
        result.update(_tempo(behaald, eis.drempel, venster))
    return result


def _telregels(eis, regelboek):
    """{kind (str): (any accreditation will do, {organisations one of which must accredit},
    the reason when none did)} from the requirement's telregels."""
    per_soort = {}
    for telregel in eis.telregels:
        per_soort.setdefault(str(telregel.soort), []).append(
            None if telregel.accreditatie is None else str(telregel.accreditatie))
    uit = {}
    for soort, regels in per_soort.items():
        nodig = {r for r in regels if r is not None}
        namen = sorted({regelboek.organisaties.get(r, r) for r in nodig})
        uit[soort] = (None in regels, nodig, f"niet geaccrediteerd door {' of '.join(namen)}")
    return uit


def _redenen(activiteit, regels, venster):
    redenen = []
    vrij, nodig, melding = regels
    if not vrij and nodig.isdisjoint(activiteit.accreditaties):
        redenen.append(melding)
    if venster:
        start, tot, eind = venster
        if activiteit.datum < start:
            redenen.append(f"voor het begin van de periode ({start.isoformat()})")
        elif activiteit.datum > eind:
            redenen.append(f"na het einde van de periode ({eind.isoformat()})")
        elif activiteit.datum > tot:
            redenen.append(f"na de peildatum ({tot.isoformat()})")
    return redenen


def _tempo(behaald, drempel, venster):
    """What is still needed by the end of the period, and at what pace per remaining year
    (from the period start when the peildatum lies before it: no more years than the period)."""
    start, peildatum, eind = venster
    nog = max(drempel - behaald, 0)
    jaren = (eind - max(peildatum, start)).days / 365.25
    return {"nog_nodig": toon_getal(nog), "resterende_jaren": round(jaren, 2),
            "per_jaar_nodig": round(float(nog) / jaren, 2) if jaren > 0 else None}


def _activiteit(activiteit, reden=None):
    item = {"regel": activiteit.regel, "datum": activiteit.datum.isoformat(),
            "soort": activiteit.soortcode, "punten": toon_getal(activiteit.punten),
            "geaccrediteerd_door": activiteit.accreditatie_tekst,
            "omschrijving": activiteit.omschrijving}
    if reden:
        item["reden"] = reden
    return item


# What each bo:Meetwijze measures: dispatched by its IRI, never by a label.
METEN = {SOM_VAN_PUNTEN: _tel, AANTAL_ACTIVITEITEN: _tel, OPGEGEVEN_MINIMUM: _opgegeven,
         VERKLARING_AANWEZIG: _verklaring}
