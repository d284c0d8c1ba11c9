"""Registration and re-registration checks: rules as data, SHACL as the reference, explanations.

    from beroepen.registratie import controleer, Bestand
    rapport = controleer("herregistratie", [Bestand.lees("praktijk.csv"), Bestand.lees("activiteiten.csv")])

`controleer` returns plain data: {"uitslagen": [one dict per practitioner, in input order,
the JSON contract], "samenvatting": {...}, ...}. Bad input raises Invoerfouten (a
BeroepenError) listing every bad row; then there are no verdicts at all.

Dossiers are personal data: they are read into memory, checked and forgotten. Nothing here
writes them anywhere or adds them to the public graph.
"""
from .. import uploads
from ..errors import BeroepenError
from . import regels, shacl
from .evaluatie import beoordeel
from .graafinvoer import lees_graaf
from .invoer import Bestand, Invoerfouten, lees_csv
from .regels import HERREGISTRATIE, REGISTRATIE
from . import waarden

ENGINES = ("auto", "regels", "shacl")
AUTO_SHACL_TOT = 5      # "auto" also asks pySHACL for up to this many dossiers (~0.2 s each)
GRAAF_EXTENSIES = (".ttl", ".jsonld", ".json")

__all__ = ["controleer", "afgewezen", "Bestand", "Invoerfouten", "HERREGISTRATIE", "REGISTRATIE", "ENGINES",
           "peildatum", "samenvatting"]


def peildatum(text):
    """A --peildatum value as a date (YYYY-MM-DD or DD-MM-YYYY); None stays None."""
    if not text:
        return None
    try:
        return waarden.datum(text.strip())
    except ValueError as err:
        raise BeroepenError(f"--peildatum: {err}") from None


def controleer(soort, bestanden, register="nvrg-stw", peildatum=None, engine="auto",
               regelboek=None, voortgang=None, limits=uploads.CLI):     # limits: the upload budget
    """Check the dossiers in `bestanden` (Bestand objects) against the scheme `register`.

    bestanden: [practitioners.csv, activiteiten.csv] (activities optional for registratie),
    or [one Turtle/JSON-LD dossier file]. engine "regels" evaluates the rule data directly;
    "shacl" also runs pySHACL per dossier and fails loudly if the two ever disagree (a
    graph upload is always checked by pySHACL); "auto" does the latter for a handful of
    dossiers and the former for a register. voortgang(items, totaal, stap), if given, wraps
    the activity rows being read and the dossiers being checked (a progress bar).
    """
    if engine not in ENGINES:
        raise BeroepenError(f"onbekende engine '{engine}' (verwacht {' of '.join(ENGINES)})")
    regelboek = regelboek or regels.shipped()
    regeling = regelboek.regeling(register, soort)
    shacl_oordeel = None
    if len(bestanden) == 1 and bestanden[0].naam.lower().endswith(GRAAF_EXTENSIES):
        dossiers, shacl_oordeel = lees_graaf(bestanden[0], regelboek, soort, peildatum, limits)
    elif 1 <= len(bestanden) <= 2 and (len(bestanden) == 2 or soort == REGISTRATIE):
        dossiers = lees_csv(regelboek, regeling, bestanden[0],
                            bestanden[1] if len(bestanden) == 2 else None, peildatum, voortgang, limits)
    else:
        verwacht = ("praktijk.csv activiteiten.csv" if soort == HERREGISTRATIE
                    else "praktijk.csv [activiteiten.csv]")
        raise BeroepenError(f"verwacht {verwacht}, of één Turtle/JSON-LD-dossier "
                            f"({len(bestanden)} bestand(en) gegeven)")
    te_toetsen = voortgang(dossiers, len(dossiers), "toetsen") if voortgang else dossiers
    uitslagen = [beoordeel(d, regelboek) for d in te_toetsen]
    if engine == "auto":
        engine = "shacl" if len(dossiers) <= AUTO_SHACL_TOT else "regels"
    if engine == "shacl" and shacl_oordeel is None:
        shacl_oordeel = shacl.per_dossier(dossiers, regelboek)
    if shacl_oordeel is not None:
        vergelijk(uitslagen, shacl_oordeel)
    return {"soort": soort, "register": register, "regeling": str(regeling.iri),
            "peildatum": peildatum.isoformat() if peildatum else None,
            "engine": "shacl" if shacl_oordeel is not None else "regels",
            "uitslagen": uitslagen, "samenvatting": samenvatting(uitslagen)}


def afgewezen(uitslag):
    """The codes of the requirements a verdict says the dossier fails."""
    return {e["eis"] for e in uitslag["eisen"] if e["voldoet"] is False}


def vergelijk(uitslagen, shacl_oordeel):
    """The rule evaluation and pySHACL must agree on every dossier; a difference is a bug."""
    for uitslag in uitslagen:
        verwacht = shacl_oordeel.get(uitslag["registratienummer"], set())
        if afgewezen(uitslag) != verwacht:
            raise RuntimeError(f"SHACL en regelevaluatie verschillen voor {uitslag['registratienummer']}: "
                               f"SHACL {sorted(verwacht)}, regels {sorted(afgewezen(uitslag))}")


def samenvatting(uitslagen):
    """How many meet the scheme, how many not, and per requirement."""
    per_eis = {}
    for uitslag in uitslagen:
        for eis in uitslag["eisen"]:
            teller = per_eis.setdefault(eis["eis"], {"voldoet": 0, "voldoet_niet": 0, "niet_toetsbaar": 0})
            key = {True: "voldoet", False: "voldoet_niet", None: "niet_toetsbaar"}[eis["voldoet"]]
            teller[key] += 1
    voldoet = sum(1 for u in uitslagen if u["voldoet"])
    return {"totaal": len(uitslagen), "voldoet": voldoet, "voldoet_niet": len(uitslagen) - voldoet,
            "per_eis": per_eis}
