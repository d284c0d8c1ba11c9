"""Read an uploaded workbook as hostile input: bounded in bytes (packed and unpacked), sheets,
rows, columns and seconds; values only (a formula is a finding, never evaluated); external links
not loaded; XML entities refused (openpyxl parses with defusedxml when it is installed). Gives each sheet's headers and rows with their row number and column letter."""
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..errors import BeroepenError
from ..invoer import limieten
from . import bladen as B
from .omzetten import Bevinding, tekst

MAX_UITGEPAKT = 200 * 2 ** 20   # bytes of all parts of the xlsx unpacked (a zip bomb stops here)
MAX_BLADEN = 30


@dataclass
class Tabel:
    koppen: list = field(default_factory=list)   # [(letter, kop)]
    rijen: list = field(default_factory=list)    # [(rijnummer, {kop: (letter, value)})]


def lees_werkboek(path, limits=None):
    """({sheet name: Tabel}, [Bevinding]); a file that is no readable xlsx or past a limit
    is a BeroepenError."""
    limits = limits or limieten.CLI
    path = Path(path)
    _controleer_bestand(path, limits)
    book = _open(path)
    try:
        if len(book.sheetnames) > MAX_BLADEN:
            raise limieten.LimitExceeded(f"het werkboek heeft {len(book.sheetnames)} bladen, meer dan "
                                         f"{MAX_BLADEN}", "vast in beroepen", file=path)
        tabellen, findings = {}, []
        deadline = limieten.Deadline(str(path), limits)
        for name in book.sheetnames:
            if name == B.LEES_MIJ:
                continue
            if name not in B.BLAD:
                findings.append(Bevinding(name, bericht="onbekend blad; verwacht: " +
                                          ", ".join(b.naam for b in B.BLADEN)))
                continue
            tabellen[name] = _lees_blad(book[name], name, findings, path, deadline)
        return tabellen, findings
    finally:
        book.close()


def _controleer_bestand(path, limits):
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise BeroepenError("bestaat niet", file=path) from None
    except OSError as err:
        raise BeroepenError(f"kan niet gelezen worden: {err.strerror}", file=path) from None
    limieten.check_size(str(path), size, limits)
    if not zipfile.is_zipfile(path):
        raise BeroepenError("is geen xlsx-werkboek (verwacht een .xlsx-bestand uit Excel, "
                            "LibreOffice of beroepen export)", file=path)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise BeroepenError(f"is geen leesbaar xlsx-werkboek: {err}", file=path) from None
    if unpacked > MAX_UITGEPAKT:
        raise limieten.LimitExceeded(f"het werkboek is uitgepakt {unpacked:,} bytes, meer dan "
                                     f"{MAX_UITGEPAKT:,}", "vast in beroepen", file=path)


def _open(path):
    from openpyxl import load_workbook
    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False,
                             keep_vba=False)
    except Exception as err:  # openpyxl raises KeyError, InvalidFileException, XML errors …
        cause = err.__cause__ or err.__context__ or err  # openpyxl wraps the XML parser's error
        raise BeroepenError(f"is geen leesbaar xlsx-werkboek ({type(cause).__name__}: {cause})",
                            file=path) from None


def _lees_blad(sheet, name, findings, path, deadline):
    """The sheet's Tabel; the sheet's XML is parsed only now (read-only mode), so a sheet
    that is no valid XML, or declares entities, is refused here."""
    try:
        return _rijen(sheet, name, findings, path, deadline)
    except BeroepenError:
        raise
    except Exception as err:  # defusedxml's EntitiesForbidden, XML syntax errors, bad cell types
        raise BeroepenError(f"blad '{name}' is niet leesbaar ({type(err).__name__}: {err})",
                            file=path) from None


def _rijen(sheet, name, findings, path, deadline):
    tabel = Tabel()
    for number, row in enumerate(sheet.iter_rows(max_col=B.MAX_KOLOMMEN + 1), start=1):
        deadline.check()
        if number > B.MAX_RIJEN + 1:
            raise limieten.LimitExceeded(f"blad '{name}' heeft meer dan {B.MAX_RIJEN} rijen",
                                         "vast in beroepen", file=path)
        values = {}
        for index, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if index > B.MAX_KOLOMMEN:
                raise limieten.LimitExceeded(f"blad '{name}' heeft meer dan {B.MAX_KOLOMMEN} "
                                             "kolommen", "MAX_KOLOMMEN", file=path)
            letter = get_column_letter(index)
            if getattr(cell, "data_type", None) == "f":
                findings.append(Bevinding(name, number, letter, "een formule; alleen waarden "
                                          "worden gelezen (formules worden niet uitgerekend)"))
                continue
            values[letter] = value
        if number == 1:
            tabel.koppen = [(letter, tekst(v).strip()) for letter, v in values.items()]
        elif values:
            tabel.rijen.append((number, values))
    return tabel
