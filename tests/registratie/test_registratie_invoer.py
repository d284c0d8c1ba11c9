"""The input contract: Dutch spreadsheet tolerance, and every bad row listed (file, line), no verdicts."""
from datetime import date
from decimal import Decimal

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.errors import BeroepenError
from beroepen.invoer import waarden
from beroepen.registratie import Bestand, Invoerfouten, controleer, regels

from registratie_hulp import FILES, bestanden, eis, uitslag

PRAKTIJK = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
ACTIVITEITEN = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"


def check(praktijk, activiteiten, **kw):
    return controleer("herregistratie", [Bestand("praktijk.csv", praktijk.encode("utf-8")),
                                         Bestand("activiteiten.csv", activiteiten.encode("utf-8"))], **kw)


def test_every_bad_row_is_listed_with_file_and_line():
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", bestanden("fout-praktijk.csv", "fout-activiteiten.csv"))
    found = {(f["bestand"].rsplit("/", 1)[-1], f["regel"]): f["melding"] for f in err.value.fouten}
    expected = {
        ("fout-praktijk.csv", 3): "periode_start",          # 2020-13-01
        ("fout-praktijk.csv", 4): "dagdelen_per_week",      # twee
        ("fout-praktijk.csv", 5): "verklaring_tuchtrecht",  # misschien
        ("fout-praktijk.csv", 6): "komt al voor op regel 2",
        ("fout-praktijk.csv", 7): "register",               # SKJ
        ("fout-praktijk.csv", 8): "ligt na einde",
        ("fout-praktijk.csv", 9): "registratienummer: ontbreekt",
        ("fout-praktijk.csv", 10): "periode_start: ontbreekt",
        ("fout-praktijk.csv", 11): "negatief",              # -1 dagdelen
        ("fout-activiteiten.csv", 3): "STW-9999",           # unknown registratienummer
        ("fout-activiteiten.csv", 4): "datum",              # 15/03/21
        ("fout-activiteiten.csv", 5): "punten",             # tien
        ("fout-activiteiten.csv", 6): "negatief",           # -2 points
        ("fout-activiteiten.csv", 7): "congres",            # unknown soort
        ("fout-activiteiten.csv", 8): "datum: ontbreekt",
        ("fout-activiteiten.csv", 9): "7 waarden, maar 6 kolommen",
        ("fout-activiteiten.csv", 10): "geen bestaande datum",  # 30 February
    }
    assert set(found) == set(expected)
    for key, fragment in expected.items():
        assert fragment in found[key], (key, found[key])
    assert err.value.totaal == len(expected)


def test_a_missing_required_column_is_named_with_line_1():
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", bestanden("praktijk.csv", "fout-kolom-activiteiten.csv"))
    [fout] = err.value.fouten
    assert fout["regel"] == 1 and "datum" in fout["melding"] and "';'" in fout["melding"]


@pytest.mark.parametrize("kolom", ["punten", "geaccrediteerd_door", "omschrijving"])
def test_activities_file_without_punten_column_is_bad_input_not_0_points(kolom):
    # Regression: only registratienummer, soort and datum were required; without a punten
    # column every activity counted 0 points and the verdict became a wrong "voldoet niet".
    kolommen = ACTIVITEITEN.strip().split(",")
    weg = kolommen.index(kolom)
    rij = ["STW-1", "nascholing", "2021-03-15", "18", "NVRG", "Cursus"]
    activiteiten = ",".join(k for i, k in enumerate(kolommen) if i != weg) + "\n" + \
        ",".join(c for i, c in enumerate(rij) if i != weg) + "\n"
    with pytest.raises(Invoerfouten) as err:
        check(PRAKTIJK + "STW-1,A,,2020-01-01,2024-12-31,2,ja\n", activiteiten)
    [fout] = err.value.fouten
    assert (fout["bestand"], fout["regel"]) == ("activiteiten.csv", 1)
    assert f"verplichte kolom(men) ontbreken: {kolom} " in fout["melding"]


def test_empty_punten_cell_is_a_bad_row_where_the_rules_add_up_points():
    # Regression: an empty punten cell was silently 0 points. Which kinds need points comes
    # from the rule data (the kinds a bo:somVanPunten requirement counts); intervisie counts
    # meetings, so there an empty cell is fine.
    activiteiten = ACTIVITEITEN + ("STW-1,nascholing,2021-03-15,,NVRG,Cursus\n"
                                   "STW-1,deskundigheidsbevordering,2021-04-01,,,Studie\n"
                                   "STW-1,intervisie,2021-05-01,,,Bijeenkomst\n")
    with pytest.raises(Invoerfouten) as err:
        check(PRAKTIJK + "STW-1,A,,2020-01-01,2024-12-31,2,ja\n", activiteiten)
    found = {f["regel"]: f["melding"] for f in err.value.fouten}
    assert set(found) == {2, 3}
    assert found[2].startswith("punten: ontbreekt") and "'nascholing'" in found[2]
    assert "'deskundigheidsbevordering'" in found[3]
    boek = regels.shipped()
    assert boek.regeling("nvrg-stw", "herregistratie").puntensoorten == {
        boek.soorten["nascholing"], boek.soorten["deskundigheidsbevordering"]}
    # Register Vaktherapie counts activities, not points: there an empty cell is no error.
    assert boek.regeling("register-vaktherapie", "registratie").puntensoorten == set()


def nascholing(door):
    """A report on one practitioner with one 18-point nascholing accredited by `door`."""
    return check(PRAKTIJK + "STW-1,A,,2020-01-01,2024-12-31,2,ja\n",
                 ACTIVITEITEN + f'STW-1,nascholing,2021-03-15,18,"{door}",Cursus\n')


@pytest.mark.parametrize("door", ["Nederlandse Vereniging voor Relatie- en Gezinstherapie",
                                  "nederlandse  vereniging voor relatie- en gezinstherapie",
                                  "Nederlandse Vereniging voor Relatie- en Gezinstherapié",
                                  "NVRG", "nvrg", "FVB; NVRG", "NVRG / FVB"])
def test_nvrg_full_name_counts_as_nvrg_accredited(door):
    # Regression: only a slug of the short name matched, and the split on the word "en"
    # broke NVRG's full name (its skos:prefLabel in the graph) into two unknown bodies.
    punten = eis(nascholing(door)["uitslagen"][0], "punten")
    assert (punten["behaald"], punten["voldoet"], punten["niet_geteld"]) == (18, True, [])


def test_another_known_body_is_read_as_not_nvrg_accredited():
    punten = eis(nascholing("Nederlandse Beroepsvereniging voor Toegepaste Psychologie")["uitslagen"][0], "punten")
    assert (punten["behaald"], [a["reden"] for a in punten["niet_geteld"]]) == (0, ["niet geaccrediteerd door NVRG"])


@pytest.mark.parametrize("door,onbekend", [("NIP", "NIP"), ("Relatie- en Gezinstherapie", "Relatie- en Gezinstherapie"),
                                           ("NVRG en FVB", "NVRG en FVB"), ("NVRG; NVGR", "NVGR")])
def test_unknown_accrediting_body_is_a_bad_row_not_silently_unaccredited(door, onbekend):
    # Regression: any unrecognised value silently meant "not accredited by the NVRG".
    with pytest.raises(Invoerfouten) as err:
        nascholing(door)
    [fout] = err.value.fouten
    assert (fout["bestand"], fout["regel"]) == ("activiteiten.csv", 2)
    assert fout["melding"].startswith(f"geaccrediteerd_door: onbekende accrediterende organisatie '{onbekend}'; "
                                      "bekend: NVRG, ")


def test_missing_practitioner_columns_are_named():
    with pytest.raises(Invoerfouten) as err:
        check("registratienummer,naam\nSTW-1,A\n", ACTIVITEITEN)
    assert "register, periode_start, periode_eind, dagdelen_per_week, verklaring_tuchtrecht" in str(err.value)


def test_an_empty_file_is_bad_input():
    with pytest.raises(Invoerfouten, match="leeg"):
        check(PRAKTIJK + "STW-1,A,,2020-01-01,2024-12-31,2,ja\n", "")


def test_header_only_input_is_not_everyone_meets_the_rules(tmp_path):
    # Regression: a practitioners file with only its header gave "0 beoordeeld" and exit 0.
    with pytest.raises(Invoerfouten, match="geen beoefenaars in praktijk.csv"):
        check(PRAKTIJK + "\n\n", ACTIVITEITEN)    # blank lines are no practitioners either
    praktijk, activiteiten = tmp_path / "praktijk.csv", tmp_path / "activiteiten.csv"
    activiteiten.write_text(ACTIVITEITEN, encoding="utf-8")
    for header, args in ((PRAKTIJK, ["herregistratie", praktijk, activiteiten]),
                         ((FILES / "registratie-praktijk.csv").read_text(encoding="utf-8").splitlines()[0],
                          ["registratie", praktijk])):
        praktijk.write_text(header, encoding="utf-8")
        result = CliRunner().invoke(main, [str(a) for a in args] + ["--format", "json"])
        assert result.exit_code == 2, result.output
        assert f"geen beoefenaars in {praktijk}" in result.stderr and result.stdout == ""


def test_bad_input_gives_exit_2_and_no_verdicts():
    result = CliRunner().invoke(main, ["herregistratie", str(FILES / "fout-praktijk.csv"),
                                       str(FILES / "fout-activiteiten.csv"), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "17 fouten in de invoer" in result.stderr and "fout-activiteiten.csv: regel 7" in result.stderr
    assert "Traceback" not in result.output


def test_windows_1252_text_and_crlf_are_read():
    praktijk = (PRAKTIJK + "STW-1,Zoë Çelik,,01-01-2020,31-12-2024,\"2,5\",Ja\r\n").encode("cp1252")
    activiteiten = (ACTIVITEITEN + "STW-1,deskundigheidsbevordering,2021-01-01,\"18,0\",,Café-overleg\r\n").encode("cp1252")
    rapport = controleer("herregistratie", [Bestand("p.csv", praktijk), Bestand("a.csv", activiteiten)])
    u = rapport["uitslagen"][0]
    assert u["naam"] == "Zoë Çelik"
    assert (eis(u, "punten")["behaald"], eis(u, "werksetting")["behaald"]) == (18, 2.5)


def test_an_empty_period_end_comes_from_the_rule_data_and_a_different_length_is_flagged():
    rapport = check(PRAKTIJK + "STW-1,A,,2020-03-01,,2,ja\nSTW-2,B,,2020-01-01,2024-12-30,2,ja\n", ACTIVITEITEN)
    een, twee = rapport["uitslagen"]
    assert een["periode"] == {"start": "2020-03-01", "eind": "2025-02-28"} and not een["waarschuwingen"]
    assert "niet de 5 jaar van de regeling" in twee["waarschuwingen"][0]


@pytest.mark.parametrize("text,expected", [
    ("2024-12-31", date(2024, 12, 31)), ("31-12-2024", date(2024, 12, 31)),
    ("1-3-2022", date(2022, 3, 1)), ("01/03/2022", date(2022, 3, 1)), ("1.3.2022", date(2022, 3, 1))])
def test_dates(text, expected):
    assert waarden.datum(text) == expected


@pytest.mark.parametrize("text", ["2024-02-30", "31-12-24", "gisteren", "2024/12/31"])
def test_bad_dates(text):
    with pytest.raises(ValueError):
        waarden.datum(text)


@pytest.mark.parametrize("text,expected", [("2,5", Decimal("2.5")), ("2.5", Decimal("2.5")), ("18", Decimal(18)),
                                           (",5", Decimal("0.5"))])
def test_numbers(text, expected):
    assert waarden.getal(text) == expected


@pytest.mark.parametrize("text", ["1.234,5", "twee", "1e3", "NaN", "2,5,1"])
def test_bad_numbers(text):
    with pytest.raises(ValueError):
        waarden.getal(text)


@pytest.mark.parametrize("text,expected", [("ja", True), ("Nee", False), ("TRUE", True), ("false", False),
                                           ("1", True), ("0", False), ("WAAR", True)])
def test_yes_no(text, expected):
    assert waarden.janee(text) is expected


def test_an_unknown_register_is_bad_input():
    with pytest.raises(BeroepenError, match="onbekend register 'skj'"):
        controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"), register="skj")


def test_herregistratie_needs_both_files():
    with pytest.raises(BeroepenError, match="verwacht praktijk.csv activiteiten.csv"):
        controleer("herregistratie", bestanden("praktijk.csv"))


def test_every_duplicate_registratienummer_in_a_csv_is_named_with_its_line():
    praktijk = PRAKTIJK + "".join(f"STW-{n},Naam {i},,2020-01-01,2024-12-31,2,ja\n"
                                  for i, n in enumerate(["1", "2", "1", "3", "1", "2"]))
    with pytest.raises(Invoerfouten) as err:
        check(praktijk, ACTIVITEITEN)
    assert [(f["regel"], f["melding"]) for f in err.value.fouten] == [
        (4, "registratienummer STW-1 komt al voor op regel 2"),
        (6, "registratienummer STW-1 komt al voor op regel 2"),
        (7, "registratienummer STW-2 komt al voor op regel 3")]


@pytest.mark.parametrize("kolom", ["punten", "dagdelen_per_week"])
def test_a_5000_digit_number_is_a_bad_row_not_a_traceback(tmp_path, kolom):
    # Regression: Python's int-string limit raised ValueError deep in the report (HTTP 500).
    groot = "9" * 5000
    (tmp_path / "p.csv").write_text(PRAKTIJK + f"STW-1,Anna,,2020-01-01,2024-12-31,"
                                    f"{groot if kolom == 'dagdelen_per_week' else 2},ja\n")
    (tmp_path / "a.csv").write_text(ACTIVITEITEN + f"STW-1,nascholing,2021-01-01,"
                                    f"{groot if kolom == 'punten' else 2},NVRG,x\n")
    result = CliRunner().invoke(main, ["herregistratie", str(tmp_path / "p.csv"), str(tmp_path / "a.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    bestand = "a.csv" if kolom == "punten" else "p.csv"
    assert f"{bestand}: regel 2: {kolom}: '{'9' * 24}… (5000 tekens)' heeft te veel cijfers" in result.stderr
    assert groot not in result.output


def test_decimals_beyond_what_a_verdict_can_use_are_refused_not_rounded():
    # Regression: 17.4999…9 (30 decimals) became 17.5 in the sum (Decimal's 28 digits), so
    # a threshold of 17.5 would have been met by a dossier below it.
    rows = ACTIVITEITEN + "STW-1,nascholing,2021-01-01,17.499999999999999999999999999999,NVRG,x\n"
    with pytest.raises(Invoerfouten) as err:
        check(PRAKTIJK + "STW-1,Anna,,2020-01-01,2024-12-31,2,ja\n", rows)
    [fout] = err.value.fouten
    assert fout["regel"] == 2 and "te veel cijfers" in fout["melding"]


@pytest.mark.parametrize("text", ["123456789", "0,000001", "17,500000000000", "000001.5"])
def test_numbers_within_the_digit_limit_are_exact(text):
    assert waarden.getal(text) == Decimal(text.replace(",", "."))


@pytest.mark.parametrize("text", ["1234567890", "0,0000001", "1" * 30])
def test_numbers_beyond_the_digit_limit(text):
    with pytest.raises(ValueError, match="te veel cijfers"):
        waarden.getal(text)


def test_a_cell_over_the_csv_field_limit_is_bad_input_naming_the_line():
    lang = "x" * 200_000        # Python's csv module refuses fields over 128 kB
    with pytest.raises(BeroepenError) as err:
        check(PRAKTIJK + f'STW-1,"{lang}",,2020-01-01,2024-12-31,2,ja\n', ACTIVITEITEN)
    assert err.value.line == 2 and "een waarde is langer dan 131.072 tekens" in err.value.message


@pytest.mark.parametrize("text", ["１٠٠", "２", "٣,٥"])
def test_non_ascii_digits_are_no_number(text):
    # Regression (outside test): '１٠٠' counted as 100 points and '２' as 2 dagdelen.
    with pytest.raises(ValueError, match="geen getal"):
        waarden.getal(text)


def test_non_ascii_digits_in_a_date_are_no_date():
    with pytest.raises(ValueError):
        waarden.datum("２０２１-０１-０１")
