"""Write a Profiel (werkboek.Profiel) as an xlsx workbook with openpyxl."""
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..errors import BeroepenError
from . import bladen as B

LEES_MIJ = (
    "Dit werkboek bevat het hele beroepscompetentieprofiel '{naam}' uit de kennisgraaf beroepen.",
    "Pas teksten aan, voeg rijen toe of verwijder ze, en lees het werkboek terug met:",
    "    beroepen import WERKBOEK.xlsx --profiel {slug}",
    "Dat controleert alles (ook met de SHACL-regels van de graaf) en schrijft pas als er geen fout is;",
    "elke fout noemt blad, rij en kolom.",
    "",
    "Sleutels (niet wijzigen, tenzij u een ander onderdeel bedoelt): 'code' op de bladen met een code;",
    "de code van de ouder en 'volgorde' op werkzaamheden, gedragskenmerken en kennisitems.",
    "Een nieuwe rij met een nieuwe sleutel is een nieuw onderdeel. 'soort' zegt wat een rij is",
    "(bijv. Gedragskenmerk of Bekwaamheid) en bepaalt mee het IRI. De code op het blad 'profiel'",
    "zegt van welk profiel dit werkboek is.",
    "Alle andere kolommen mogen worden bewerkt. Een tweede waarde van een kolom komt in een kolom",
    "met dezelfde naam en een nummer ('noot 2'). 'bron' en 'bronsectie' zeggen waar het staat.",
    "Alleen waarden: een formule is een fout. Teksten zijn Nederlands; vertalingen staan elders.",
    "",
    "Bladen (blad, wat erop staat, de sleutelkolommen):",
)


def schrijf_werkboek(profiel, path):
    book = Workbook()
    sheet = book.active
    sheet.title = B.LEES_MIJ
    _lees_mij(sheet, profiel)
    for blad in B.BLADEN:
        if blad.naam == B.MATRIX:
            _matrix(book.create_sheet(blad.naam), profiel)
        else:
            rows = profiel.rijen(blad)
            _tabel(book.create_sheet(blad.naam), _koppen(blad, rows), rows)
    book.save(path)


def _lees_mij(sheet, profiel):
    props = profiel.props[profiel.iri]
    naam = next((str(n) for n in props.get(B.KOLOM["naam"].predicaat, ())), str(profiel.iri))
    slug = str(profiel.iri).rstrip("/").rsplit("/", 1)[-1]
    for line in LEES_MIJ:
        _regel(sheet, [line.format(naam=naam, slug=slug)])
    for blad in B.BLADEN:
        keys = "beroepstaak (rij) × competentie (kolom)" if blad.naam == B.MATRIX else " + ".join(blad.sleutels)
        sheet.append([blad.naam, blad.wat, keys])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    sheet.column_dimensions["C"].width = 40


def _koppen(blad, rows):
    """The headers: keys, soort, then each property column used (naam, bron, bronsectie
    always), repeated as 'kop 2', 'kop 3' for the rows with more values."""
    heads = list(blad.sleutels) + ["soort"]
    for kolom in B.KOLOMMEN:
        count = max((len(r.get(kolom.kop, ())) for r in rows), default=0)
        if blad.ouder and kolom.kop == "volgorde":
            continue
        count = max(count, 1 if kolom.kop in B.ALTIJD else 0)
        heads += [kolom.kop if n == 1 else f"{kolom.kop} {n}" for n in range(1, count + 1)]
    return heads


def _tabel(sheet, heads, rows):
    sheet.append(heads)
    for row in rows:
        values = []
        for head in heads:
            kop, _, n = head.rpartition(" ") if head.rsplit(" ", 1)[-1].isdigit() else (head, "", "1")
            found = row.get(kop, [])
            values.append(found[int(n) - 1] if int(n) <= len(found) else None)
        _regel(sheet, values)
    _opmaak(sheet, heads)


def _matrix(sheet, profiel):
    taken, comps, cells = profiel.matrix()
    sheet.append(["beroepstaak"] + comps)
    for taak in taken:
        sheet.append([taak] + ["x" if (taak, c) in cells else None for c in comps])
    _opmaak(sheet, ["beroepstaak"] + comps, breed=False)


def _opmaak(sheet, heads, breed=True):
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    if breed:
        for cell in sheet[1]:
            wide = cell.value in (B.KOLOM["naam"].kop, "beschrijving", "noot", "toelichting")
            sheet.column_dimensions[cell.column_letter].width = 60 if wide else 16
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 40:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")


def _regel(sheet, values):
    """Append a row of values, each text kept as text: openpyxl would store one starting
    with '=' as a formula."""
    sheet.append([_veilig(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _veilig(value):
    """A text that fits in a cell."""
    if isinstance(value, str) and len(value) > B.MAX_TEKST:
        raise BeroepenError(f"een tekst is langer dan {B.MAX_TEKST} tekens (de grens van een cel): "
                            f"'{value[:60]}…'")
    return value
