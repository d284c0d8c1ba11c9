"""`beroepen herregistratie` / `beroepen registratie`: exit codes, formats, atomic output, progress."""
import csv
import io
import json
import os
import stat

from click.testing import CliRunner

from beroepen.cli import main

from registratie_hulp import FILES


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def subset(tmp_path, nummers):
    """The fixture register restricted to some practitioners."""
    paths = []
    for name in ("praktijk.csv", "activiteiten.csv"):
        lines = (FILES / name).read_text(encoding="utf-8").splitlines(keepends=True)
        path = tmp_path / name
        path.write_text(lines[0] + "".join(l for l in lines[1:] if l.split(",")[0] in nummers), encoding="utf-8")
        paths.append(path)
    return paths


def test_exit_0_when_everyone_meets_the_rules(tmp_path):
    result = run("herregistratie", *subset(tmp_path, {"STW-0001", "STW-0009"}))
    assert result.exit_code == 0, result.output
    assert "Samenvatting: 2 beoordeeld, 2 voldoen, 0 voldoen niet." in result.stdout


def test_exit_1_when_someone_does_not():
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv")
    assert result.exit_code == 1
    assert "STW-0002  Bram Visser  VOLDOET NIET" in result.stdout
    assert "✗ punten: 17,5 van ten minste 18 punten" in result.stdout


def test_usage_errors_exit_2():
    assert run("herregistratie", FILES / "praktijk.csv").exit_code == 2
    assert run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--register", "skj").exit_code == 2
    bad_date = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--peildatum", "morgen")
    assert bad_date.exit_code == 2 and "--peildatum" in bad_date.stderr
    assert run("herregistratie", FILES / "bestaat-niet.csv", FILES / "activiteiten.csv").exit_code == 2


def test_json_output_is_the_contract_in_input_order():
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "json")
    data = json.loads(result.stdout)
    assert [u["registratienummer"] for u in data] == [f"STW-000{i}" for i in range(1, 10)]
    assert data[1]["eisen"][0] | {} == data[1]["eisen"][0] and data[1]["eisen"][0]["behaald"] == 17.5
    assert "Samenvatting: 9 beoordeeld, 2 voldoen, 7 voldoen niet." in result.stderr


def test_csv_output_has_a_row_per_practitioner_per_requirement():
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 9 * 4
    row = next(r for r in rows if r["registratienummer"] == "STW-0005" and r["eis"] == "intervisie")
    assert (row["vereist"], row["behaald"], row["eis_voldoet"], row["voldoet"]) == ("25", "24", "nee", "nee")


def test_html_output_is_written_atomically(tmp_path):
    out = tmp_path / "rapport.html"
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "html", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.count('<tr data-voldoet="nee"') == 7 and "Bram Visser" in html
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.html"]   # no temporary file left


def test_bad_input_writes_no_output_file(tmp_path):
    out = tmp_path / "rapport.json"
    result = run("herregistratie", FILES / "fout-praktijk.csv", FILES / "fout-activiteiten.csv", "-o", out,
                 "--format", "json")
    assert result.exit_code == 2 and not out.exists() and list(tmp_path.iterdir()) == []


def test_report_written_with_o_is_not_mode_0600(tmp_path):
    # Regression: the report had its own mkstemp code and kept mkstemp's private 0600 mode.
    out = tmp_path / "rapport.json"
    old = os.umask(0o022)
    try:
        result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "json", "-o", out)
    finally:
        os.umask(old)
    assert result.exit_code == 1 and len(json.loads(out.read_text(encoding="utf-8"))) == 9
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_unwritable_output_path_is_bad_input_not_a_traceback(tmp_path):
    # Regression: -o under a file, or somewhere no file can be made, ended in an OSError traceback.
    (tmp_path / "een-bestand").write_text("x", encoding="utf-8")
    for out in (tmp_path / "een-bestand" / "rapport.json", "/proc/rapport.json"):
        result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "-o", out)
        assert result.exit_code == 2, result.output
        assert f"{out}: kan niet schrijven" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert [p.name for p in tmp_path.iterdir()] == ["een-bestand"]


def test_progress_is_shown_on_stderr_when_asked():
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--progress", "--format", "csv")
    assert "herregistratie, lezen: 247/247 (100%)" in result.stderr
    assert "herregistratie, toetsen: 9/9 (100%)" in result.stderr
    assert "herregistratie," not in result.stdout
    quiet = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "csv")
    assert "toetsen: 9/9" not in quiet.stderr


def test_engine_shacl_gives_the_same_report():
    args = ["herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "json"]
    assert run(*args, "--engine", "shacl").stdout == run(*args).stdout


def test_registratie_command_for_the_stw():
    result = run("registratie", FILES / "registratie-praktijk.csv", "--format", "json")
    assert result.exit_code == 1
    verdicts = {u["registratienummer"]: u["voldoet"] for u in json.loads(result.stdout)}
    assert verdicts == {"STW-N001": True, "STW-N002": False, "STW-N003": False, "STW-N004": False}


def test_csv_output_does_not_let_a_name_become_a_spreadsheet_formula(tmp_path):
    praktijk = tmp_path / "p.csv"
    praktijk.write_text("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,"
                        "verklaring_tuchtrecht\nSTW-1,=HYPERLINK(\"x\"),,2020-01-01,2024-12-31,2,ja\n")
    activiteiten = tmp_path / "a.csv"
    activiteiten.write_text("registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n")
    result = run("herregistratie", praktijk, activiteiten, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["naam"] == "'=HYPERLINK(\"x\")"
