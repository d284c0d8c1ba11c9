"""`beroepen build`: the release is written only when the gate and HermiT pass."""
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from beroepen.cli import main
from beroepen.resources import turtle_files

BROKEN = Path(__file__).parent / "files" / "kapot"
BCP = "https://w3id.org/beroepen/id/profiel/bcp-vaktherapeut/"


def run(*args):
    return CliRunner().invoke(main, list(args))


def data_args(*extra):
    files = [str(p) for p in turtle_files("data")] + [str(p) for p in extra]
    return [arg for f in files for arg in ("--data", f)]


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "dist"
    result = run("build", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_release_files_hold_the_same_graph(release, shipped_graph):
    out, text = release
    assert "HermiT: consistent" in text
    for name, fmt in [("beroepen.ttl", "turtle"), ("beroepen.nt", "nt"), ("beroepen.jsonld", "json-ld")]:
        assert len(Graph().parse(out / name, format=fmt)) == len(shipped_graph), name
    assert (out / "MANIFEST.json").is_file()


@pytest.mark.parametrize("broken, exit_code, expected", [
    ("syntaxfout.ttl", 2, ["syntaxfout.ttl", "regel 6"]),
    ("zonder-label.ttl", 1, ["id/werkveld/naamloos", "bs:ResourceShape-label"]),
    ("onbekende-competentie.ttl", 1, [BCP + "beroepstaak/1", "bs:BeroepstaakShape-competentie",
                                      BCP + "competentie/G"]),
    ("taak-zonder-competentie.ttl", 1, [BCP + "beroepstaak/12", "bs:BeroepstaakShape-generiek",
                                        "bs:BeroepstaakShape-specifiek"]),
    ("inconsistent.ttl", 1, ["inconsistent"]),
])
def test_broken_data_leaves_the_release_untouched(release, broken, exit_code, expected):
    out, _ = release
    before = snapshot(out)
    result = run("build", "-o", str(out), *data_args(BROKEN / broken))
    assert result.exit_code == exit_code, result.output
    for text in expected:
        assert text in result.output
    assert "Traceback" not in result.output
    assert snapshot(out) == before


def test_failed_first_build_writes_nothing(tmp_path):
    out = tmp_path / "dist"
    result = run("build", "-o", str(out), *data_args(BROKEN / "zonder-label.ttl"))
    assert result.exit_code == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_is_exit_2_without_traceback(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    result = run("build", "--no-reason", "-o", str(blocker / "dist"))
    assert result.exit_code == 2, result.output
    assert "kan de release niet schrijven" in result.output and "Traceback" not in result.output
    assert blocker.read_text() == "geen map"
