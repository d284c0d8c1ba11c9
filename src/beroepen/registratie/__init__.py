"""Registration and re-registration checks: rules as data, SHACL as the reference, explanations.

    from . import controleer, Bestand
    rapport = controleer("herregistratie", [Bestand.lees("praktijk.csv"), Bestand.lees("activiteiten.csv")])

`controleer` returns plain data: {"uitslagen": [one dict per practitioner, in input order,
the JSON contract], "samenvatting": {...}, ...}. `toets` does the same work but returns a
Controle that judges dossier by dossier, so a register of 50,000 is written while judged
(rapport.stroom). Bad input raises Invoerfouten (a BeroepenError) listing every bad row;
then there are no verdicts at all. The rules come from a store (regels.uit_store).

Modules, each importing only those below it:

    __init__   controleer, toets, Controle, the cross-check of the two engines
    csvinvoer, graafinvoer   dossiers from CSV files / a Turtle or JSON-LD file
    evaluatie  the verdict per requirement (the rule data interpreted per bo:Meetwijze)
    rapport    text, JSON, CSV (HTML: web/registratie.html_chunks)
    regels     the rulebook from a store (+ --regels files, checked by shacl.check_rules)
    shacl      pySHACL, the reference engine
    dossier    Dossier, Activiteit, and their RDF graph
    model      Regelboek, Regeling, Eis, Telregel, Kenmerk (imports nothing of registratie/)

Dossiers are personal data: they are read into memory, checked and forgotten. Nothing here
writes them anywhere or adds them to the public graph.
"""
import functools

from .. import defaults
from ..errors import BeroepenError, InterneFout
from ..invoer import limieten as uploads, waarden
from ..invoer.tabel import Bestand, Invoerfouten
from . import regels, shacl, versies
from .csvinvoer import lees_csv
from .evaluatie import beoordeel
from .graafinvoer import lees_graaf
from .model import HERREGISTRATIE, REGISTRATIE

ENGINES = ("auto", "regels", "shacl")
AUTO_SHACL_TOT = 5      # "auto" cross-checks every dossier of a register this small with pySHACL
AUTO_STEEKPROEF = 2     # and this many of a larger one (a fixed ~0.7 s CPU, whatever its size),
STEEKPROEF_ZOEKEN = 1000    # the first of distinct outcomes among this many, so choosing stays cheap
GRAAF_EXTENSIES = (".ttl", ".jsonld", ".json")

__all__ = ["controleer", "toets", "Controle", "afgewezen", "steekproef", "Bestand", "Invoerfouten",
           "EnginesVerschillen", "HERREGISTRATIE", "REGISTRATIE", "ENGINES", "exitcode", "peildatum",
           "samenvatting"]


def peildatum(text, veld="--peildatum"):
    """A peildatum as a date (YYYY-MM-DD or DD-MM-YYYY); None stays None. `veld` names it in
    a message: the CLI option, or the web form's field."""
    if not text:
        return None
    try:
        return waarden.datum(text.strip())
    except ValueError as err:
        raise BeroepenError(f"{veld}: {err}") from None


def controleer(soort, bestanden, register=defaults.REGISTER, peildatum=None, engine=defaults.ENGINE,
               regelboek=None, voortgang=None, limits=uploads.CLI, store=None, regelversie=None):
    """The whole report of toets(...) as one dict: {"uitslagen": [one dict per practitioner, in
    input order], "samenvatting": {...}, ...}. For the web page and tests; a register of 50,000
    is written with toets(...).stroom() instead, which never holds every verdict at once."""
    return toets(soort, bestanden, register, peildatum, engine, regelboek, voortgang, limits, store,
                 regelversie).rapport()


def toets(soort, bestanden, register=defaults.REGISTER, peildatum=None, engine=defaults.ENGINE,
          regelboek=None, voortgang=None, limits=uploads.CLI, store=None, regelversie=None):
    """Read and check the dossiers in `bestanden` (Bestand objects) against the scheme `register`
    and cross-check the engines; returns a Controle that judges the dossiers one by one.

    bestanden: [practitioners.csv, activiteiten.csv] (activities optional for registratie),
    or [one Turtle/JSON-LD dossier file]. The rules come from `regelboek`, else from `store`
    (the embedded graph when None). Every bad row raises Invoerfouten here, before any verdict.
    engine "regels" evaluates the rule data directly; "shacl" also runs pySHACL per dossier
    and raises EnginesVerschillen if the two ever disagree on a failed requirement or an
    achieved number (a graph upload is always checked by pySHACL); "auto" does that for a
    small register and for a sample of a large one. voortgang(items, totaal, stap), if given,
    wraps the activity rows being read and the dossiers being judged (a progress bar).
    Each dossier is judged by the version of the scheme its transition rule picks (versies.kies),
    or by the version named `regelversie` (--regelversie); when no version is certainly in
    force, its verdict is "onbekend" with the reason.
    """
    if engine not in ENGINES:
        raise BeroepenError(f"onbekende engine '{engine}' (verwacht {' of '.join(ENGINES)})")
    regelboek = regelboek or (regels.uit_store(store) if store is not None else regels.shipped())
    regeling = regelboek.regeling(register, soort)
    alle_versies = regelboek.versies(register, soort)
    vast = versies.gekozen(regelboek, register, soort, regelversie) if regelversie else None
    regeling = vast or regeling
    kies = functools.partial(_kies_versie, alle_versies, vast)
    shacl_oordeel = None
    waarschuwingen = []
    if len(bestanden) == 1 and bestanden[0].naam.lower().endswith(GRAAF_EXTENSIES):
        dossiers, shacl_oordeel = lees_graaf(bestanden[0], regelboek, soort, peildatum, limits, register, kies)
    elif 1 <= len(bestanden) <= 2 and (len(bestanden) == 2 or soort == REGISTRATIE):
        dossiers = lees_csv(regelboek, regeling, bestanden[0],
                            bestanden[1] if len(bestanden) == 2 else None, peildatum, voortgang, limits,
                            waarschuwingen)
        for dossier in dossiers:
            kies(dossier)
    else:
        verwacht = ("praktijk.csv activiteiten.csv" if soort == HERREGISTRATIE
                    else "praktijk.csv [activiteiten.csv]")
        raise BeroepenError(f"verwacht {verwacht}, of één Turtle/JSON-LD-dossier "
                            f"({len(bestanden)} {'bestand' if len(bestanden) == 1 else 'bestanden'} gegeven)")
    beoordeeld = [d for d in dossiers if not onbekend(d)]   # a dossier no version judges has no verdict to check
    if shacl_oordeel is None and engine != "regels":
        gekozen = (beoordeeld if engine == "shacl" or len(beoordeeld) <= AUTO_SHACL_TOT
                   else steekproef(beoordeeld, (beoordeel(d, regelboek) for d in beoordeeld[:STEEKPROEF_ZOEKEN]),
                                   AUTO_STEEKPROEF))
        shacl_oordeel = shacl.per_dossier(gekozen, regelboek)
    gecontroleerd = len(shacl_oordeel) if shacl_oordeel is not None else 0
    if shacl_oordeel is not None:
        vergelijk((beoordeel(d, regelboek) for d in dossiers if d.registratienummer in shacl_oordeel),
                  shacl_oordeel)
    kop = {"soort": soort, "register": register, "regeling": str(regeling.iri),
           "regeling_label": regeling.label or regeling.code,
           "peildatum": peildatum.isoformat() if peildatum else None,
           "engine": "regels" if not gecontroleerd else "shacl" if gecontroleerd == len(dossiers) else "steekproef",
           "shacl_gecontroleerd": gecontroleerd, "waarschuwingen": waarschuwingen,
           "regelversie": vast.versienaam if vast else None,
           "versies": [versies.beschrijf(r, None) for r in alle_versies]}
    return Controle(kop, dossiers, regelboek, voortgang)


def _kies_versie(alle_versies, vast, dossier):
    dossier.regeling, dossier.versie = versies.kies(alle_versies, dossier, vast)
    if dossier.regeling is None:        # no version judges it: read as the newest, judged by none
        dossier.regeling = alle_versies[-1]
    return dossier


def onbekend(dossier):
    """No version of the scheme is certainly in force for this dossier: no verdict."""
    return bool(dossier.versie and dossier.versie.get("reden"))


class Controle:
    """A checked register whose dossiers are judged one at a time: uitslagen() yields each
    verdict and counts it in `samenvatting`, which is complete when they have all been given.
    So a report is written while it is judged, and only one verdict is held at a time."""

    def __init__(self, kop, dossiers, regelboek, voortgang=None):
        self.kop, self.dossiers, self.regelboek, self.voortgang = kop, dossiers, regelboek, voortgang
        self.samenvatting = samenvatting([])

    def uitslagen(self, tellen=True):
        telling = self.samenvatting
        if tellen:
            telling.clear()
            telling.update(samenvatting([]))      # in place: stroom() hands this very dict out
        dossiers = self.dossiers
        if self.voortgang:
            dossiers = self.voortgang(dossiers, len(dossiers), "toetsen")
        for dossier in dossiers:
            uitslag = beoordeel(dossier, self.regelboek)
            if tellen:
                tel(telling, uitslag)
            yield uitslag

    def tel(self):
        """The samenvatting, from a pass that judges every dossier and keeps only the counts."""
        for _ in self.uitslagen():
            pass
        return self.samenvatting

    def stroom(self):
        """The report as rapport.chunks takes it, its verdicts given as they are judged and its
        samenvatting counted meanwhile (complete once the verdicts have all been read)."""
        return dict(self.kop, uitslagen=self.uitslagen(), samenvatting=self.samenvatting)

    def rapport(self):
        """The whole report in memory (a web upload; tests)."""
        uitslagen = list(self.uitslagen())
        return dict(self.kop, uitslagen=uitslagen, samenvatting=self.samenvatting)


def steekproef(dossiers, uitslagen, n):
    """n dossiers for the pySHACL cross-check of a large register: the first of each distinct
    outcome (which requirements fail or cannot be judged) in input order, then evenly spread
    ones. `uitslagen` are the verdicts of the first dossiers, in order (read lazily: only
    until n distinct outcomes are seen). Deterministic, so a run can be repeated; bounded,
    so the default stays fast."""
    if len(dossiers) <= n:
        return list(dossiers)
    gekozen = {}
    for i, uitslag in enumerate(uitslagen):
        patroon = tuple((e["eis"], e["voldoet"]) for e in uitslag["eisen"])
        gekozen.setdefault(patroon, i)
        if len(gekozen) == n:
            break
    indices = sorted(gekozen.values())[:n]
    stap = len(dossiers) / n
    for k in range(n):
        if len(indices) >= n:
            break
        i = int(k * stap)
        if i not in indices:
            indices.append(i)
    return [dossiers[i] for i in sorted(indices)]


def afgewezen(uitslag):
    """The codes of the requirements a verdict says the dossier fails."""
    return {e["eis"] for e in uitslag["eisen"] if e["voldoet"] is False}


class EnginesVerschillen(InterneFout):
    """The rule evaluation and pySHACL disagree on a dossier: a bug in the rules or the
    engines, never the user's input. Its kind (intern) makes the CLI exit 3 and the web 500."""

    def __init__(self, verschillen):
        self.verschillen = verschillen
        super().__init__(
            "de regelevaluatie en pySHACL (de referentie) verschillen, dus dit rapport is niet "
            "betrouwbaar en wordt niet gegeven; meld het aan de beheerders van beroepen:\n  "
            + "\n  ".join(verschillen))


def verschillen(uitslag, oordeel):
    """What pySHACL's Oordeel says otherwise: failed requirements, and measured numbers."""
    shacl_afgewezen = set(oordeel.afgewezen)
    nummer = uitslag["registratienummer"]
    out = []
    if afgewezen(uitslag) != shacl_afgewezen:
        out.append(f"{nummer}: niet gehaald volgens de regels {sorted(afgewezen(uitslag))}, "
                   f"volgens SHACL {sorted(shacl_afgewezen)}")
    behaald = getattr(oordeel, "behaald", None)
    for eis in uitslag["eisen"] if behaald is not None else ():
        if behaald.get(eis["eis"]) != eis["behaald"]:
            out.append(f"{nummer}, eis {eis['eis']}: behaald volgens de regels {eis['behaald']!r}, "
                       f"volgens SHACL {behaald.get(eis['eis'])!r}")
    return out


def vergelijk(uitslagen, shacl_oordeel):
    """The rule evaluation and pySHACL must agree on every dossier pySHACL judged: which
    requirements fail and, where SHACL measured them, the achieved numbers. `uitslagen` may
    be a generator: only the verdicts of judged dossiers are looked at, one at a time."""
    gevonden = [v for u in uitslagen if u["registratienummer"] in shacl_oordeel
                for v in verschillen(u, shacl_oordeel[u["registratienummer"]])]
    if gevonden:
        raise EnginesVerschillen(gevonden)


_OORDEEL = {True: "voldoet", False: "voldoet_niet", None: "handmatig_beoordelen"}
_EIS_OORDEEL = {True: "voldoet", False: "voldoet_niet", None: "niet_toetsbaar"}


def samenvatting(uitslagen):
    """How many meet the scheme, how many not, how many must be judged by hand; per requirement."""
    telling = {"totaal": 0, "voldoet": 0, "voldoet_niet": 0, "handmatig_beoordelen": 0, "onbekend": 0,
               "per_eis": {}}
    for uitslag in uitslagen:
        tel(telling, uitslag)
    return telling


def tel(telling, uitslag):
    """Count one verdict into a samenvatting."""
    telling["totaal"] += 1
    telling["onbekend" if uitslag.get("onbekend") else _OORDEEL[uitslag["voldoet"]]] += 1
    for eis in uitslag["eisen"]:
        teller = telling["per_eis"].setdefault(eis["eis"], {"voldoet": 0, "voldoet_niet": 0, "niet_toetsbaar": 0})
        teller[_EIS_OORDEEL[eis["voldoet"]]] += 1


def exitcode(samenvatting):
    """0 when every dossier meets the scheme; 1 when one does not or must be judged by hand."""
    return 0 if samenvatting["voldoet"] == samenvatting["totaal"] else 1
