"""The four NVRG herregistratie requirements on the fixture register (files/praktijk.csv and
files/activiteiten.csv, one synthetic practitioner per edge case)."""
import csv
from datetime import date

import pytest

from beroepen.registratie import Bestand, afgewezen, controleer, shacl, regels
from beroepen.registratie.csvinvoer import lees_csv

from registratie_hulp import FILES, bestanden, eis, per_eis, per_eis_shacl, register, uitslag  # noqa: F401 (fixture)


def test_exactly_18_points_25_meetings_and_2_dagdelen_meet_the_rules(register):
    u = uitslag(register, "STW-0001")
    assert u["voldoet"] is True
    assert (eis(u, "punten")["behaald"], eis(u, "punten")["vereist"]) == (18, 18)
    assert (eis(u, "intervisie")["behaald"], eis(u, "intervisie")["vereist"]) == (25, 25)
    assert (eis(u, "werksetting")["behaald"], eis(u, "werksetting")["vereist"]) == (2, 2)
    assert eis(u, "tuchtrecht")["behaald"] is True


def test_17_5_points_fails_only_the_points_requirement(register):
    u = uitslag(register, "STW-0002")
    assert u["voldoet"] is False
    assert eis(u, "punten")["behaald"] == 17.5
    assert afgewezen(u) == {"punten"}


def test_evidence_one_day_outside_the_period_does_not_count_and_both_ends_do(register):
    punten = eis(uitslag(register, "STW-0003"), "punten")
    geteld = {a["datum"] for a in punten["geteld"]}
    redenen = {a["datum"]: a["reden"] for a in punten["niet_geteld"]}
    assert geteld == {"2020-01-01", "2024-12-31"}
    assert redenen["2019-12-31"].startswith("voor het begin van de periode")
    assert redenen["2025-01-01"].startswith("na het einde van de periode")
    assert (punten["behaald"], punten["voldoet"]) == (16, False)


def test_nascholing_without_nvrg_accreditation_does_not_count(register):
    punten = eis(uitslag(register, "STW-0004"), "punten")
    assert [a["punten"] for a in punten["geteld"]] == [14]
    assert {(a["punten"], a["geaccrediteerd_door"]) for a in punten["niet_geteld"]} == {(4, ""), (2, "NBTP")}
    assert all(a["reden"] == "niet geaccrediteerd door NVRG" for a in punten["niet_geteld"])
    assert punten["voldoet"] is False


def test_24_intervisie_meetings_fail(register):
    u = uitslag(register, "STW-0005")
    assert (eis(u, "intervisie")["behaald"], afgewezen(u)) == (24, {"intervisie"})


def test_1_5_dagdelen_fails(register):
    u = uitslag(register, "STW-0006")
    assert (eis(u, "werksetting")["behaald"], afgewezen(u)) == (1.5, {"werksetting"})


def test_verklaring_tuchtrecht_nee_fails(register):
    u = uitslag(register, "STW-0007")
    tuchtrecht = eis(u, "tuchtrecht")
    assert (tuchtrecht["vereist"], tuchtrecht["behaald"], "toelichting" in tuchtrecht) == (True, False, False)
    assert afgewezen(u) == {"tuchtrecht"}


def test_several_failures_at_once_are_all_reported(register):
    u = uitslag(register, "STW-0008")
    assert afgewezen(u) == {"punten", "intervisie", "werksetting", "tuchtrecht"}
    assert eis(u, "punten")["behaald"] == 12   # the 6 unaccredited points are excluded


def test_a_kind_no_requirement_counts_is_listed_as_not_used(register):
    u = uitslag(register, "STW-0009")
    assert u["voldoet"] is True
    assert [a["soort"] for a in u["niet_gebruikt"]] == ["intercollegiale-toetsing"]
    assert "telt voor geen eis" in u["niet_gebruikt"][0]["reden"]


def test_the_explanation_names_every_activity_of_the_input(register):
    with open(FILES / "activiteiten.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for line, row in enumerate(rows[1:], start=2):
        u = uitslag(register, row[0])
        genoemd = {a["regel"] for e in u["eisen"] for a in e.get("geteld", []) + e.get("niet_geteld", [])}
        genoemd |= {a["regel"] for a in u["niet_gebruikt"]}
        assert line in genoemd, f"regel {line} ({row}) wordt niet genoemd"


def test_every_requirement_names_its_rule_and_source(register):
    for u in register["uitslagen"]:
        for e in u["eisen"]:
            assert e["bron"] == "https://w3id.org/beroepen/id/bron/stw-factsheet"
            assert e["bronsectie"].startswith("STW-factsheet, Eisen herregistratie")
            assert e["regel"]


def test_verdicts_come_in_input_order(register):
    assert [u["registratienummer"] for u in register["uitslagen"]] == [f"STW-000{i}" for i in range(1, 10)]


def test_json_contract(register):
    for u in register["uitslagen"]:
        assert isinstance(u["registratienummer"], str) and isinstance(u["voldoet"], bool)
        assert [e["eis"] for e in u["eisen"]] == ["punten", "intervisie", "werksetting", "tuchtrecht"]
        for e in u["eisen"]:
            assert isinstance(e["voldoet"], bool)
            kind = bool if e["eis"] == "tuchtrecht" else (int, float)
            assert isinstance(e["vereist"], kind) and isinstance(e["behaald"], kind)
        assert u["voldoet"] == all(e["voldoet"] for e in u["eisen"])


def test_peildatum_before_the_end_gives_what_is_still_needed_and_the_pace():
    rapport = controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"),
                         peildatum=date(2023, 6, 30))
    u = uitslag(rapport, "STW-0002")
    punten, intervisie = eis(u, "punten"), eis(u, "intervisie")
    assert (punten["nog_nodig"], punten["resterende_jaren"]) == (0.5, 1.51)
    assert punten["per_jaar_nodig"] == pytest.approx(0.5 / 1.51, abs=0.01)
    assert intervisie["behaald"] + len(intervisie["niet_geteld"]) == 26
    assert intervisie["niet_geteld"] and all(a["reden"] == "na de peildatum (2023-06-30)"
                                             for a in intervisie["niet_geteld"])
    assert intervisie["nog_nodig"] == 25 - intervisie["behaald"]


def test_a_dutch_excel_export_gives_the_same_report(register):
    excel = controleer("herregistratie", bestanden("praktijk-excel.csv", "activiteiten-excel.csv"))
    strip = lambda r: [{k: v for k, v in u.items() if k != "invoer"} for u in r["uitslagen"]]
    assert strip(excel) == strip(register)


def test_pyshacl_gives_the_same_verdicts_on_the_fixture_register(register):
    boek = regels.shipped()
    dossiers = lees_csv(boek, boek.regeling("nvrg-stw", "herregistratie"),
                        Bestand.lees(FILES / "praktijk.csv"), Bestand.lees(FILES / "activiteiten.csv"))
    verwacht = {u["registratienummer"]: per_eis(u) for u in register["uitslagen"]}
    assert {n: per_eis_shacl(o) for n, o in shacl.in_one_run(dossiers, boek).items()} == verwacht
    assert verwacht["STW-0002"] == ({"punten"}, {"punten": 17.5, "intervisie": 26, "werksetting": 3,
                                                 "tuchtrecht": True})


def test_auto_cross_checks_a_fixed_sample_of_a_larger_register(register):
    # 9 dossiers: more than auto checks in full, so pySHACL judges the first two distinct outcomes.
    from beroepen.registratie import steekproef
    assert (register["engine"], register["shacl_gecontroleerd"]) == ("steekproef", 2)
    boek = regels.shipped()
    dossiers = lees_csv(boek, boek.regeling("nvrg-stw", "herregistratie"),
                        Bestand.lees(FILES / "praktijk.csv"), Bestand.lees(FILES / "activiteiten.csv"))
    gekozen = steekproef(dossiers, register["uitslagen"], 2)
    assert [d.registratienummer for d in gekozen] == ["STW-0001", "STW-0002"]   # voldoet, punten te weinig
    assert [d.registratienummer for d in steekproef(dossiers, register["uitslagen"], 9)] == [
        d.registratienummer for d in dossiers]
