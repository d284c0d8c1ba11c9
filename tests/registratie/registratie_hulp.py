"""Helpers and the shared `register` fixture of the registratie tests."""
import sys
from pathlib import Path

import pytest

from beroepen.registratie import Bestand

FILES = Path(__file__).parent / "files"
BENCH = Path(__file__).resolve().parents[2] / "bench"


def bestanden(*names):
    return [Bestand.lees(FILES / n) for n in names]


def uitslag(rapport, nummer):
    return next(u for u in rapport["uitslagen"] if u["registratienummer"] == nummer)


def eis(uitslag, code):
    return next(e for e in uitslag["eisen"] if e["eis"] == code)


def per_eis(uitslag):
    """What the evaluator says of one dossier: (failed codes, {code: achieved value})."""
    from beroepen.registratie import afgewezen
    return afgewezen(uitslag), {e["eis"]: e["behaald"] for e in uitslag["eisen"]}


def per_eis_shacl(oordeel):
    """The same from pySHACL's Oordeel (verdict constraints and sh:Info measurements)."""
    return set(oordeel.afgewezen), oordeel.behaald


def generator():
    """bench/registratie_genereer.genereer: synthetic registers of any size."""
    sys.path.insert(0, str(BENCH))
    try:
        from registratie_genereer import genereer
    finally:
        sys.path.remove(str(BENCH))
    return genereer


@pytest.fixture(scope="session")
def register():
    """The fixture register (one synthetic practitioner per edge case), checked once.
    (A fixture here rather than in a conftest.py: tests/ modules import `conftest` by name.)"""
    from beroepen.registratie import controleer
    return controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))
