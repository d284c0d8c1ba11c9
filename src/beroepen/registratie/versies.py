"""Rule versions: which version of a scheme judges a dossier, read from the rule data.

A version is a bo:Regeling with the scheme's code, its name (owl:versionInfo), its validity
(dct:valid, a DCMI Period such as "start=2020;") and the version it revises
(prov:wasRevisionOf). The scheme's transition rule (bo:overgangsregel, a named individual of
the ontology) says which date of the dossier picks the version: OVERGANG maps each rule to
that date, as evaluatie.METEN maps each bo:Meetwijze to what it measures.

A date is judged against a validity that may be known only to the year ("start=2020"): the
version is certainly in force, certainly not, or that is unknown. Only a version certainly in
force gives a verdict; otherwise the dossier's verdict is "onbekend", with the reason.
"""
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from ..errors import BeroepenError
from ..vocab import BO

# What date of a dossier each transition rule reads (the rule's definition in the ontology).
OVERGANG = {BO.versieOpPeriodeEinde: lambda dossier: dossier.periode_eind,
            BO.versieOpPeildatum: lambda dossier: dossier.peildatum or date.today()}

_DEEL = re.compile(r"\s*([A-Za-z]+)\s*=\s*([^;]*?)\s*(?:;|$)")
_DATUM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Geldigheid:
    """A DCMI Period as two spans: the first day lies in `start` (earliest, latest), the last
    day in `eind`; None: open on that side."""
    start: tuple = None
    eind: tuple = None
    van: str = ""               # the start and end as written ('2020', '2020-04-01')
    tot: str = ""


def geldigheid(tekst):
    """'start=2020; end=2024-06-30;' → Geldigheid; ValueError naming what is wrong."""
    delen = {}
    rest = tekst.strip()
    while rest:
        match = _DEEL.match(rest)
        if not match:
            raise ValueError(f"'{tekst}' is geen DCMI-periode (verwacht bijvoorbeeld 'start=2020-04;')")
        delen[match.group(1)] = match.group(2)
        rest = rest[match.end():].strip()
    if delen.get("scheme", "W3C-DTF") != "W3C-DTF":
        raise ValueError(f"'{tekst}': alleen scheme=W3C-DTF wordt gelezen")
    start, eind = (_span(delen[k], tekst) if k in delen else None for k in ("start", "end"))
    if start and eind and start[0] > eind[1]:
        raise ValueError(f"'{tekst}': het begin ligt na het einde")
    return Geldigheid(start, eind, delen.get("start", ""), delen.get("end", ""))


def leesbaar(regeling):
    """'vanaf 2020', 'van 2020-04 tot en met 2024', or that the source gives no validity."""
    periode = regeling.geldigheid
    if periode is None or not (periode.van or periode.tot):
        return "de bron geeft geen geldigheid"
    if periode.van and periode.tot:
        return f"van {periode.van} tot en met {periode.tot}"
    return f"vanaf {periode.van}" if periode.van else f"tot en met {periode.tot}"


def _span(waarde, tekst):
    """'2020' → (2020-01-01, 2020-12-31); '2020-04' → April; '2020-04-01' → that day."""
    match = _DATUM.match(waarde)
    if not match:
        raise ValueError(f"'{tekst}': '{waarde}' is geen datum JJJJ, JJJJ-MM of JJJJ-MM-DD")
    jaar, maand, dag = (int(g) if g else None for g in match.groups())
    try:
        if dag:
            return date(jaar, maand, dag), date(jaar, maand, dag)
        if maand:
            return date(jaar, maand, 1), date(jaar, maand, monthrange(jaar, maand)[1])
        return date(jaar, 1, 1), date(jaar, 12, 31)
    except ValueError:
        raise ValueError(f"'{tekst}': '{waarde}' is geen bestaande datum") from None


def in_kracht(regeling, datum):
    """True: the version is certainly in force on `datum`; False: certainly not; None: the
    source's precision does not say (a date within the start year of 'start=2020')."""
    periode = regeling.geldigheid
    if periode is None:
        return True
    start, eind = periode.start, periode.eind
    if (start and datum < start[0]) or (eind and datum > eind[1]):
        return False
    if (start and datum < start[1]) or (eind and datum > eind[0]):
        return None
    return True


def herziet(nieuw, oud, per_iri):
    """Does `nieuw` revise `oud`, directly or through versions in between?"""
    gezien = set()
    stap = per_iri.get(nieuw.vervangt)
    while stap is not None and stap.iri not in gezien:
        if stap.iri == oud.iri:
            return True
        gezien.add(stap.iri)
        stap = per_iri.get(stap.vervangt)
    return False


def gekozen(regelboek, code, soort, naam):
    """The version named `naam` (--regelversie) of the scheme, or exit 2 naming the known ones."""
    versies = regelboek.versies(code, soort)
    found = [r for r in versies if naam in (r.versie, str(r.iri))]
    if not found:
        bekend = ", ".join(f"'{r.versienaam}'" for r in versies)
        raise BeroepenError(f"onbekende regelversie '{naam}' voor {soort} {code}; bekend: {bekend}")
    return found[0]


def kies(versies, dossier, vast=None):
    """(the version that judges `dossier` or None, what the report says about the choice).

    `vast`: the version --regelversie forced; else the scheme's transition rule picks among
    `versies` (those of one scheme) by the dossier's date."""
    overgang = next((r.overgangsregel for r in versies if r.overgangsregel is not None), None)
    if vast is not None:        # said, not refused: staff may judge by another version on purpose
        datum = OVERGANG[overgang](dossier) if overgang is not None else None
        keuze = beschrijf(vast, "regelversie", datum=datum)
        keuze["in_kracht"] = in_kracht(vast, datum) if datum is not None else None
        return vast, keuze
    if overgang is None:
        if len(versies) == 1:
            return versies[0], beschrijf(versies[0], gekozen_door="enige versie")
        return None, _onbekend(versies, None, None, "de regeling noemt geen overgangsregel die een versie kiest")
    regel = next(r for r in versies if r.overgangsregel == overgang)
    datum = OVERGANG[overgang](dossier)
    if datum is None:
        return None, _onbekend(versies, regel, None, "het dossier heeft de datum niet waarop de overgangsregel "
                                                     "de versie kiest")
    oordelen = {r.iri: in_kracht(r, datum) for r in versies}
    kandidaten = [r for r in versies if oordelen[r.iri] is not False]
    if not kandidaten:
        return None, _onbekend(versies, regel, datum, f"geen versie geldt op {datum.isoformat()}")
    per_iri = {r.iri: r for r in versies}
    nieuwste = [r for r in kandidaten if all(r is a or herziet(r, a, per_iri) for a in kandidaten)]
    if not nieuwste:
        return None, _onbekend(versies, regel, datum, f"op {datum.isoformat()} gelden "
                               f"{' en '.join(r.versienaam for r in kandidaten)} en geen herziet de andere")
    versie = nieuwste[0]
    if oordelen[versie.iri] is None:
        return None, _onbekend(versies, regel, datum, f"of versie {versie.versienaam} ({leesbaar(versie)}) op "
                               f"{datum.isoformat()} gold, zegt de bron niet zo precies")
    return versie, beschrijf(versie, "overgangsregel", regel, datum)


def beschrijf(regeling, gekozen_door, regel=None, datum=None):
    """The version as the report names it (the JSON contract's "versie")."""
    periode = regeling.geldigheid
    return {"naam": regeling.versienaam, "regeling": str(regeling.iri), "geldig": regeling.geldig or None,
            "geldig_van": (periode.van or None) if periode else None,
            "geldig_tot": (periode.tot or None) if periode else None, "geldigheid": leesbaar(regeling),
            "vervangt": str(regeling.vervangt) if regeling.vervangt is not None else None,
            "gekozen_door": gekozen_door,
            "overgangsregel": (regel.overgangsregel_label or str(regel.overgangsregel)) if regel else None,
            "datum": datum.isoformat() if datum else None}


def _onbekend(versies, regel, datum, reden):
    bekend = "; ".join(f"{r.versienaam} ({leesbaar(r)})" for r in versies)
    return {"naam": None, "regeling": None, "geldig": None, "vervangt": None, "gekozen_door": "overgangsregel",
            "overgangsregel": (regel.overgangsregel_label or str(regel.overgangsregel)) if regel else None,
            "datum": datum.isoformat() if datum else None, "reden": f"{reden} (versies: {bekend})"}
