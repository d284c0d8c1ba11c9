"""Reading dossiers from what registry systems export: a practitioners CSV and an activities CSV.

The table plumbing (delimiter, byte order mark, encoding, numbers, dates) is invoer/; here
are the registration's own rows: the columns a scheme reads, periods, kinds of activity,
accrediting organisations. Every bad row is collected; when there is one or more,
`Invoerfouten` lists them all (file and line) and no verdict is given: a silently dropped
activity would turn into a wrong "voldoet niet".
"""
import contextlib
import functools
import gc
import re

from ..invoer import limieten as uploads, waarden
from ..invoer.tabel import Fouten, tabel
from ..invoer.waarden import naamsleutel, slug
from ..vocab import ID, XSD
from .dossier import Activiteit, Dossier
from .model import HERREGISTRATIE

BASISKOLOMMEN = ["registratienummer", "naam", "register"]
PERIODEKOLOMMEN = ["periode_start", "periode_eind"]
ACTIVITEITKOLOMMEN = ["registratienummer", "soort", "datum", "punten", "geaccrediteerd_door",
                      "omschrijving"]
MAX_GEDEELD = 65_536    # distinct descriptions kept once each; beyond, each row keeps its own


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
             limits=uploads.CLI, waarschuwingen=None):
    """Dossiers from a practitioners file and an activities file (Bestand objects).

    Raises Invoerfouten listing every bad row, uploads.LimitExceeded past the budget
    `limits`; returns dossiers in input order. A column the scheme does not read is no error
    but a warning ({bestand, kolom, melding}) appended to `waarschuwingen`: read as nothing,
    an 'EC' column or a misspelt one would silently not count.
    """
    fouten = Fouten()
    waarschuwingen = [] if waarschuwingen is None else waarschuwingen
    with zonder_cyclusopruiming():
        dossiers = _lees_praktijk(regeling, praktijk, peildatum, fouten, limits, waarschuwingen)
        if activiteiten is not None:
            _lees_activiteiten(regelboek, regeling, activiteiten, dossiers, fouten, voortgang, limits,
                               waarschuwingen)
    fouten.check()
    return list(dossiers.values())


def onbekende_kolommen(bestand, kolommen, gelezen, regeling):
    """A warning for each named column of `kolommen` that is not in `gelezen`."""
    return [{"bestand": bestand.naam, "kolom": k,
             "melding": f"kolom '{k}' wordt niet gelezen: regeling {regeling.code} ({regeling.soort}) "
                        f"leest in dit bestand alleen {', '.join(gelezen)}"}
            for k in dict.fromkeys(kolommen) if k and k not in gelezen]


@contextlib.contextmanager
def zonder_cyclusopruiming():
    """Python's cycle collector paused while a register is read: each of its full passes walks
    every object held so far, and 2.5 million activities made reading 50,000 dossiers take
    15 s CPU instead of 9. Reading makes no reference cycles (refcounting frees what it drops),
    and it is bounded in time by the upload budget; the collector runs again afterwards."""
    was_aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_aan:
            gc.enable()


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


def _lees_praktijk(regeling, bestand, peildatum, fouten, limits, waarschuwingen):
    herregistratie = regeling.soort == HERREGISTRATIE
    verplicht = BASISKOLOMMEN + (PERIODEKOLOMMEN if herregistratie else []) + regeling.kolommen()
    parsed = tabel(bestand, verplicht, fouten, limits)
    dossiers = {}
    if parsed is None:
        return None
    waarschuwingen += onbekende_kolommen(bestand, parsed[0], verplicht, regeling)
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
    verwacht = dossier.regeling.periode_eind(start) if start and jaren else None
    if eind is None and not row.get("periode_eind"):
        eind = verwacht
    if start and eind and start > eind:
        fouten.add(naam, regel, f"periode: begin {start} ligt na einde {eind}")
    elif verwacht and eind and eind > verwacht:
        fouten.add(naam, regel, dossier.regeling.te_lange_periode(start, eind))
    elif verwacht and eind and eind != verwacht:
        dossier.waarschuwingen.append(
            f"de periode {start} t/m {eind} is niet de {jaren} jaar van de regeling "
            f"({start} t/m {verwacht})")
    dossier.periode_start, dossier.periode_eind = start, eind


def _lees_activiteiten(regelboek, regeling, bestand, dossiers, fouten, voortgang, limits, waarschuwingen):
    parsed = tabel(bestand, ACTIVITEITKOLOMMEN, fouten, limits)
    if parsed is None:
        return
    kolommen, rows = parsed
    waarschuwingen += onbekende_kolommen(bestand, kolommen, ACTIVITEITKOLOMMEN, regeling)
    if voortgang:
        rows = voortgang(rows, max(bestand.data.count(b"\n") - 1, 1), "lezen")
    i_nummer, i_soort, i_datum, i_punten, i_door, i_tekst = (kolommen.index(k) for k in ACTIVITEITKOLOMMEN)
    puntensoorten = regeling.puntensoorten
    soorten = dict(regelboek.soorten)
    soorten.update({slug(label): iri for iri, label in regelboek.soortlabels.items()})
    codes = {iri: code for code, iri in regelboek.soorten.items()}
    naam = bestand.naam
    datum, punten, add = waarden.datum, _punten, fouten.add
    door = {}           # cell text → (organisation IRIs, the text), or the error message; few distinct values
    teksten = {}        # omschrijving → one shared copy: a register repeats them (memory, not meaning)
    per_dossier, max_per_dossier = {}, limits.max_rows_per_dossier
    for regel, cells in rows:
        nummer = cells[i_nummer]
        dossier = dossiers.get(nummer) if dossiers is not None else None
        aantal = per_dossier[nummer] = per_dossier.get(nummer, 0) + 1
        if aantal > max_per_dossier:
            raise uploads.LimitExceeded(f"meer dan {max_per_dossier:,} activiteiten voor "
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
                door[tekst] = (accreditaties(regelboek, tekst) if tekst else (), tekst)
            except ValueError as err:
                door[tekst] = f"geaccrediteerd_door: {err}"
        if isinstance(door[tekst], str):
            add(naam, regel, door[tekst])
            continue
        if dossier is None or soort is None or when is None:
            continue
        omschrijving = teksten.get(cells[i_tekst])
        if omschrijving is None:
            omschrijving = cells[i_tekst]
            if len(teksten) < MAX_GEDEELD:
                teksten[omschrijving] = omschrijving
        organisaties, tekst = door[tekst]
        dossier.activiteiten.append(Activiteit(
            regel, soort, codes[soort], when, value, organisaties, tekst, omschrijving))


@functools.lru_cache(maxsize=4096)
def _punten(text):
    """Points: few distinct values in a register, so parsed once each."""
    return waarden.niet_negatief(text)
