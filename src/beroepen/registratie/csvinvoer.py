"""Reading dossiers from what registry systems export: two CSV files, or a Turtle/JSON-LD graph.

CSV files are read the way Dutch spreadsheets write them: `,` or `;` (or tab) between
cells, an optional UTF-8 byte order mark (or Windows-1252 text), decimal commas, dates as
YYYY-MM-DD or DD-MM-YYYY, ja/nee/true/false/1/0. Every bad row is collected; when there is
one or more, `Invoerfouten` lists them all (file and line) and no verdict is given: a
silently dropped activity would turn into a wrong "voldoet niet".
"""
import csv
import functools
import io
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import XSD

from ..invoer import limieten as uploads
from ..errors import BeroepenError
from ..vocab import ID
from . import waarden
from .dossier import Activiteit, Dossier
from .regels import HERREGISTRATIE, naamsleutel

BASISKOLOMMEN = ["registratienummer", "naam", "register"]
PERIODEKOLOMMEN = ["periode_start", "periode_eind"]
ACTIVITEITKOLOMMEN = ["registratienummer", "soort", "datum", "punten", "geaccrediteerd_door",
                      "omschrijving"]
MAX_FOUTEN = 100_000    # listed in full up to here (memory bound); beyond, counted


@dataclass
class Bestand:
    """An input file: its name (for messages) and its bytes (from disk or an upload)."""
    naam: str
    data: bytes

    @classmethod
    def lees(cls, path, limits=uploads.CLI):
        """A file from disk; one larger than limits.max_bytes is refused before it is read."""
        try:
            with open(path, "rb") as handle:
                uploads.check_size(str(path), os.fstat(handle.fileno()).st_size, limits)   # before reading
                bestand = cls(str(path), handle.read(limits.max_bytes + 1))   # a pipe: read up to the cap
        except OSError as err:
            raise BeroepenError(f"kan niet gelezen worden: {err.strerror}", file=path) from None
        uploads.check_size(bestand.naam, len(bestand.data), limits)     # a pipe has no size
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
        super().__init__(f"{self.totaal} fout(en) in de invoer; er is geen oordeel gegeven:\n"
                         + "\n".join(lines))


class Fouten:
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


def _text(bestand):
    try:
        return bestand.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return bestand.data.decode("cp1252", errors="replace")


def _kolomnaam(text):
    return re.sub(r"[\s\-]+", "_", text.strip().strip('"').lower())


def tabel(bestand, verplicht, fouten, limits=uploads.CLI):
    """(columns, rows) of a CSV file: rows as (line, cells), one stripped cell per column;
    None when the header is unusable. Reading stops with uploads.LimitExceeded past the
    file's size, row or time budget."""
    uploads.check_size(bestand.naam, len(bestand.data), limits)
    text = _text(bestand)
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(_lezer(reader, bestand), None)
    if not header:
        fouten.add(bestand.naam, 1, "het bestand is leeg (verwacht een kopregel met "
                                    + ", ".join(verplicht) + ")")
        return None
    kolommen = [_kolomnaam(k) for k in header]
    ontbreekt = [k for k in verplicht if k not in kolommen]
    if ontbreekt:
        fouten.add(bestand.naam, 1, f"verplichte kolom(men) ontbreken: {', '.join(ontbreekt)} "
                                    f"(gevonden: {', '.join(kolommen)}; scheidingsteken '{delimiter}')")
        return None
    return kolommen, _rows(reader, kolommen, bestand, fouten, limits)


def _lezer(reader, bestand):
    """The csv reader's rows; its own errors (a cell over 128 kB …) name the line."""
    try:
        yield from reader
    except csv.Error as err:
        raise BeroepenError(f"onleesbare CSV: {err}", file=bestand.naam, line=reader.line_num) from None


def _rows(reader, kolommen, bestand, fouten, limits):
    width = len(kolommen)
    deadline = uploads.Deadline(bestand.naam, limits)
    for n, cells in enumerate(_lezer(reader, bestand), 1):
        if n % 4096 == 0:
            deadline.check(reader.line_num)
        if n > limits.max_rows:
            raise uploads.LimitExceeded(f"meer dan {limits.max_rows:,} regels", "UPLOAD_MAX_ROWS",
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
        yield reader.line_num, [c.strip() for c in cells[:width]]


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


_SCHEIDING = re.compile(r"\s*[;,/]\s*")


def accreditaties(regelboek, text):
    """The organisations (IRIs, str) a geaccrediteerd_door cell names: 'NVRG', the full name
    'Nederlandse Vereniging voor Relatie- en Gezinstherapie', or several separated by ; , or /.

    A name matches an organisation's prefLabel, altLabel or bo:afkorting (case, accents and
    spacing aside), or the last part of its IRI ('nvrg'). A value that names no known
    organisation raises ValueError: read as "not accredited by the NVRG" it would silently
    turn a meant accreditation into a wrong "voldoet niet"."""
    try:
        return (_organisatie(regelboek, text),)
    except ValueError:
        delen = [d for d in _SCHEIDING.split(text) if d]
        if len(delen) < 2:
            raise
    return tuple(dict.fromkeys(_organisatie(regelboek, d) for d in delen))


def _organisatie(regelboek, naam):
    gevonden = regelboek.organisatienamen.get(naamsleutel(naam), set())
    if len(gevonden) == 1:
        return next(iter(gevonden))
    if gevonden:            # 'NVVS' is the afkorting of two: guessing one could decide a verdict
        namen = " of ".join(sorted(f"'{regelboek.kortenamen[i]}' ({i.rsplit('/', 1)[-1]})" for i in gevonden))
        raise ValueError(f"'{naam}' is dubbelzinnig: {namen}; schrijf de volledige naam")
    lokaal = f"{ID}organisatie/{slug(naam)}"
    if lokaal in regelboek.kortenamen:      # the last part of the IRI: 'nvvs-seksuologie'
        return lokaal
    raise ValueError(f"onbekende accrediterende organisatie '{naam}'; bekend: {_bekend(regelboek)}")


def _bekend(regelboek):
    """The short names to offer: the accrediting organisations the rules name first."""
    eerst = sorted(set(regelboek.organisaties.values()))
    rest = sorted(set(regelboek.kortenamen.values()) - set(eerst), key=str.casefold)
    return ", ".join(eerst + rest)


def lees_csv(regelboek, regeling, praktijk, activiteiten=None, peildatum=None, voortgang=None,
             limits=uploads.CLI):
    """Dossiers from a practitioners file and an activities file (Bestand objects).

    Raises Invoerfouten listing every bad row, uploads.LimitExceeded past the budget
    `limits`; returns dossiers in input order.
    """
    fouten = Fouten()
    dossiers = _lees_praktijk(regeling, praktijk, peildatum, fouten, limits)
    if activiteiten is not None:
        _lees_activiteiten(regelboek, regeling, activiteiten, dossiers, fouten, voortgang, limits)
    fouten.check()
    return list(dossiers.values())


def _cel(row, kolom, parse, bestand, regel, fouten, verplicht=False):
    text = row.get(kolom, "")
    if not text:
        if verplicht:
            fouten.add(bestand, regel, f"{kolom}: ontbreekt")
        return None
    try:
        return parse(text)
    except ValueError as err:
        fouten.add(bestand, regel, f"{kolom}: {err}")
        return None


def _lees_praktijk(regeling, bestand, peildatum, fouten, limits):
    herregistratie = regeling.soort == HERREGISTRATIE
    verplicht = BASISKOLOMMEN + (PERIODEKOLOMMEN if herregistratie else []) + regeling.kolommen()
    parsed = tabel(bestand, verplicht, fouten, limits)
    dossiers = {}
    if parsed is None:
        return None
    geldig = {regeling.code}
    if regeling.register is not None:
        geldig.add(str(regeling.register).rsplit("/", 1)[-1])
    naam = bestand.naam
    kolommen = parsed[0]
    gelezen = 0
    for regel, cells in parsed[1]:
        gelezen += 1
        row = dict(zip(kolommen, cells))
        nummer = row["registratienummer"]
        if not nummer:
            fouten.add(naam, regel, "registratienummer: ontbreekt")
        elif nummer in dossiers:
            fouten.add(naam, regel, f"registratienummer {nummer} komt al voor op regel "
                                    f"{dossiers[nummer].regel}")
            continue
        if row["register"] and slug(row["register"]) not in geldig:
            fouten.add(naam, regel, f"register: '{row['register']}' hoort niet bij regeling "
                                    f"{regeling.code} (verwacht {' of '.join(sorted(geldig))}, of leeg)")
        dossier = Dossier(nummer, row["naam"], regeling, naam, regel, peildatum=peildatum)
        for kenmerk in regeling.kenmerken:
            janee = kenmerk.type == XSD.boolean
            if janee and not row[kenmerk.kolom]:    # missing is not "nee": no verdict on a guess
                fouten.add(naam, regel, f"{kenmerk.kolom}: leeg; verwacht ja of nee")
                continue
            parse = waarden.janee if janee else waarden.niet_negatief
            dossier.kenmerken[kenmerk.iri] = _cel(row, kenmerk.kolom, parse, naam, regel, fouten)
        if herregistratie:
            _periode(dossier, row, naam, regel, fouten)
        if nummer:
            dossiers[nummer] = dossier
    if not gelezen:      # a header alone would pass as "everyone meets the rules"
        fouten.add(naam, None, f"geen beoefenaars in {naam} (alleen een kopregel)")
    return dossiers


def _periode(dossier, row, naam, regel, fouten):
    start = _cel(row, "periode_start", waarden.datum, naam, regel, fouten, verplicht=True)
    eind = _cel(row, "periode_eind", waarden.datum, naam, regel, fouten)
    jaren = dossier.regeling.periode_jaren
    verwacht = _periode_eind(start, jaren) if start and jaren else None
    if eind is None and not row.get("periode_eind"):
        eind = verwacht
    if start and eind and start > eind:
        fouten.add(naam, regel, f"periode: begin {start} ligt na einde {eind}")
    elif verwacht and eind and eind > verwacht:
        fouten.add(naam, regel, te_lange_periode(dossier.regeling, start, eind))
    elif verwacht and eind and eind != verwacht:
        dossier.waarschuwingen.append(
            f"de periode {start} t/m {eind} is niet de {jaren} jaar van de regeling "
            f"({start} t/m {verwacht})")
    dossier.periode_start, dossier.periode_eind = start, eind


def te_lange_periode(regeling, start, eind):
    """The message for a period longer than the scheme's bo:periodeJaren, else None: its
    verdict would count activities the scheme does not, so it is bad input, not a warning."""
    jaren = regeling.periode_jaren
    if not (start and eind and jaren) or eind <= _periode_eind(start, jaren):
        return None
    return (f"periode: {start} t/m {eind} is langer dan de {jaren} jaar van regeling {regeling.code} "
            f"(verwacht een einde uiterlijk {_periode_eind(start, jaren)})")


def _periode_eind(start, jaren):
    """The last day of a period of `jaren` years from `start`: 2020-01-01 → 2024-12-31."""
    try:
        return date(start.year + jaren, start.month, start.day) - timedelta(days=1)
    except ValueError:          # 29 February
        return date(start.year + jaren, 3, 1) - timedelta(days=1)


def _lees_activiteiten(regelboek, regeling, bestand, dossiers, fouten, voortgang, limits):
    parsed = tabel(bestand, ACTIVITEITKOLOMMEN, fouten, limits)
    if parsed is None:
        return
    kolommen, rows = parsed
    if voortgang:
        rows = voortgang(rows, max(bestand.data.count(b"\n") - 1, 1), "lezen")
    i_nummer, i_soort, i_datum, i_punten, i_door, i_tekst = (kolommen.index(k) for k in ACTIVITEITKOLOMMEN)
    puntensoorten = regeling.puntensoorten
    soorten = dict(regelboek.soorten)
    soorten.update({slug(label): iri for iri, label in regelboek.soortlabels.items()})
    codes = {iri: code for code, iri in regelboek.soorten.items()}
    naam = bestand.naam
    datum, punten, add = waarden.datum, _punten, fouten.add
    door = {}           # cell text → organisation IRIs, or the error message; few distinct values
    per_dossier = Counter()
    for regel, cells in rows:
        nummer = cells[i_nummer]
        dossier = dossiers.get(nummer) if dossiers is not None else None
        per_dossier[nummer] += 1
        if per_dossier[nummer] > limits.max_rows_per_dossier:
            raise uploads.LimitExceeded(f"meer dan {limits.max_rows_per_dossier:,} activiteiten voor "
                                        f"registratienummer {nummer}", "UPLOAD_MAX_ROWS_PER_DOSSIER",
                                        file=naam, line=regel)
        if dossiers is not None and dossier is None:
            add(naam, regel, f"registratienummer: '{nummer}' staat niet in het bestand met "
                             "beroepsbeoefenaars" if nummer else "registratienummer: ontbreekt")
        code = cells[i_soort].lower()
        soort = soorten.get(code) or soorten.get(slug(code))
        if soort is None:
            add(naam, regel, f"soort: '{cells[i_soort]}' is onbekend (verwacht "
                             f"{', '.join(sorted(regelboek.soorten))})" if code else "soort: ontbreekt")
        when = value = None
        if not cells[i_datum]:
            add(naam, regel, "datum: ontbreekt")
        else:
            try:
                when = datum(cells[i_datum])
            except ValueError as err:
                add(naam, regel, f"datum: {err}")
        text = cells[i_punten]
        if text:
            try:
                value = punten(text)
            except ValueError as err:
                add(naam, regel, f"punten: {err}")
                continue
        elif soort in puntensoorten:    # an empty cell is not 0 points
            add(naam, regel, f"punten: ontbreekt (een activiteit van soort '{code}' telt met punten)")
            continue
        tekst = cells[i_door]
        if tekst not in door:
            try:
                door[tekst] = accreditaties(regelboek, tekst) if tekst else ()
            except ValueError as err:
                door[tekst] = f"geaccrediteerd_door: {err}"
        if isinstance(door[tekst], str):
            add(naam, regel, door[tekst])
            continue
        if dossier is None or soort is None or when is None:
            continue
        dossier.activiteiten.append(Activiteit(
            regel, soort, codes[soort], when, value, door[tekst], tekst, cells[i_tekst]))


@functools.lru_cache(maxsize=4096)
def _punten(text):
    """Points: few distinct values in a register, so parsed once each."""
    return waarden.niet_negatief(text)
