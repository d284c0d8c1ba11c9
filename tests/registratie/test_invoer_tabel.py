"""invoer/tabel.py: CSV tables decoded while read (encoding, byte order mark, delimiter), and
the cycle collector left as it was after a register is read."""
import gc

import pytest

from beroepen.invoer import tabel
from beroepen.invoer.tabel import Bestand, Fouten
from beroepen.registratie import Invoerfouten, controleer

from registratie_hulp import bestanden


def rows(data, verplicht=("a", "b")):
    kolommen, gelezen = tabel.tabel(Bestand("t.csv", data), list(verplicht), Fouten())
    return kolommen, list(gelezen)


def test_a_character_split_across_the_check_blocks_is_still_utf8():
    data = b"a" * (tabel._BLOK - 1) + "é".encode("utf-8") + b"\n"
    assert tabel.codering(data) == "utf-8-sig"
    assert tabel.codering(data + b"\xe9") == "cp1252"       # a lone Windows-1252 é at the end


@pytest.mark.parametrize("data, eerste", [
    ("a;b\nĳs;één\n".encode("utf-8"), "ĳs"),
    ("\ufeffa,b\nĳs,één\n".encode("utf-8"), "ĳs"),
    ("a\tb\nijs\téén\n".encode("cp1252"), "ijs"),
])
def test_delimiter_bom_and_encoding_are_recognised(data, eerste):
    kolommen, gelezen = rows(data)
    assert kolommen == ["a", "b"]
    assert gelezen == [(2, [eerste, "één"])]


def test_reading_a_register_leaves_the_cycle_collector_on():
    assert gc.isenabled()
    controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"), engine="regels")
    assert gc.isenabled()
    with pytest.raises(Invoerfouten):
        controleer("herregistratie", bestanden("praktijk.csv", "fout-activiteiten.csv"), engine="regels")
    assert gc.isenabled()


def test_reading_leaves_a_paused_collector_paused():
    gc.disable()
    try:
        controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"), engine="regels")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_value_over_the_cell_limit_is_named_in_dutch_with_its_line():
    """A 3 MB line gave Python's English 'field larger than field limit (131072)'."""
    with pytest.raises(tabel.BeroepenError) as err:
        rows(b"a;b\n1;" + b"x" * 3_000_000 + b"\n")
    assert err.value.line == 2
    assert "een waarde is langer dan 131.072 tekens" in str(err.value)
    assert "field" not in str(err.value)


@pytest.mark.parametrize("data, soort", [
    (b"PK\x03\x04" + bytes(range(256)) * 4, "Excel-werkmap (.xlsx)"),
    (b"\xd0\xcf\x11\xe0" + bytes(range(256)), "(.xls/.doc)"),
    (b"a;b\n\x00\x01;\xff\n", "NUL-bytes"),
])
def test_a_binary_file_is_refused_as_no_text_without_echoing_it(data, soort):
    """A binary file was decoded as Windows-1252 and its garbage echoed in the message."""
    with pytest.raises(tabel.BeroepenError) as err:
        rows(data)
    message = str(err.value)
    assert "geen tekstbestand: verwacht CSV" in message and soort in message
    assert "\x00" not in message and "\x03" not in message
