"""Plumbing regressions: atomic writes and invalid shapes."""
import stat

import pytest
from rdflib import Graph

from beroepen.errors import BeroepenError
from beroepen import release
from beroepen.release import write_atomic
from beroepen.validation import validate


def test_write_atomic_files_get_ordinary_permissions(tmp_path):
    # Regression: mkstemp left every written file 0600 whatever the umask.
    write_atomic(tmp_path / "rapport.json", b"{}")
    mode = stat.S_IMODE((tmp_path / "rapport.json").stat().st_mode)
    assert mode == 0o666 & ~release._UMASK
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


def test_write_atomic_to_an_unwritable_path_is_bad_input(tmp_path):
    # Regression: an OSError (a file where a folder should be) escaped as a traceback.
    (tmp_path / "bestand").write_bytes(b"x")
    with pytest.raises(BeroepenError, match="kan niet schrijven") as err:
        write_atomic(tmp_path / "bestand" / "rapport.json", b"{}")
    assert err.value.file == tmp_path / "bestand" / "rapport.json"
    assert [p.name for p in tmp_path.iterdir()] == ["bestand"]
