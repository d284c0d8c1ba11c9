"""Reading tables as registry and school systems export them: CSV files.

`,` or `;` (or tab) between cells, decided by the header line; UTF-8 with or without byte
order mark, else Windows-1252. The bytes are decoded as they are read, never copied into one
big string: a register's activities file is 170 MB. Every bad row is collected in Fouten;
`Invoerfouten` lists them all (file and line). Used by registration and curriculum.
"""
import codecs
import csv
import io
import itertools
import os
import re
from dataclasses import dataclass

from ..errors import BeroepenError
from . import limieten

MAX_FOUTEN = 100_000    # listed in full up to here (memory bound); beyond, counted
_BLOK = 1 << 20


@dataclass
class Bestand:
    """An input file: its name (for messages) and its bytes (from disk or an upload)."""
    naam: str
    data: bytes

    @classmethod
    def lees(cls, path, limits=limieten.CLI):
        """A file from disk; one larger than limits.max_bytes is refused before it is read."""
        try:
            with open(path, "rb") as handle:
                limieten.check_size(str(path), os.fstat(handle.fileno()).st_size, limits)   # before reading
                bestand = cls(str(path), handle.read(limits.max_bytes + 1))   # a pipe: read up to the cap
        except OSError as err:
            raise BeroepenError(f"kan niet gelezen worden: {err.strerror}", file=path) from None
        limieten.check_size(bestand.naam, len(bestand.data), limits)     # a pipe has no size
        return bestand


class Invoerfouten(BeroepenError):
    """One or more bad rows; `fouten` lists each as {bestand, regel, melding}."""

    def __init__(self, fouten, totaal=None):
        self.fouten = fouten
        self.totaal = totaal or len(fouten)
        lines = [f"  {f['bestand']}: regel {f['regel']}: {f['melding']}" if f["regel"]
                 else f"  {f['bestand']}: {f['melding']}" for f in fouten]
        if self.totaal > len(fouten):
            lines.append(f"  … en nog {self.totaal - len(fouten)} fouten")
        super().__init__(f"{self.totaal} {'fout' if self.totaal == 1 else 'fouten'} in de invoer; er is geen oordeel gegeven:\n"
                         + "\n".join(lines))


class Fouten:
    """The bad rows found so far; check() raises Invoerfouten when there is one."""

    def __init__(self):
        self.lijst = []
        self.totaal = 0

    def add(self, bestand, regel, melding):
        self.totaal += 1
        if len(self.lijst) < MAX_FOUTEN:
            self.lijst.append({"bestand": bestand, "regel": regel, "melding": melding})

    def check(self):
        if self.totaal:
            raise Invoerfouten(self.lijst, self.totaal)


def codering(data):
    """utf-8-sig when the bytes are UTF-8 (checked piece by piece, no copy), else cp1252."""
    if data.isascii():
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), _BLOK):
            decoder.decode(view[start:start + _BLOK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def regels(bestand):
    """The file's lines as text, decoded while read."""
    return io.TextIOWrapper(io.BytesIO(bestand.data), encoding=codering(bestand.data),
                            errors="replace", newline="")


def kolomnaam(text):
    """' Periode-Start ' → 'periode_start'."""
    return re.sub(r"[\s\-]+", "_", text.strip().strip('"').lower())


def tabel(bestand, verplicht, fouten, limits=limieten.CLI):
    """(columns, rows) of a CSV file: rows as (line, cells), one stripped cell per column;
    None when the header is unusable. Reading stops with limieten.LimitExceeded past the
    file's size, row or time budget."""
    limieten.check_size(bestand.naam, len(bestand.data), limits)
    geen_tekst(bestand)
    lines = regels(bestand)
    first = lines.readline()
    delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    header = next(_lezer(reader, bestand), None)
    if not header:
        fouten.add(bestand.naam, 1, "het bestand is leeg (verwacht een kopregel met "
                                    + ", ".join(verplicht) + ")")
        return None
    kolommen = [kolomnaam(k) for k in header]
    ontbreekt = [k for k in verplicht if k not in kolommen]
    if ontbreekt:
        fouten.add(bestand.naam, 1, f"verplichte kolom(men) ontbreken: {', '.join(ontbreekt)} "
                                    f"(gevonden: {', '.join(kolommen)}; scheidingsteken '{delimiter}')")
        return None
    return kolommen, _rows(reader, kolommen, bestand, fouten, limits)


_BINAIR = {b"PK\x03\x04": "een zip-bestand of Excel-werkmap (.xlsx); sla het in Excel op als CSV",
           b"\xd0\xcf\x11\xe0": "een oud Excel- of Word-bestand (.xls/.doc); sla het op als CSV",
           b"%PDF": "een pdf"}


def geen_tekst(bestand):
    """Refuse a binary file before reading it as CSV: decoded as cp1252 it gave a message full
    of garbage. NUL bytes in the first block mean: no text (no CSV export writes them)."""
    kop = bestand.data[:_BLOK]
    soort = next((naam for magic, naam in _BINAIR.items() if kop.startswith(magic)), None)
    if soort or b"\x00" in kop:
        raise BeroepenError("geen tekstbestand: verwacht CSV (tekst met ; of , tussen de waarden)"
                            + (f", maar dit is {soort}" if soort else ", maar het bevat NUL-bytes"),
                            file=bestand.naam)


def _lezer(reader, bestand):
    """The csv reader's rows; its own errors (a cell over 128 kB …) name the line, in Dutch."""
    try:
        yield from reader
    except csv.Error as err:
        melding = (f"een waarde is langer dan {csv.field_size_limit():,} tekens".replace(",", ".")
                   if "field larger than field limit" in str(err) else f"onleesbare CSV ({err})")
        raise BeroepenError(melding, file=bestand.naam, line=reader.line_num) from None


def _rows(reader, kolommen, bestand, fouten, limits):
    width = len(kolommen)
    deadline = limieten.Deadline(bestand.naam, limits)
    for n, cells in enumerate(_lezer(reader, bestand), 1):
        if n % 4096 == 0:
            deadline.check(reader.line_num)
        if n > limits.max_rows:
            raise limieten.LimitExceeded(f"meer dan {limits.max_rows:,} regels", "UPLOAD_MAX_ROWS",
                                         file=bestand.naam, line=reader.line_num)
        if not "".join(cells).strip():
            continue
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            fouten.add(bestand.naam, reader.line_num,
                       f"{len(cells)} waarden, maar {width} kolommen (een waarde met het "
                       "scheidingsteken erin hoort tussen aanhalingstekens)")
            continue
        if len(cells) < width:
            cells += [""] * (width - len(cells))
        yield reader.line_num, list(map(str.strip, cells[:width] if len(cells) > width else cells))
