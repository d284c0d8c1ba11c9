"""Rule versions (issue 13): the version in force for a dossier's period judges it, every verdict
names its version, --regelversie overrides, and a period no version certainly covers is "onbekend".

The second version is the clearly marked example in data/examples/, loaded with --regels as a
registry would load its own rule file; its thresholds and dates are read from the files here,
not written into the tests.
"""
import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from beroepen.cli import main
from beroepen.kennisgraaf.graaf import load_graph, parse_turtle
from beroepen.registratie import versies
from beroepen.vocab import BO, DCT, OWL, SKOS
from beroepen.web import create_app

ROOT = Path(__file__).resolve().parents[2]
VOORBEELD = ROOT / "data" / "examples" / "registratie-nvrg-stw-voorbeeld-2026.ttl"
SHIPPED = ROOT / "data" / "registratie-nvrg-stw.ttl"
ID = "https://w3id.org/beroepen/id/"
HERREGISTRATIE_2020 = URIRef(ID + "regeling/nvrg-stw-herregistratie")
VOORBEELD_IRI = URIRef(ID + "regeling/nvrg-stw-herregistratie/voorbeeld-2026")
PRAKTIJK = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"


def _drempel(path, regeling, code="punten"):
    graph = parse_turtle(path, Graph())
    for eis in graph.objects(regeling, BO.eis):
        if str(graph.value(eis, SKOS.notation)) == code:
            return Decimal(str(graph.value(eis, BO.drempel)))
    raise AssertionError(f"geen eis {code} in {path}")


def _versienaam(path, regeling):
    return str(parse_turtle(path, Graph()).value(regeling, OWL.versionInfo))


def _start_voorbeeld():
    """The example's first day of validity, from its dct:valid."""
    tekst = str(parse_turtle(VOORBEELD, Graph()).value(VOORBEELD_IRI, DCT.valid))
    start = versies.geldigheid(tekst).start
    assert start[0] == start[1], "the example's start is a day"
    return start[0]


OUD, NIEUW = _drempel(SHIPPED, HERREGISTRATIE_2020), _drempel(VOORBEELD, VOORBEELD_IRI)
NAAM_OUD, NAAM_NIEUW = _versienaam(SHIPPED, HERREGISTRATIE_2020), _versienaam(VOORBEELD, VOORBEELD_IRI)
PUNTEN = (OUD + NIEUW) / 2        # meets the one threshold and not the other


def _register(tmp_path, perioden):
    """praktijk.csv and activiteiten.csv: per (number, period end) one dossier of five years with
    PUNTEN accredited points and enough intervisie, all inside its period."""
    intervisie = int(_drempel(SHIPPED, HERREGISTRATIE_2020, "intervisie"))
    praktijk, activiteiten = [PRAKTIJK], ["registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"]
    for nummer, eind in perioden:
        start = date(eind.year - 5, eind.month, eind.day) + timedelta(days=1)
        praktijk.append(f"{nummer},Persoon {nummer},nvrg-stw,{start},{eind},3,ja\n")
        activiteiten.append(f"{nummer},nascholing,{start + timedelta(days=40)},{PUNTEN},NVRG,cursus\n")
        activiteiten += [f"{nummer},intervisie,{start + timedelta(days=50 + 7 * i)},,,bijeenkomst {i + 1}\n"
                         for i in range(intervisie)]
    (tmp_path / "praktijk.csv").write_text("".join(praktijk))
    (tmp_path / "activiteiten.csv").write_text("".join(activiteiten))
    return tmp_path / "praktijk.csv", tmp_path / "activiteiten.csv"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _json(result):
    assert result.exit_code in (0, 1), result.output
    return {u["registratienummer"]: u for u in json.loads(result.stdout)}


@pytest.fixture
def voor_en_na(tmp_path):
    """One dossier whose period ends the day before the example version starts, one that ends on it."""
    start = _start_voorbeeld()
    return _register(tmp_path, [("V-1", start - timedelta(days=1)), ("V-2", start)])


def test_the_version_in_force_at_the_end_of_the_period_judges_the_dossier(voor_en_na):
    uit = _json(run("herregistratie", *voor_en_na, "--regels", VOORBEELD, "--format", "json", "--engine", "shacl"))
    voor, na = uit["V-1"], uit["V-2"]
    assert voor["versie"]["naam"] == NAAM_OUD and na["versie"]["naam"] == NAAM_NIEUW
    assert voor["versie"]["gekozen_door"] == na["versie"]["gekozen_door"] == "overgangsregel"
    assert voor["versie"]["datum"] == voor["periode"]["eind"]
    punten = {u["registratienummer"]: next(e for e in u["eisen"] if e["eis"] == "punten") for u in (voor, na)}
    assert Decimal(str(punten["V-1"]["vereist"])) == OUD and punten["V-1"]["voldoet"] is True
    assert Decimal(str(punten["V-2"]["vereist"])) == NIEUW and punten["V-2"]["voldoet"] is False
    assert voor["voldoet"] is True and na["voldoet"] is False
    assert voor["regeling"] == str(HERREGISTRATIE_2020) and na["regeling"] == str(VOORBEELD_IRI)


@pytest.mark.parametrize("naam", [NAAM_OUD, NAAM_NIEUW])
def test_regelversie_forces_one_version_for_every_dossier(voor_en_na, naam):
    uit = _json(run("herregistratie", *voor_en_na, "--regels", VOORBEELD, "--format", "json",
                    "--regelversie", naam))
    drempel = OUD if naam == NAAM_OUD else NIEUW
    for u in uit.values():
        assert u["versie"]["naam"] == naam and u["versie"]["gekozen_door"] == "regelversie"
        assert Decimal(str(next(e for e in u["eisen"] if e["eis"] == "punten")["vereist"])) == drempel
        assert u["voldoet"] is (PUNTEN >= drempel)
    if naam == NAAM_NIEUW:      # forced, and said when it was not in force on the dossier's date
        assert (uit["V-1"]["versie"]["in_kracht"], uit["V-2"]["versie"]["in_kracht"]) == (False, True)


def test_an_unknown_regelversie_is_bad_input_naming_the_known_versions(voor_en_na):
    result = run("herregistratie", *voor_en_na, "--regels", VOORBEELD, "--regelversie", "1999")
    assert result.exit_code == 2
    assert "1999" in result.output and f"'{NAAM_OUD}'" in result.output and f"'{NAAM_NIEUW}'" in result.output
    assert "Traceback" not in result.output


def test_text_and_csv_name_the_version_of_each_verdict(voor_en_na):
    tekst = run("herregistratie", *voor_en_na, "--regels", VOORBEELD).stdout
    blokken = {b.split()[0]: b for b in tekst.split("\n\n") if b.strip() and not b.startswith("Samenvatting")}
    assert f"regelversie {NAAM_OUD} " in blokken["V-1"] and f"regelversie {NAAM_NIEUW} " in blokken["V-2"]
    rijen = list(csv.DictReader(io.StringIO(run("herregistratie", *voor_en_na, "--regels", VOORBEELD,
                                                "--format", "csv").stdout)))
    assert {(r["registratienummer"], r["versie"]) for r in rijen} == {("V-1", NAAM_OUD), ("V-2", NAAM_NIEUW)}


def test_a_period_no_version_covers_is_onbekend_with_the_reason_not_a_verdict(tmp_path):
    """Version 2020 is valid from 2020 (the year only): a period ending in 2019 precedes it, one
    ending mid-2020 may; neither gets a yes or no. One ending in 2021 is judged."""
    bestanden = _register(tmp_path, [("O-1", date(2019, 12, 31)), ("O-2", date(2020, 6, 30)),
                                     ("O-3", date(2021, 6, 30))])
    result = run("herregistratie", *bestanden, "--format", "json")
    assert result.exit_code == 1
    uit = _json(result)
    for nummer in ("O-1", "O-2"):
        assert uit[nummer]["onbekend"] and uit[nummer]["voldoet"] is None and uit[nummer]["eisen"] == []
        assert uit[nummer]["versie"]["naam"] is None
    assert "geen versie geldt op 2019-12-31" in uit["O-1"]["onbekend"]
    assert "2020-06-30" in uit["O-2"]["onbekend"] and NAAM_OUD in uit["O-2"]["onbekend"]
    assert uit["O-3"]["onbekend"] is None and uit["O-3"]["voldoet"] is True
    assert "3 beoordeeld, 1 voldoen, 0 voldoen niet, 0 handmatig te beoordelen, 2 onbekend" in result.stderr
    tekst = run("herregistratie", *bestanden).stdout
    assert "O-1  Persoon O-1  ONBEKEND" in tekst
    rijen = list(csv.DictReader(io.StringIO(run("herregistratie", *bestanden, "--format", "csv").stdout)))
    onbekend = [r for r in rijen if r["registratienummer"] == "O-1"]
    assert len(onbekend) == 1 and onbekend[0]["voldoet"] == "onbekend" and onbekend[0]["onbekend"]


def test_a_turtle_dossier_is_judged_by_the_version_in_force_not_the_one_it_names(tmp_path):
    """The dossier names version 2020 (bo:regeling); its period ends after the example's start,
    so the example judges it, and pySHACL (the reference) agrees."""
    bron = Path(__file__).parent / "files" / "dossier-stw-0004.ttl"
    graph = parse_turtle(bron, Graph())
    dossier = next(graph.subjects(BO.regeling, HERREGISTRATIE_2020))
    eind = _start_voorbeeld() + timedelta(days=30)
    start = date(eind.year - 5, eind.month, eind.day) + timedelta(days=1)
    graph.set((dossier, BO.periodeStart, Literal(start)))
    graph.set((dossier, BO.periodeEind, Literal(eind)))
    for activiteit in graph.objects(dossier, BO.bewijs):
        graph.set((activiteit, BO.datum, Literal(start + timedelta(days=100))))
    pad = tmp_path / "dossier.ttl"
    graph.serialize(pad, format="turtle")
    uit = _json(run("herregistratie", pad, "--regels", VOORBEELD, "--format", "json", "--engine", "shacl"))
    (u,) = uit.values()
    assert u["versie"]["naam"] == NAAM_NIEUW and u["regeling"] == str(VOORBEELD_IRI)
    assert Decimal(str(next(e for e in u["eisen"] if e["eis"] == "punten")["vereist"])) == NIEUW


def test_initial_registration_takes_the_version_in_force_on_the_peildatum(tmp_path):
    praktijk = tmp_path / "praktijk.csv"
    praktijk.write_text("registratienummer,naam,register,vooropleiding_afgerond,erkende_opleiding_afgerond,"
                        "dagdelen_per_week\nR-1,Een,nvrg-stw,ja,ja,3\n")
    voor = _json(run("registratie", praktijk, "--format", "json", "--peildatum", "2019-06-01"))["R-1"]
    assert voor["onbekend"] and "2019-06-01" in voor["onbekend"] and voor["voldoet"] is None
    na = _json(run("registratie", praktijk, "--format", "json", "--peildatum", "2023-06-01"))["R-1"]
    assert na["versie"]["naam"] == NAAM_OUD and na["versie"]["datum"] == "2023-06-01" and na["voldoet"] is True


@pytest.mark.parametrize("wijziging, melding", [
    (('dct:valid "start=2026-01-01;"', 'dct:valid "start=2026-1-01;"'), "DCMI-periode"),
    (('owl:versionInfo "voorbeeld-2026"', 'owl:versionInfo "2020"'), "eigen versienaam"),
    (("    bo:overgangsregel bo:versieOpPeriodeEinde ;\n", ""), "overgangsregel"),
    (("bo:periodeJaren 5", "bo:periodeJaren 4"), "periode (bo:periodeJaren)"),
], ids=["geldigheid-geen-periode", "zelfde-versienaam", "geen-overgangsregel", "andere-periode"])
def test_a_rule_file_with_a_bad_version_record_is_refused_naming_it(voor_en_na, tmp_path, wijziging, melding):
    oud, nieuw = wijziging
    tekst = VOORBEELD.read_text(encoding="utf-8")
    assert oud in tekst
    regels = tmp_path / "fout.ttl"
    regels.write_text(tekst.replace(oud, nieuw), encoding="utf-8")
    result = run("herregistratie", *voor_en_na, "--regels", regels)
    assert result.exit_code == 2, result.output
    assert melding in result.output and "fout.ttl" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("tekst, datum, verwacht", [
    ("start=2020;", date(2019, 12, 31), False), ("start=2020;", date(2020, 6, 30), None),
    ("start=2020;", date(2020, 12, 31), True), ("start=2020-04; end=2024-06-30;", date(2024, 6, 30), True),
    ("start=2020-04; end=2024-06-30;", date(2024, 7, 1), False), ("end=2024;", date(2024, 3, 1), None),
    ("scheme=W3C-DTF; start=2020-04-01;", date(2020, 4, 1), True),
])
def test_validity_is_certain_only_as_far_as_the_source_is_precise(tekst, datum, verwacht):
    class Versie:
        geldigheid = versies.geldigheid(tekst)
    assert versies.in_kracht(Versie, datum) is verwacht


@pytest.mark.parametrize("tekst", ["2020", "start=2020-02-30;", "start=twintig;", "start=2021; end=2020;",
                                   "start=2020; scheme=ISO;"])
def test_a_validity_that_is_no_dcmi_period_is_refused(tekst):
    with pytest.raises(ValueError):
        versies.geldigheid(tekst)


# --- web ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client_met_voorbeeld(shipped_graph):
    """The app of a registry that loaded the example version beside the shipped rules."""
    graph = Graph()
    graph += shipped_graph
    parse_turtle(VOORBEELD, graph)
    return create_app({"TESTING": True, "GRAPH": graph}).test_client()


def _post(client, pad, bestanden, **velden):
    praktijk, activiteiten = bestanden
    data = dict(regeling="herregistratie/nvrg-stw", **velden)
    data["praktijk"] = (io.BytesIO(praktijk.read_bytes()), "praktijk.csv")
    data["activiteiten"] = (io.BytesIO(activiteiten.read_bytes()), "activiteiten.csv")
    return client.post(pad, data=data, content_type="multipart/form-data")


def test_web_form_offers_the_versions_and_the_report_names_them(client_met_voorbeeld, voor_en_na):
    formulier = client_met_voorbeeld.get("/registratie")
    assert 'name="regelversie"' in formulier.text
    assert f'<option value="{NAAM_NIEUW}"' in formulier.text and f'<option value="{NAAM_OUD}"' in formulier.text
    uitleg = client_met_voorbeeld.get("/registratie.json").get_json()
    versies_nvrg = {(r["versie"], r["geldig"], r["vervangt_versie"]) for r in uitleg["regelingen"]
                    if (r["soort"], r["code"]) == ("herregistratie", "nvrg-stw")}
    assert versies_nvrg == {(NAAM_OUD, "start=2020;", None),
                            (NAAM_NIEUW, f"start={_start_voorbeeld().isoformat()};", NAAM_OUD)}
    keuze = next(k for k in uitleg["keuzes"] if k["waarde"] == "herregistratie/nvrg-stw")
    assert [v["naam"] for v in keuze["versies"]] == [NAAM_OUD, NAAM_NIEUW]

    uit = {u["registratienummer"]: u for u in _post(client_met_voorbeeld, "/registratie.json", voor_en_na).get_json()}
    assert (uit["V-1"]["versie"]["naam"], uit["V-2"]["versie"]["naam"]) == (NAAM_OUD, NAAM_NIEUW)
    assert (uit["V-1"]["voldoet"], uit["V-2"]["voldoet"]) == (True, False)
    pagina = _post(client_met_voorbeeld, "/registratie", voor_en_na)
    assert pagina.status_code == 200
    assert f"<td>{NAAM_OUD}</td>" in pagina.text and f"<td>{NAAM_NIEUW}</td>" in pagina.text
    rijen = list(csv.DictReader(io.StringIO(_post(client_met_voorbeeld, "/registratie.csv", voor_en_na).text)))
    assert {(r["registratienummer"], r["versie"]) for r in rijen} == {("V-1", NAAM_OUD), ("V-2", NAAM_NIEUW)}


def test_web_regelversie_forces_a_version_and_an_unknown_one_is_a_400(client_met_voorbeeld, voor_en_na):
    uit = _post(client_met_voorbeeld, "/registratie.json", voor_en_na, regelversie=NAAM_NIEUW).get_json()
    assert {u["versie"]["naam"] for u in uit} == {NAAM_NIEUW} and {u["voldoet"] for u in uit} == {False}
    pagina = _post(client_met_voorbeeld, "/registratie", voor_en_na, regelversie=NAAM_NIEUW)
    assert f'<option value="{NAAM_NIEUW}" selected' in pagina.text
    fout = _post(client_met_voorbeeld, "/registratie.json", voor_en_na, regelversie="1999")
    assert fout.status_code == 400
    assert "1999" in fout.get_json()["fout"] and NAAM_NIEUW in fout.get_json()["fout"]


def test_web_shipped_graph_shows_version_2020_without_the_example(client, voor_en_na):
    """The example is never part of the shipped graph: the shipped app knows only 2020."""
    keuze = next(k for k in client.get("/registratie.json").get_json()["keuzes"]
                 if k["waarde"] == "herregistratie/nvrg-stw")
    assert [v["naam"] for v in keuze["versies"]] == [NAAM_OUD]
    uit = _post(client, "/registratie.json", voor_en_na).get_json()
    assert {u["versie"]["naam"] for u in uit} == {NAAM_OUD}
    assert (VOORBEELD_IRI, None, None) not in load_graph()


def test_each_versions_example_files_are_judged_by_that_version(client_met_voorbeeld):
    """The teaching data's example files per version (?versie=): uploaded, the transition rule
    picks that very version, and the verdicts are the ones the teaching data states."""
    uitleg = client_met_voorbeeld.get("/registratie.json").get_json()
    gezien = set()
    for r in uitleg["regelingen"]:
        if (r["soort"], r["code"]) != ("herregistratie", "nvrg-stw"):
            continue
        data = {"regeling": "herregistratie/nvrg-stw"}
        for naam in ("praktijk", "activiteiten"):
            bestand = client_met_voorbeeld.get(f"/registratie/voorbeeld/herregistratie/nvrg-stw/{naam}.csv",
                                               query_string={"versie": r["versie"]})
            assert bestand.status_code == 200
            data[naam] = (io.BytesIO(bestand.data), f"{naam}.csv")
        uit = client_met_voorbeeld.post("/registratie.json", data=data, content_type="multipart/form-data").get_json()
        assert {u["versie"]["naam"] for u in uit} == {r["versie"]}
        assert [(u["registratienummer"], u["voldoet"]) for u in uit] == [
            (v["registratienummer"], v["voldoet"]) for v in r["voorbeeld"]]
        gezien.add(r["versie"])
    assert gezien == {NAAM_OUD, NAAM_NIEUW}
    onbekend = client_met_voorbeeld.get("/registratie/voorbeeld/herregistratie/nvrg-stw/praktijk.csv?versie=1999")
    assert onbekend.status_code == 404
