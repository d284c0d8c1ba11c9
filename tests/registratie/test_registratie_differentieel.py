"""Differential tests: the rule evaluator and pySHACL (per dossier, and one naive run over the
merged graph) agree per dossier on the failed requirements AND on the achieved number of every
requirement, on a generated register and on an adversarial one: no activities at all, evidence
on and one day beyond every boundary (period start and end, peildatum), decimals that only add
up exactly, duplicate rows, several accrediting bodies, and a registry's own --regels scheme."""
import csv
import io
import random
from datetime import date, timedelta

import pytest

from beroepen.registratie import Bestand, controleer, regels, shacl
from beroepen.registratie.csvinvoer import lees_csv

from registratie_hulp import generator, per_eis, per_eis_shacl

N = 25   # the naive run grows superlinearly; 25 dossiers (~1,250 activities) take a few seconds

PRAKTIJK = ["registratienummer", "naam", "register", "periode_start", "periode_eind", "dagdelen_per_week",
            "verklaring_tuchtrecht"]
ACTIVITEITEN = ["registratienummer", "soort", "datum", "punten", "geaccrediteerd_door", "omschrijving"]
PUNTEN = ["0", "0,1", "0.25", "1", "1,5", "2,75", "4,5", "17,99", "18", "0,000001"]
DOOR = ["", "NVRG", "NBTP", "NVRG;NBTP", "nbtp / nvrg", "Nederlandse Vereniging voor Relatie- en Gezinstherapie"]
SOORTEN = ["nascholing", "deskundigheidsbevordering", "intervisie"]

# A registry's own scheme using every meetwijze and what the shapes allow: two accrediting
# bodies on one telregel, a fractional count threshold, a threshold of 0, a requirement
# without a threshold (handmatig), a three-year period.
EIGEN = """
@prefix bo:   <https://w3id.org/beroepen/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix id:   <https://w3id.org/beroepen/id/> .
@prefix e:    <https://w3id.org/beroepen/id/regeling/adversarieel/eis/> .

id:regeling\\/adversarieel a bo:Herregistratieregeling ; skos:notation "adversarieel" ; bo:periodeJaren 3 ;
    bo:eis e:punten , e:bijeenkomsten , e:nul , e:open , e:werksetting , e:tuchtrecht .
e:punten a bo:Eis ; skos:notation "punten" ; bo:volgorde 1 ; bo:meetwijze bo:somVanPunten ; bo:drempel 4.5 ;
    bo:telt [ bo:teltSoort id:activiteitsoort\\/nascholing ;
              bo:vereistAccreditatieDoor id:organisatie\\/nvrg , id:organisatie\\/nbtp ] ,
            [ bo:teltSoort id:activiteitsoort\\/deskundigheidsbevordering ] .
e:bijeenkomsten a bo:Eis ; skos:notation "bijeenkomsten" ; bo:volgorde 2 ; bo:meetwijze bo:aantalActiviteiten ;
    bo:drempel 2.5 ; bo:telt [ bo:teltSoort id:activiteitsoort\\/intervisie ] .
e:nul a bo:Eis ; skos:notation "nul" ; bo:volgorde 3 ; bo:meetwijze bo:somVanPunten ; bo:drempel 0.0 ;
    bo:telt [ bo:teltSoort id:activiteitsoort\\/nascholing ] .
e:open a bo:Eis ; skos:notation "open" ; bo:volgorde 4 ; bo:meetwijze bo:aantalActiviteiten ;
    bo:telt [ bo:teltSoort id:activiteitsoort\\/deskundigheidsbevordering ; bo:vereistAccreditatieDoor id:organisatie\\/nbtp ] .
e:werksetting a bo:Eis ; skos:notation "werksetting" ; bo:volgorde 5 ; bo:meetwijze bo:opgegevenMinimum ;
    bo:dossierkenmerk bo:dagdelenPerWeek ; bo:drempel 1.5 .
e:tuchtrecht a bo:Eis ; skos:notation "tuchtrecht" ; bo:volgorde 6 ; bo:meetwijze bo:verklaringAanwezig ;
    bo:dossierkenmerk bo:verklaringTuchtrecht .
"""


def _rij(nummer, soort, datum, punten, door, tekst):
    return [nummer, soort, datum.isoformat(), punten, door, tekst]


def _csv(rijen):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rijen)     # "0,1" and "NVRG;NBTP" get quotes
    return out.getvalue()


ADV = 20  # practitioners in the adversarial register (pySHACL per dossier: ~0.3 s each)


def adversarieel_register(code, jaren, peildatum, seed=8):
    """(praktijk.csv, activiteiten.csv) for ADV practitioners built to sit on every edge."""
    rng = random.Random(seed)
    praktijk, activiteiten = [PRAKTIJK], [ACTIVITEITEN]
    dag = timedelta(days=1)
    for i in range(ADV):
        nummer = f"ADV-{i:03d}"
        start = date(2019 + i % 4, 1 + (i * 5) % 12, 1)
        eind = date(start.year + jaren, start.month, 1) - dag
        dagdelen = ["2", "1,99", "2,0", "", "1,5", "0", "1.499999"][i % 7] if i != 4 else "2"
        tucht = ["ja", "nee", "0", "1", "true"][i % 5] if i != 4 else "ja"
        praktijk.append([nummer, f"Persoon {i}", code, start.isoformat(), eind.isoformat(), dagdelen, tucht])
        if i == 0:
            continue                                         # no activities at all
        randen = [start - dag, start, start + dag, eind - dag, eind, eind + dag,
                  peildatum - dag, peildatum, peildatum + dag]
        if i == 1:                                           # 180 × 0,1 = exactly 18 points
            activiteiten += [_rij(nummer, "deskundigheidsbevordering", start + dag * k, "0,1", "", "tiende")
                             for k in range(180)]
            continue
        if i == 4:                                           # meets every judged requirement
            activiteiten += [_rij(nummer, "intervisie", start + dag * k, "", "", "bijeenkomst") for k in range(26)]
            activiteiten.append(_rij(nummer, "nascholing", start + dag, "18", "NVRG;NBTP", "alles in één"))
            continue
        if i == 2:                                           # duplicate rows count as often as they occur
            activiteiten += [_rij(nummer, "intervisie", start, "", "", "dubbel")] * 3
            activiteiten += [_rij(nummer, "nascholing", eind, "4,5", "NVRG", "dubbel")] * 2
            continue
        for _ in range(rng.randint(1, 14)):
            soort = rng.choice(SOORTEN)
            datum = rng.choice(randen + [start + dag * rng.randrange((eind - start).days + 1)])
            punten = rng.choice(PUNTEN + ([""] if soort == "intervisie" else []))
            activiteiten.append(_rij(nummer, soort, datum, punten, rng.choice(DOOR), f"activiteit {soort}"))
    return _csv(praktijk), _csv(activiteiten)


def _vergelijk(bestanden, boek, register, peildatum=None, naive=False):
    """Per dossier (failed codes, achieved values): evaluator, pySHACL per dossier (what the CLI
    runs) and, when asked, the naive run over all dossiers merged."""
    rapport = controleer("herregistratie", bestanden, register=register, peildatum=peildatum,
                         engine="regels", regelboek=boek)
    evaluator = {u["registratienummer"]: per_eis(u) for u in rapport["uitslagen"]}
    dossiers = lees_csv(boek, boek.regeling(register, "herregistratie"), *bestanden, peildatum=peildatum)
    per_dossier = {n: per_eis_shacl(o) for n, o in shacl.per_dossier(dossiers, boek).items()}
    naive = {n: per_eis_shacl(o) for n, o in shacl.in_one_run(dossiers, boek).items()} if naive else per_dossier
    for nummer in evaluator:     # one dossier at a time, so a failure names it
        assert (nummer, per_dossier[nummer]) == (nummer, evaluator[nummer])
        assert (nummer, naive[nummer]) == (nummer, evaluator[nummer])
    assert per_dossier.keys() == naive.keys() == evaluator.keys()
    return rapport, evaluator


def _bestanden(praktijk, activiteiten):
    return [Bestand("praktijk.csv", praktijk.encode()), Bestand("activiteiten.csv", activiteiten.encode())]


def test_evaluator_and_pyshacl_agree_on_a_generated_register():
    bestanden = _bestanden(*generator()(N, seed=4))
    rapport, evaluator = _vergelijk(bestanden, regels.shipped(), "nvrg-stw", naive=True)
    # the register exercises every requirement, passing and failing
    failing = set().union(*(afgewezen for afgewezen, _ in evaluator.values()))
    assert failing == {"punten", "intervisie", "werksetting", "tuchtrecht"}
    assert 0 < rapport["samenvatting"]["voldoet_niet"] < N


@pytest.mark.parametrize("peildatum", [None, date(2022, 6, 30)], ids=["zonder-peildatum", "peildatum"])
def test_evaluator_and_pyshacl_agree_on_an_adversarial_register(peildatum):
    bestanden = _bestanden(*adversarieel_register("nvrg-stw", 5, peildatum or date(2022, 6, 30)))
    rapport, evaluator = _vergelijk(bestanden, regels.shipped(), "nvrg-stw", peildatum)
    assert evaluator["ADV-000"] == ({"punten", "intervisie"}, {"punten": 0, "intervisie": 0, "werksetting": 2,
                                                               "tuchtrecht": True})
    assert evaluator["ADV-001"][1]["punten"] == 18                       # 180 × 0,1, exactly
    assert evaluator["ADV-002"][1]["intervisie"] == 3
    assert evaluator["ADV-004"] == (set(), {"punten": 18, "intervisie": 26, "werksetting": 2, "tuchtrecht": True})
    s = rapport["samenvatting"]
    assert s["voldoet_niet"] > 0 and s["per_eis"]["punten"]["voldoet"] > 0   # both outcomes occur


def test_evaluator_and_pyshacl_agree_on_an_own_scheme(tmp_path):
    eigen = tmp_path / "eigen.ttl"
    eigen.write_text(EIGEN, encoding="utf-8")
    boek = regels.load([eigen])
    peildatum = date(2021, 3, 1)
    bestanden = _bestanden(*adversarieel_register("adversarieel", 3, peildatum))
    rapport, evaluator = _vergelijk(bestanden, boek, "adversarieel", peildatum)
    assert evaluator["ADV-000"] == ({"punten", "bijeenkomsten"}, {
        "punten": 0, "bijeenkomsten": 0, "nul": 0, "open": 0, "werksetting": 2, "tuchtrecht": True})
    s = rapport["samenvatting"]
    assert s["per_eis"]["open"]["niet_toetsbaar"] == ADV and s["voldoet"] == 0   # 'open' is never judged
    assert evaluator["ADV-004"][0] == set() and evaluator["ADV-004"][1]["open"] == 0
    assert rapport["uitslagen"][4]["voldoet"] is None                # judged ones met, 'open' left to staff
    assert s["handmatig_beoordelen"] > 0 and s["voldoet_niet"] > 0
    assert s["per_eis"]["nul"] == {"voldoet": ADV, "voldoet_niet": 0, "niet_toetsbaar": 0}
