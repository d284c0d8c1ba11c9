"""Regressions from an outside tester's report on `beroepen registratie` / `herregistratie`
and /registratie; each test is named after the problem it pins."""
import json

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.vocab import BO, ID
from beroepen.registratie import Bestand, Invoerfouten, controleer, regels

from registratie_hulp import FILES

PRAKTIJK = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
ACTIVITEITEN = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"
TTL_PREFIXES = """
@prefix bo: <https://w3id.org/beroepen/def#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/beroepen/id/> .
@prefix d: <urn:beroepen:dossier:test/> .
"""


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def schrijf(tmp_path, praktijk, activiteiten=None):
    paths = [tmp_path / "praktijk.csv"]
    paths[0].write_text(praktijk, encoding="utf-8")
    if activiteiten is not None:
        paths.append(tmp_path / "activiteiten.csv")
        paths[1].write_text(activiteiten, encoding="utf-8")
    return paths


def meldingen(err):
    return [(f["bestand"].rsplit("/", 1)[-1], f["regel"], f["melding"]) for f in err.value.fouten]


def volle_activiteiten(nummer, jaar):
    """Enough activities in one year to meet every counted requirement of nvrg-stw."""
    rows = [f"{nummer},nascholing,{jaar}-03-01,18,NVRG,cursus\n"]
    rows += [f"{nummer},intervisie,{jaar}-{m:02d}-{d:02d},,,bijeenkomst\n" for m in range(1, 13) for d in (2, 16)]
    rows += [f"{nummer},intervisie,{jaar}-12-20,,,bijeenkomst\n", f"{nummer},intervisie,{jaar}-12-21,,,bijeenkomst\n"]
    return ACTIVITEITEN + "".join(rows)


# 1. A period longer than the scheme's bo:periodeJaren

def test_a_period_longer_than_the_schemes_period_is_a_bad_row(tmp_path):
    paths = schrijf(tmp_path, PRAKTIJK + "L-1,Lang,nvrg-stw,2010-01-01,2030-12-31,3,ja\n",
                    volle_activiteiten("L-1", 2029))
    result = cli("herregistratie", *paths)
    assert result.exit_code == 2, result.output
    assert "praktijk.csv: regel 2: periode: 2010-01-01 t/m 2030-12-31 is langer dan de 5 jaar" in result.stderr
    assert "uiterlijk 2014-12-31" in result.stderr and "VOLDOET" not in result.stdout


def test_a_period_longer_than_the_schemes_period_reads_the_length_from_the_rule_data(tmp_path):
    from test_registratie_regels_als_data import rulebook_with
    from rdflib import Literal
    boek = rulebook_with("regeling/nvrg-stw-herregistratie", BO.periodeJaren, Literal(7))
    praktijk = Bestand("p.csv", (PRAKTIJK + "L-1,A,nvrg-stw,2020-01-01,2026-12-31,3,ja\n"
                                 "L-2,B,nvrg-stw,2020-01-01,2027-01-01,3,ja\n").encode())
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [praktijk, Bestand("a.csv", ACTIVITEITEN.encode())], regelboek=boek,
                   engine="regels")
    assert [(r, m[:60]) for _, r, m in meldingen(err)] == [
        (3, "periode: 2020-01-01 t/m 2027-01-01 is langer dan de 7 jaar v")]


def test_a_period_shorter_than_the_schemes_period_keeps_only_a_warning(tmp_path):
    paths = schrijf(tmp_path, PRAKTIJK + "K-1,Kort,nvrg-stw,2024-01-01,2024-12-31,3,ja\n",
                    volle_activiteiten("K-1", 2024))
    result = cli("herregistratie", *paths, "--format", "json")
    assert result.exit_code == 0, result.output
    [u] = json.loads(result.stdout)         # the JSON output: an array of verdicts
    assert u["voldoet"] is True and "is niet de 5 jaar van de regeling" in u["waarschuwingen"][0]


def test_a_graph_dossier_with_a_period_longer_than_the_schemes_period_is_bad_input():
    ttl = TTL_PREFIXES + """
d:x a bo:Herregistratiedossier ; bo:registratienummer "L-1" ; bo:regeling id:regeling\\/nvrg-stw-herregistratie ;
    bo:periodeStart "2010-01-01"^^xsd:date ; bo:periodeEind "2030-12-31"^^xsd:date ;
    bo:dagdelenPerWeek 3 ; bo:verklaringTuchtrecht true .
"""
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("l.ttl", ttl.encode())])
    assert any("is langer dan de 5 jaar van regeling nvrg-stw" in m for _, _, m in meldingen(err))


# 2. --peildatum before the period start

def test_peildatum_before_the_period_start_gives_the_pace_from_the_period_start(tmp_path):
    paths = schrijf(tmp_path, PRAKTIJK + "P-1,Peil,nvrg-stw,2020-01-01,2024-12-31,3,ja\n",
                    volle_activiteiten("P-1", 2021))
    result = cli("herregistratie", *paths, "--peildatum", "2019-01-01", "--format", "json")
    assert result.exit_code == 1, result.output
    [u] = json.loads(result.stdout)
    punten = next(e for e in u["eisen"] if e["eis"] == "punten")
    assert (punten["behaald"], punten["nog_nodig"], punten["resterende_jaren"]) == (0, 18, 5.0)
    tekst = cli("herregistratie", *paths, "--peildatum", "2019-01-01")
    assert "nog nodig: 18 in 5,0 jaar" in tekst.stdout and "6,0 jaar" not in tekst.stdout


# Web: /registratie through Flask's test client


def post(app, url="/registratie.json", praktijk=None, activiteiten=None, dossier=None, **fields):
    import io
    data = dict(fields)
    for veld, tekst, naam in (("praktijk", praktijk, "praktijk.csv"), ("activiteiten", activiteiten, "activiteiten.csv"),
                              ("dossier", dossier, "dossier.ttl")):
        if tekst is not None:
            data[veld] = (io.BytesIO(tekst.encode()), naam)
    return app.test_client().post(url, data=data, content_type="multipart/form-data")


# 3. An abbreviation that names two organisations

NVVS_ACTIVITEIT = ACTIVITEITEN + "A-1,nascholing,2021-03-01,18,NVVS,cursus\n"
A_PRAKTIJK = PRAKTIJK + "A-1,Afkorting,nvrg-stw,2020-01-01,2024-12-31,3,ja\n"
SPEL = "'Nederlandse Vereniging voor Speltherapeuten' (nvvs)"
SEKS = "'Nederlandse Wetenschappelijke Vereniging voor Seksuologie' (nvvs-seksuologie)"


def test_an_abbreviation_of_two_organisations_is_a_bad_row_naming_both(tmp_path):
    result = cli("herregistratie", *schrijf(tmp_path, A_PRAKTIJK, NVVS_ACTIVITEIT))
    assert result.exit_code == 2, result.output
    assert (f"activiteiten.csv: regel 2: geaccrediteerd_door: 'NVVS' is dubbelzinnig: {SPEL} of {SEKS}"
            in result.stderr)


def test_an_abbreviation_of_two_organisations_is_a_bad_row_on_the_web(app):
    response = post(app, praktijk=A_PRAKTIJK, activiteiten=NVVS_ACTIVITEIT)
    assert response.status_code == 400
    [fout] = response.get_json()["fouten"]
    assert fout["regel"] == 2 and SPEL in fout["melding"] and SEKS in fout["melding"]


def test_the_full_name_or_iri_slug_still_names_one_of_two_organisations_sharing_an_abbreviation(tmp_path):
    boek = regels.shipped()
    from beroepen.registratie.csvinvoer import accreditaties
    volledig = accreditaties(boek, "Nederlandse Wetenschappelijke Vereniging voor Seksuologie")
    assert volledig == accreditaties(boek, "nvvs-seksuologie") == (ID + "organisatie/nvvs-seksuologie",)


def test_not_accredited_message_names_the_organisation_not_its_iri_slug(tmp_path):
    from rdflib import URIRef
    from test_registratie_regels_als_data import rulebook_with
    boek = rulebook_with("regeling/nvrg-stw-herregistratie/eis/punten/telregel/nascholing-nvrg",
                         BO.vereistAccreditatieDoor, URIRef(ID + "organisatie/nvvs-seksuologie"))
    bestanden = [Bestand("p.csv", A_PRAKTIJK.encode()),
                 Bestand("a.csv", (ACTIVITEITEN + "A-1,nascholing,2021-03-01,18,NVRG,cursus\n").encode())]
    [u] = controleer("herregistratie", bestanden, regelboek=boek)["uitslagen"]
    [niet] = next(e for e in u["eisen"] if e["eis"] == "punten")["niet_geteld"]
    assert niet["reden"] == "niet geaccrediteerd door Nederlandse Wetenschappelijke Vereniging voor Seksuologie"


# 4. "1.000": a thousand in a Dutch export, one in an English one

DUIZEND = "is dubbelzinnig: een punt voor precies drie cijfers kan een duizendtal of een decimaal zijn (schrijf 1000 of 1,0)"


def test_a_number_with_a_dot_before_three_digits_is_ambiguous_in_punten_and_dagdelen(tmp_path):
    praktijk = PRAKTIJK + "D-1,Duizend,nvrg-stw,2020-01-01,2024-12-31,1.000,ja\n"
    activiteiten = ACTIVITEITEN + "D-1,nascholing,2021-03-01,12.500,NVRG,cursus\nD-1,nascholing,2021-04-01,1.5,NVRG,x\n"
    result = cli("herregistratie", *schrijf(tmp_path, praktijk, activiteiten))
    assert result.exit_code == 2, result.output
    assert f"praktijk.csv: regel 2: dagdelen_per_week: '1.000' {DUIZEND}" in result.stderr
    assert f"activiteiten.csv: regel 2: punten: '12.500' {DUIZEND}" in result.stderr
    assert "regel 3" not in result.stderr          # 1.5 stays a plain decimal


def test_a_number_with_a_dot_before_three_digits_is_ambiguous_on_the_web(app):
    response = post(app, praktijk=PRAKTIJK + "D-1,Duizend,nvrg-stw,2020-01-01,2024-12-31,3,ja\n",
                    activiteiten=ACTIVITEITEN + "D-1,nascholing,2021-03-01,1.000,NVRG,cursus\n")
    assert response.status_code == 400
    assert response.get_json()["fouten"] == [
        {"bestand": "activiteiten.csv", "regel": 2, "melding": f"punten: '1.000' {DUIZEND}"}]


@pytest.mark.parametrize("text", ["1.5", "17.25", "0.125", "1000.5", "2,5", "1000"])
def test_plain_decimals_with_a_dot_still_read_as_numbers(text):
    from decimal import Decimal
    from beroepen.invoer import waarden
    assert waarden.getal(text) == Decimal(text.replace(",", "."))


def test_a_number_with_a_dot_before_three_digits_is_ambiguous_in_curriculum_studiebelasting(tmp_path):
    path = tmp_path / "curriculum.csv"
    path.write_text("module;omschrijving;studiebelasting;competenties;beroepstaken\nStage;;12.500;;\n",
                    encoding="utf-8")
    result = cli("curriculum", path)
    assert result.exit_code == 2, result.output
    assert f"regel 2: studiebelasting: '12.500' {DUIZEND}" in result.stderr


# 5. An empty yes/no cell is missing data, not "nee"

@pytest.mark.parametrize("soort,register,kop,rij,kolom", [
    ("registratie", "nvrg-stw", "vooropleiding_afgerond,erkende_opleiding_afgerond,dagdelen_per_week",
     ",ja,2", "vooropleiding_afgerond"),
    ("registratie", "nvrg-stw", "vooropleiding_afgerond,erkende_opleiding_afgerond,dagdelen_per_week",
     "ja,,2", "erkende_opleiding_afgerond"),
    ("registratie", "register-vaktherapie", "lid_beroepsvereniging,erkende_opleiding_afgerond,werkzaam_in_het_beroep",
     "ja,ja,", "werkzaam_in_het_beroep"),
    ("registratie", "register-vaktherapie", "lid_beroepsvereniging,erkende_opleiding_afgerond,werkzaam_in_het_beroep",
     ",ja,ja", "lid_beroepsvereniging"),
    ("herregistratie", "nvrg-stw", "periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht",
     "2020-01-01,2024-12-31,2,", "verklaring_tuchtrecht"),
])
def test_an_empty_yes_no_cell_is_a_bad_row_not_nee(tmp_path, soort, register, kop, rij, kolom):
    praktijk = f"registratienummer,naam,register,{kop}\nJ-1,Leeg,{register},{rij}\n"
    paths = schrijf(tmp_path, praktijk, ACTIVITEITEN if soort == "herregistratie" else None)
    result = cli(soort, *paths, "--register", register)
    assert result.exit_code == 2, result.output
    assert f"praktijk.csv: regel 2: {kolom}: leeg; verwacht ja of nee" in result.stderr
    assert "VOLDOET" not in result.stdout


def test_an_empty_yes_no_cell_is_a_bad_row_on_the_web(app):
    response = post(app, praktijk="registratienummer,naam,register,vooropleiding_afgerond,erkende_opleiding_afgerond,"
                                  "dagdelen_per_week\nJ-1,Leeg,nvrg-stw,ja,,2\n", soort="registratie")
    assert response.status_code == 400
    assert response.get_json()["fouten"] == [
        {"bestand": "praktijk.csv", "regel": 2, "melding": "erkende_opleiding_afgerond: leeg; verwacht ja of nee"}]


# 6. A graph dossier of another register than the chosen one

VAKTHERAPIE_TTL = TTL_PREFIXES + """
d:v a bo:Registratiedossier ; bo:registratienummer "RV-9" ; bo:regeling id:regeling\\/register-vaktherapie ;
    bo:lidBeroepsvereniging true ; bo:erkendeOpleidingAfgerond true ; bo:werkzaamInHetBeroep true .
"""
ANDER_REGISTER = "id/regeling/register-vaktherapie hoort bij register 'register-vaktherapie', " \
                 "niet bij het gekozen register 'nvrg-stw'"


def test_a_graph_dossier_of_another_register_is_refused_like_a_csv_row(tmp_path):
    path = tmp_path / "dossier.ttl"
    path.write_text(VAKTHERAPIE_TTL, encoding="utf-8")
    result = cli("registratie", path)
    assert result.exit_code == 2, result.output
    assert ANDER_REGISTER in result.stderr and "VOLDOET" not in result.stdout
    eigen = cli("registratie", path, "--register", "register-vaktherapie")
    assert eigen.exit_code == 1 and "RV-9    HANDMATIG BEOORDELEN" in eigen.stdout, eigen.output


def test_a_graph_dossier_of_another_register_is_refused_on_the_web(app):
    response = post(app, dossier=VAKTHERAPIE_TTL, soort="registratie")
    assert response.status_code == 400
    [fout] = response.get_json()["fouten"]
    assert ANDER_REGISTER in fout["melding"]


# 7. Web messages name the web's own fields

def test_an_unknown_soort_on_the_web_names_the_soort_and_the_valid_ones(app):
    response = post(app, praktijk=A_PRAKTIJK, activiteiten=ACTIVITEITEN, soort="bogus")
    assert response.status_code == 400
    [fout] = response.get_json()["fouten"]
    assert fout["melding"] == "onbekende soort 'bogus' (verwacht herregistratie of registratie)"


def test_a_bad_peildatum_on_the_web_names_the_field_not_the_cli_option(app):
    response = post(app, praktijk=A_PRAKTIJK, activiteiten=ACTIVITEITEN, peildatum="morgen")
    assert response.status_code == 400
    [fout] = response.get_json()["fouten"]
    assert fout["melding"].startswith("peildatum: 'morgen' is geen datum")
    page = post(app, url="/registratie", praktijk=A_PRAKTIJK, activiteiten=ACTIVITEITEN, peildatum="morgen")
    assert page.status_code == 400 and "--peildatum" not in page.get_data(as_text=True)


def test_a_bad_peildatum_on_the_cli_still_names_the_option(tmp_path):
    result = cli("herregistratie", *schrijf(tmp_path, A_PRAKTIJK, ACTIVITEITEN), "--peildatum", "morgen")
    assert result.exit_code == 2 and "--peildatum: 'morgen' is geen datum" in result.stderr


# 8. The README documents every scheme's columns and every kind of activity

def test_readme_lists_the_praktijk_columns_of_every_scheme_and_every_activity_kind():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sectie = readme.split("## Registratie en herregistratie", 1)[1].split("\n## ", 1)[0]
    boek = regels.shipped()
    for regeling in boek.regelingen:
        kolommen = (["periode_start", "periode_eind"] if regeling.soort == "herregistratie" else []) + regeling.kolommen()
        assert f"| `{regeling.code}`, `{regeling.soort}` | `{','.join(kolommen)}` |" in sectie
    for code in boek.soorten:
        assert f"`{code}`" in sectie


def test_a_graph_dossier_without_a_yes_no_attribute_is_bad_input_not_false():
    ttl = TTL_PREFIXES + """
d:x a bo:Herregistratiedossier ; bo:registratienummer "J-1" ; bo:regeling id:regeling\\/nvrg-stw-herregistratie ;
    bo:periodeStart "2020-01-01"^^xsd:date ; bo:periodeEind "2024-12-31"^^xsd:date ; bo:dagdelenPerWeek 3 .
"""
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("j.ttl", ttl.encode())])
    assert [m for _, _, m in meldingen(err)] == [
        "urn:beroepen:dossier:test/x: bo:verklaringTuchtrecht ontbreekt; verwacht true of false"]
