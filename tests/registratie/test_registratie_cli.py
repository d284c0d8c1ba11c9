"""`beroepen herregistratie` / `beroepen registratie`: exit codes, formats, atomic output, progress."""
import csv
import io
import json
import os
import stat
import subprocess
import sys

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
    assert "Samenvatting: 2 beoordeeld, 2 voldoen, 0 voldoen niet, 0 handmatig te beoordelen." in result.stdout


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
    assert data[1]["voldoet"] is False
    punten = data[1]["eisen"][0]
    verwacht = {"eis": "punten", "meetwijze": "som van punten", "vereist": 18, "behaald": 17.5, "voldoet": False,
                "toetsbaar": True, "eenheid": "punten", "bron": "https://w3id.org/beroepen/id/bron/stw-factsheet"}
    assert {k: punten[k] for k in verwacht} == verwacht
    assert [e["eis"] for e in data[1]["eisen"]] == ["punten", "intervisie", "werksetting", "tuchtrecht"]
    assert "Samenvatting: 9 beoordeeld, 2 voldoen, 7 voldoen niet, 0 handmatig te beoordelen." in result.stderr


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
    # The umask is read once when beroepen is imported, so the command runs in a fresh process
    # started with the umask set (setting it here, after the import, would test nothing).
    for umask, mode in ((0o022, 0o644), (0o027, 0o640)):
        out = tmp_path / f"rapport-{umask:o}.json"
        result = subprocess.run(
            [sys.executable, "-m", "beroepen.cli", "herregistratie", str(FILES / "praktijk.csv"),
             str(FILES / "activiteiten.csv"), "--format", "json", "-o", str(out)],
            capture_output=True, text=True, timeout=120, preexec_fn=lambda u=umask: os.umask(u))
        assert result.returncode == 1, result.stderr
        assert len(json.loads(out.read_text(encoding="utf-8"))) == 9
        assert stat.S_IMODE(out.stat().st_mode) == mode


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
    shacl, regels = run(*args, "--engine", "shacl"), run(*args, "--engine", "regels")
    assert (shacl.exit_code, regels.exit_code) == (1, 1), shacl.output
    assert shacl.stdout == regels.stdout and len(json.loads(shacl.stdout)) == 9


def _evaluator_with_a_bug(monkeypatch, eis, behaald, voldoet, nummer="STW-0001"):
    """The evaluator, except that it reports `behaald`/`voldoet` for one requirement of `nummer`."""
    import beroepen.registratie as registratie
    echt = registratie.beoordeel

    def fout(dossier, regelboek):
        uitslag = echt(dossier, regelboek)
        if uitslag["registratienummer"] == nummer:
            item = next(e for e in uitslag["eisen"] if e["eis"] == eis)
            item.update(behaald=behaald, voldoet=voldoet)
        return uitslag
    monkeypatch.setattr(registratie, "beoordeel", fout)


def test_engines_that_disagree_on_a_verdict_exit_3_with_a_clear_message(monkeypatch):
    _evaluator_with_a_bug(monkeypatch, "intervisie", 24, False)
    args = ["herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "json"]
    result = run(*args, "--engine", "shacl")
    assert result.exit_code == 3 and result.stdout == ""
    assert "de regelevaluatie en pySHACL (de referentie) verschillen" in result.stderr
    assert "STW-0001: niet gehaald volgens de regels ['intervisie'], volgens SHACL []" in result.stderr
    assert "Traceback" not in result.output
    assert run(*args, "--engine", "regels").exit_code == 1     # without the cross-check nobody notices


def test_engines_that_disagree_only_on_an_achieved_number_exit_3(monkeypatch):
    # Both still say "voldoet"; the numbers behind it differ (the evaluator says 31, SHACL 30).
    behaald = next(e["behaald"] for e in json.loads(run(
        "herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--format", "json",
        "--engine", "regels").stdout)[0]["eisen"] if e["eis"] == "intervisie")
    _evaluator_with_a_bug(monkeypatch, "intervisie", behaald + 1, True)
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv", "--engine", "shacl")
    assert result.exit_code == 3
    assert (f"STW-0001, eis intervisie: behaald volgens de regels {behaald + 1}, volgens SHACL {behaald}"
            in result.stderr)


def test_auto_cross_checks_a_sample_of_a_register_larger_than_five(monkeypatch):
    # Regression: registers of more than five dossiers were never cross-checked.
    _evaluator_with_a_bug(monkeypatch, "intervisie", 24, False)
    result = run("herregistratie", FILES / "praktijk.csv", FILES / "activiteiten.csv")    # 9 dossiers
    assert result.exit_code == 3 and "STW-0001" in result.stderr


def test_registratie_command_for_the_stw():
    result = run("registratie", FILES / "registratie-praktijk.csv", "--format", "json")
    assert result.exit_code == 1
    verdicts = {u["registratienummer"]: u["voldoet"] for u in json.loads(result.stdout)}
    assert verdicts == {"STW-N001": True, "STW-N002": False, "STW-N003": False, "STW-N004": False}


def test_register_vaktherapie_without_evidence_is_not_voldoet():
    # Regression: a practitioner with no deskundigheidsbevordering and no intercollegiale
    # toetsing at all got VOLDOET, exit 0, "voldoet": true, while two of the five requirements
    # have no threshold in the source and so cannot be judged by the check.
    praktijk = FILES / "vaktherapie-praktijk.csv"
    args = ["registratie", "--register", "register-vaktherapie", praktijk]
    tekst = run(*args)
    assert tekst.exit_code == 1
    assert "RV-001  Wim Koster  HANDMATIG BEOORDELEN" in tekst.stdout
    assert "Samenvatting: 2 beoordeeld, 0 voldoen, 1 voldoen niet, 1 handmatig te beoordelen." in tekst.stdout
    data = json.loads(run(*args, "--format", "json").stdout)
    wim = data[0]
    assert (wim["registratienummer"], wim["voldoet"]) == ("RV-001", None)
    assert [(e["eis"], e["voldoet"], e["behaald"]) for e in wim["eisen"]] == [
        ("lidmaatschap", True, True), ("opleiding", True, True), ("werkzaam", True, True),
        ("deskundigheidsbevordering", None, 0), ("intercollegiale-toetsing", None, 0)]
    assert data[1]["voldoet"] is False          # a requirement that fails decides: voldoet niet
    rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv").stdout)))
    assert {r["voldoet"] for r in rows if r["registratienummer"] == "RV-001"} == {"handmatig"}
    html = run(*args, "--format", "html").stdout
    assert html.count('<tr data-voldoet="handmatig"') == 1 and html.count('<tr data-voldoet="nee"') == 1
    assert '<td class="handmatig">handmatig beoordelen</td>' in html


def test_only_judged_requirements_met_is_still_exit_1_and_everyone_meeting_is_0(tmp_path):
    # Exit 0 only when every dossier meets every requirement; one "handmatig" is enough for 1.
    praktijk = tmp_path / "p.csv"
    praktijk.write_text("registratienummer,naam,register,lid_beroepsvereniging,erkende_opleiding_afgerond,"
                        "werkzaam_in_het_beroep\nRV-9,Ans,register-vaktherapie,ja,ja,ja\n", encoding="utf-8")
    result = run("registratie", "--register", "register-vaktherapie", praktijk, "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)[0]["voldoet"] is None
    assert "0 voldoen, 0 voldoen niet, 1 handmatig te beoordelen" in result.stderr


def test_csv_output_does_not_let_a_name_become_a_spreadsheet_formula(tmp_path):
    praktijk = tmp_path / "p.csv"
    praktijk.write_text("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,"
                        "verklaring_tuchtrecht\nSTW-1,=HYPERLINK(\"x\"),,2020-01-01,2024-12-31,2,ja\n")
    activiteiten = tmp_path / "a.csv"
    activiteiten.write_text("registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n")
    result = run("herregistratie", praktijk, activiteiten, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["naam"] == "'=HYPERLINK(\"x\")"


def test_a_turtle_dossier_is_cross_checked_on_its_numbers_too(monkeypatch):
    # Regression: a graph dossier was compared with pySHACL on failed requirements only.
    dossier = FILES / "dossier-stw-0004.ttl"
    uitslag = json.loads(run("herregistratie", dossier, "--format", "json").stdout)[0]
    eis = next(e for e in uitslag["eisen"] if e["eis"] == "intervisie")
    behaald = eis["behaald"]
    _evaluator_with_a_bug(monkeypatch, "intervisie", behaald + 1, eis["voldoet"], uitslag["registratienummer"])
    result = run("herregistratie", dossier)
    assert result.exit_code == 3
    assert f"eis intervisie: behaald volgens de regels {behaald + 1}, volgens SHACL {behaald}" in result.stderr
