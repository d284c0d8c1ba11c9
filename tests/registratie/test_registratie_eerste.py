"""Initial registration: NVRG STW (diploma, training, werksetting) and the Register Vaktherapie."""
from beroepen.registratie import afgewezen, controleer

from registratie_hulp import bestanden, eis, uitslag


def test_stw_registration_checks_diploma_training_and_werksetting():
    rapport = controleer("registratie", bestanden("registratie-praktijk.csv"), engine="shacl")
    assert afgewezen(uitslag(rapport, "STW-N001")) == set()
    assert afgewezen(uitslag(rapport, "STW-N002")) == {"opleiding"}
    assert afgewezen(uitslag(rapport, "STW-N003")) == {"vooropleiding", "werksetting"}
    leeg = eis(uitslag(rapport, "STW-N004"), "werksetting")
    assert (leeg["behaald"], leeg["voldoet"], leeg["toelichting"]) == (None, False, "niet opgegeven")
    assert eis(uitslag(rapport, "STW-N003"), "werksetting")["bronsectie"] == "STW-factsheet, Eisen registratie: Werksetting"


def test_register_vaktherapie_reports_what_the_source_does_not_quantify():
    rapport = controleer("registratie", bestanden("vaktherapie-praktijk.csv", "vaktherapie-activiteiten.csv"),
                         register="register-vaktherapie", engine="shacl")
    wim = uitslag(rapport, "RV-001")
    assert wim["voldoet"] is None     # every judged requirement met, two left to registry staff
    assert wim["niet_toetsbaar"] == ["deskundigheidsbevordering", "intercollegiale-toetsing"]
    desk = eis(wim, "deskundigheidsbevordering")
    assert (desk["toetsbaar"], desk["voldoet"], desk["vereist"], desk["behaald"]) == (False, None, None, 2)
    assert eis(wim, "intercollegiale-toetsing")["behaald"] == 1
    xandra = uitslag(rapport, "RV-002")
    assert afgewezen(xandra) == {"werkzaam"}
    assert [a["soort"] for a in xandra["niet_gebruikt"]] == ["intervisie"]
    assert rapport["samenvatting"]["per_eis"]["deskundigheidsbevordering"]["niet_toetsbaar"] == 2
    assert {k: rapport["samenvatting"][k] for k in ("totaal", "voldoet", "voldoet_niet", "handmatig_beoordelen")} == {
        "totaal": 2, "voldoet": 0, "voldoet_niet": 1, "handmatig_beoordelen": 1}
