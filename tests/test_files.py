"""Plumbing regressions: atomic writes (permissions, nothing left when stopped) and invalid shapes."""
import os
import signal
import stat
import subprocess
import sys

import pytest
from rdflib import Graph

from beroepen.kennisgraaf import release
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.release import write_atomic
from beroepen.kennisgraaf.validation import validate

MODES = [pytest.param(True, id="unnamed-file"), pytest.param(False, id="hidden-named-file")]


@pytest.fixture(params=MODES)
def unnamed(request, monkeypatch):
    """Both ways of writing: an O_TMPFILE file (Linux), and the hidden named file elsewhere."""
    if request.param and not release.UNNAMED:
        pytest.fail("O_TMPFILE and /proc/self/fd are expected on Linux")
    monkeypatch.setattr(release, "UNNAMED", request.param)
    return request.param


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_write_atomic_files_get_ordinary_permissions(tmp_path, unnamed, umask, mode):
    # Regression: mkstemp left every written file 0600 whatever the umask; then the mode was
    # derived from a umask read once at import, so a later umask was ignored.
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "rapport.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "rapport.json").stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.json"]


def test_invalid_shapes_are_bad_input_not_a_crash():
    # Regression: pySHACL returns a ValidationFailure instead of a report graph here.
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:sparql [ sh:select "SELECT $this WHERE { VALUES ?x { 1 } $this ?p ?x }" ] .""",
                           format="turtle")
    with pytest.raises(BeroepenError, match="SHACL-vormen zijn ongeldig"):
        validate(Graph().parse(data="<http://example.org/a> <http://example.org/p> 1 .", format="turtle"),
                 shapes)


def test_write_atomic_to_an_unwritable_path_is_bad_input(tmp_path, unnamed):
    # Regression: an OSError (a file where a folder should be) escaped as a traceback.
    (tmp_path / "bestand").write_bytes(b"x")
    with pytest.raises(BeroepenError, match="kan niet schrijven") as err:
        write_atomic(tmp_path / "bestand" / "rapport.json", b"{}")
    assert err.value.file == tmp_path / "bestand" / "rapport.json"
    assert [p.name for p in tmp_path.iterdir()] == ["bestand"]


# A CLI run that stops after the report's first piece (a practitioner's name) is written.
SLOW_RUN = """
import sys, time
from beroepen.kennisgraaf import release
from beroepen.registratie import rapport
release.UNNAMED = {unnamed}
echt = rapport.chunks
def traag(*args):
    for i, stuk in enumerate(echt(*args)):
        yield stuk
        if i == 2:
            print("bezig", flush=True)
            time.sleep(120)
rapport.chunks = traag
from beroepen.cli import main
main(["herregistratie", {praktijk!r}, {activiteiten!r}, "--format", "html", "-o", {uit!r}])
"""


@pytest.mark.parametrize("unnamed, sig, code", [
    (True, signal.SIGINT, 130), (True, signal.SIGTERM, 143), (True, signal.SIGKILL, -9),
    (False, signal.SIGINT, 130), (False, signal.SIGTERM, 143),
    # not (False, SIGKILL): without O_TMPFILE a SIGKILL can leave the hidden file (documented)
])
def test_a_stopped_cli_run_leaves_no_partial_report(tmp_path, unnamed, sig, code):
    # Regression: Ctrl-C exited 1 (the code for "someone fails") and a killed run left a hidden
    # partial report with names beside the target.
    files = os.path.join(os.path.dirname(__file__), "registratie", "files")
    out = tmp_path / "uit"
    out.mkdir()
    (out / "rapport.html").write_text("vorige versie")
    script = SLOW_RUN.format(unnamed=unnamed, praktijk=os.path.join(files, "praktijk.csv"),
                             activiteiten=os.path.join(files, "activiteiten.csv"),
                             uit=str(out / "rapport.html"))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "bezig\n", process.stderr.read()
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert [p.name for p in out.iterdir()] == ["rapport.html"]
    assert (out / "rapport.html").read_text() == "vorige versie"


def test_a_missing_source_text_fails_under_ci_and_skips_otherwise(tmp_path, monkeypatch):
    # Regression: with CI=true, tests that need ../shared skipped when it was missing.
    from support import require_shared
    missing = tmp_path / "seeds"
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_shared(missing)
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_shared(missing)
    missing.mkdir()
    assert require_shared(missing) == missing
