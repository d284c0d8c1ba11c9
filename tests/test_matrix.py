"""The task × competence matrix matches the BCP text, read straight from the seed."""
import csv
import io
import re

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from support import SHARED

BCP_SEED = SHARED / "seeds" / "002_3d7eccbd1cb13e32.txt"
HEADER = "beroepstaak,titel,1,2,3,4,5,6,A,B,C,D,E,F"


def seed_relations():
    """{task number: set of codes} from the 'Relatie met … competenties' lines of each task."""
    if not BCP_SEED.is_file():
        pytest.skip(f"bron niet aanwezig: {BCP_SEED}")
    text = BCP_SEED.read_text(encoding="utf-8")
    blocks = re.split(r"BEROEPSTAAK (\d+)", text)[1:]
    relations = {}
    for number, block in zip(blocks[::2], blocks[1::2]):
        lines = re.findall(r"Relatie met (?:generieke|vaktherapeutische) competenties:([^\n]*)", block)
        relations[int(number)] = {code for line in lines for code in line.split()}
    return relations


def matrix_csv(*extra):
    result = CliRunner().invoke(main, ["matrix", "--profiel", "vaktherapeut", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_contract_and_cells_match_the_bcp():
    text = matrix_csv("--format", "csv")
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = seed_relations()
    assert [int(r["beroepstaak"]) for r in rows] == sorted(expected) == list(range(1, 12))
    codes = HEADER.split(",")[2:]
    for row in rows:
        marked = {c for c in codes if row[c] == "x"}
        assert marked == expected[int(row["beroepstaak"])], f"beroepstaak {row['beroepstaak']}"
        assert all(row[c] in ("x", "") for c in codes)
        assert row["titel"]


def test_markdown_and_html_hold_the_same_cells():
    rows = list(csv.reader(io.StringIO(matrix_csv("--format", "csv"))))
    markdown = matrix_csv("--format", "markdown")
    html = matrix_csv("--format", "html")
    for row in rows[1:]:
        assert "| " + " | ".join(row) + " |" in markdown
        assert html.count("<tr>") == len(rows)


def test_unknown_profile_is_exit_2_with_the_known_names():
    result = CliRunner().invoke(main, ["matrix", "--profiel", "vaktherapie"])
    assert result.exit_code == 2
    assert "onbekend profiel 'vaktherapie'" in result.output
    assert "vaktherapeut" in result.output
