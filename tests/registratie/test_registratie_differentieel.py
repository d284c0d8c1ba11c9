"""Differential test: the rule evaluator, pySHACL per dossier and one naive pySHACL run over the
merged graph give identical verdicts on a generated register (and the fixture register)."""
from beroepen.registratie import Bestand, afgewezen, controleer, regels, shacl
from beroepen.registratie.invoer import lees_csv

from registratie_hulp import generator

N = 25   # the naive run grows superlinearly; 25 dossiers (~1,250 activities) take a few seconds


def test_evaluator_and_pyshacl_agree_on_a_generated_register():
    praktijk, activiteiten = generator()(N, seed=4)
    bestanden = [Bestand("praktijk.csv", praktijk.encode()), Bestand("activiteiten.csv", activiteiten.encode())]
    boek = regels.shipped()
    dossiers = lees_csv(boek, boek.regeling("nvrg-stw", "herregistratie"), *bestanden)
    evaluator = {u["registratienummer"]: afgewezen(u)
                 for u in controleer("herregistratie", bestanden, engine="regels")["uitslagen"]}
    naive = shacl.in_one_run(dossiers, boek)
    per_dossier = shacl.per_dossier(dossiers, boek)
    assert evaluator == naive == per_dossier
    # the register exercises every requirement, passing and failing
    failing = set().union(*evaluator.values())
    assert failing == {"punten", "intervisie", "werksetting", "tuchtrecht"}
    assert 0 < sum(1 for v in evaluator.values() if v) < N


def test_evaluator_and_pyshacl_agree_with_a_peildatum():
    from datetime import date
    from registratie_hulp import bestanden
    boek = regels.shipped()
    peildatum = date(2023, 6, 30)
    dossiers = lees_csv(boek, boek.regeling("nvrg-stw", "herregistratie"),
                        *bestanden("praktijk.csv", "activiteiten.csv"), peildatum=peildatum)
    evaluator = {u["registratienummer"]: afgewezen(u) for u in controleer(
        "herregistratie", bestanden("praktijk.csv", "activiteiten.csv"), peildatum=peildatum,
        engine="regels")["uitslagen"]}
    assert evaluator == shacl.in_one_run(dossiers, boek)
    assert "intervisie" in evaluator["STW-0001"]   # meetings after the peildatum do not count yet
