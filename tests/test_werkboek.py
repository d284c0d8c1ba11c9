"""The profile workbook (issue 13): export → import gives the profile back, an edit in the
workbook is exactly that edit in the graph, and a bad workbook is refused by sheet, row and
column with nothing written."""
import hashlib
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from beroepen.cli import main
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.resources import resource_dir
from beroepen.uitwisseling import werkboek
from beroepen.vocab import BO, DCT, ID, SKOS

BCP = ID + "profiel/bcp-vaktherapeut"
STW = ID + "profiel/stw"
BCP_FILE = resource_dir("data") / "bcp-vaktherapeut.ttl"
STW_FILE = resource_dir("data") / "stw-factsheet.ttl"


@pytest.fixture(scope="module")
def bcp_file_graph():
    return Graph().parse(BCP_FILE)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The BCP's workbook as `beroepen export` writes it from the shipped graph."""
    path = tmp_path_factory.mktemp("werkboek") / "bcp.xlsx"
    result = CliRunner().invoke(main, ["export", "--profiel", "vaktherapeut", "--uit", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _import(path, *extra):
    return CliRunner().invoke(main, ["import", str(path), "--profiel", "vaktherapeut", *extra])


def _copy(exported, tmp_path, name="bewerkt.xlsx"):
    target = tmp_path / name
    target.write_bytes(exported.read_bytes())
    return target


def _kolom(sheet, kop):
    return next(c.column for c in sheet[1] if c.value == kop)


def _rij(sheet, **where):
    """The number of the row whose cells under the headers `where` names hold those values."""
    cols = {k.replace("_", " "): _kolom(sheet, k.replace("_", " ")) for k in where}
    for row in sheet.iter_rows(min_row=2):
        if all(row[c - 1].value == where[k.replace(" ", "_")] for k, c in cols.items()):
            return row[0].row
    raise AssertionError(f"no row {where}")


# --- the round-trip ---------------------------------------------------------------------------

def test_round_trip_gives_the_shipped_profile_file_back(exported, bcp_file_graph):
    """The profile's triples are the whole of data/bcp-vaktherapeut.ttl: export from the
    shipped graph, import, and the graph is isomorphic to that file."""
    graph, findings = werkboek.importeer(exported, BCP)
    assert findings == []
    assert len(graph) == len(bcp_file_graph) > 1500
    assert isomorphic(graph, bcp_file_graph)


def test_stw_profile_round_trips_and_its_file_keeps_the_rest(tmp_path):
    """The STW file also holds the profession and organisations: the workbook holds its profile
    part (profile, version, scheme, sources); importing it rewrites only that part of the file."""
    file_graph = Graph().parse(STW_FILE)
    part = werkboek.profieltriples(file_graph, STW)
    assert 100 < len(part) < len(file_graph)
    assert (URIRef(STW + "/kerntaak/1"), RDF.type, BO.Kerntaak) in part
    werkboek.exporteer(EmbeddedStore(), STW, tmp_path / "stw.xlsx")
    graph, findings = werkboek.importeer(tmp_path / "stw.xlsx", STW)
    assert findings == [] and isomorphic(graph, part)
    out = tmp_path / "stw.ttl"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "stw.xlsx"), "--profiel", "stw",
                                       "--uit", str(out)])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(out), file_graph)


def test_every_sheet_and_the_lees_mij_are_there(exported):
    book = openpyxl.load_workbook(exported, read_only=True)
    assert book.sheetnames == ["lees mij", "profiel", "versies", "taakgroepen", "beroepstaken",
                               "werkzaamheden", "competenties", "gedragskenmerken", "matrix",
                               "kennisdomeinen", "kennisitems", "kritische situaties", "bronnen"]
    heads = [c.value for c in next(book["gedragskenmerken"].iter_rows(max_row=1))]
    assert heads[:3] == ["competentie", "volgorde", "soort"]
    assert {"naam", "bron", "bronsectie"} <= set(heads)
    text = " ".join(str(r[0]) for r in book["lees mij"].iter_rows(values_only=True))
    assert "beroepen import" in text and "Sleutels" in text


def test_a_text_starting_with_equals_is_exported_as_text_not_a_formula(tmp_path, bcp_file_graph):
    graph = Graph() + bcp_file_graph
    task = URIRef(BCP + "/beroepstaak/1")
    graph.set((task, SKOS.prefLabel, Literal("=HYPERLINK(\"http://x\")", lang="nl")))
    werkboek.exporteer(graph, BCP, tmp_path / "gelijk.xlsx")
    back, findings = werkboek.importeer(tmp_path / "gelijk.xlsx", BCP)
    assert findings == [] and isomorphic(back, graph)


# --- an edit is exactly that edit ---------------------------------------------------------------

def test_edit_new_indicator_matrix_cell_removed_activity_is_exactly_that_diff(
        exported, tmp_path, bcp_file_graph):
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    kenmerken = book["gedragskenmerken"]
    d_items = [r for r in kenmerken.iter_rows(min_row=2, values_only=True) if r[0] == "D"]
    nieuw_nr = max(r[1] for r in d_items) + 1
    row = kenmerken.max_row + 1
    for kop, value in {"competentie": "D", "volgorde": nieuw_nr, "soort": "Gedragskenmerk",
                       "naam": "Werkt samen met ervaringsdeskundigen", "bron": "bron/bcp-vaktherapeut",
                       "bronsectie": "BCP Vaktherapeut §5.2, competentie D"}.items():
        kenmerken.cell(row, _kolom(kenmerken, kop), value)
    matrix = book["matrix"]
    assert matrix.cell(_rij(matrix, beroepstaak="1"), _kolom(matrix, "1")).value is None
    matrix.cell(_rij(matrix, beroepstaak="1"), _kolom(matrix, "1"), "x")
    werk = book["werkzaamheden"]
    werk.delete_rows(_rij(werk, beroepstaak="1", volgorde=7))
    book.save(path)

    out = tmp_path / "bcp.ttl"
    result = _import(path, "--uit", str(out))
    assert result.exit_code == 0, result.output

    indicator = URIRef(f"{BCP}/competentie/D/gedragskenmerk/{nieuw_nr}")
    added = {(URIRef(BCP + "/competentie/D"), BO.indicator, indicator),
             (indicator, RDF.type, BO.Gedragskenmerk),
             (indicator, BO.volgorde, Literal(nieuw_nr, datatype=XSD.integer)),
             (indicator, SKOS.prefLabel, Literal("Werkt samen met ervaringsdeskundigen", lang="nl")),
             (indicator, SKOS.inScheme, URIRef(BCP)),
             (indicator, DCT.source, URIRef(ID + "bron/bcp-vaktherapeut")),
             (indicator, BO.bronsectie, Literal("BCP Vaktherapeut §5.2, competentie D")),
             (URIRef(BCP + "/beroepstaak/1"), BO.relatieMetCompetentie, URIRef(BCP + "/competentie/1"))}
    activity = URIRef(BCP + "/beroepstaak/1/activiteit/7")
    removed = set(bcp_file_graph.triples((activity, None, None))) | \
        {(URIRef(BCP + "/beroepstaak/1"), BO.activiteit, activity)}
    assert len(removed) == 7 and not added & set(bcp_file_graph)
    expected = Graph()
    for triple in (set(bcp_file_graph) - removed) | added:
        expected.add(triple)
    assert isomorphic(Graph().parse(out), expected)


# --- bad workbooks: exit 2, sheet/row/column, nothing written ------------------------------------

def _edited(exported, tmp_path, edit):
    path = _copy(exported, tmp_path)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def _refused(path, tmp_path, *expected):
    out = tmp_path / "niet.ttl"
    result = _import(path, "--uit", str(out))
    assert result.exit_code == 2, result.output
    for text in expected:
        assert text in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    return result


def test_unknown_competence_in_the_matrix_is_named_by_cell(exported, tmp_path):
    def edit(book):
        sheet = book["matrix"]
        sheet.cell(1, sheet.max_column + 1, "G")
        sheet.cell(7, sheet.max_column, "x")
    letter = openpyxl.utils.get_column_letter(
        openpyxl.load_workbook(exported, read_only=True)["matrix"].max_column + 1)
    _refused(_edited(exported, tmp_path, edit), tmp_path,
             f"matrix, rij 1, kolom {letter}: onbekende competentie 'G'")


def test_bad_header_is_named_by_sheet_and_column(exported, tmp_path):
    def edit(book):
        sheet = book["beroepstaken"]
        sheet.cell(1, _kolom(sheet, "beschrijving"), "omschrijving")
    letter = openpyxl.utils.get_column_letter(_kolom(openpyxl.load_workbook(exported)["beroepstaken"],
                                                     "beschrijving"))
    _refused(_edited(exported, tmp_path, edit), tmp_path,
             f"beroepstaken, rij 1, kolom {letter}: onbekende kolom 'omschrijving'")


def test_a_bad_header_is_one_finding_not_one_per_row_that_depends_on_the_sheet(exported, tmp_path):
    """A renamed 'naam' header on beroepstaken gave 91 findings: the header, and every
    werkzaamheid and matrix row as 'onbekende beroepstaak' (outside test of issue 13)."""
    def edit(book):
        sheet = book["beroepstaken"]
        sheet.cell(1, _kolom(sheet, "naam"), "titelx")
    result = _refused(_edited(exported, tmp_path, edit), tmp_path,
                      "beroepstaken, rij 1", "onbekende kolom 'titelx'", "kolom 'naam' ontbreekt")
    assert "onbekende beroepstaak" not in result.output
    assert result.output.count("beroepstaken, rij 1") == 2, result.output


def test_formula_is_a_finding_and_not_evaluated(exported, tmp_path):
    def edit(book):
        sheet = book["competenties"]
        sheet.cell(3, _kolom(sheet, "naam"), "=UPPER(\"x\")")
    letter = openpyxl.utils.get_column_letter(_kolom(openpyxl.load_workbook(exported)["competenties"],
                                                     "naam"))
    _refused(_edited(exported, tmp_path, edit), tmp_path,
             f"competenties, rij 3, kolom {letter}: een formule")


def test_duplicate_key_empty_name_and_indicator_of_unknown_competence(exported, tmp_path):
    def edit(book):
        taken = book["beroepstaken"]
        taken.cell(3, _kolom(taken, "code"), "1")             # row 2 is task 1 already
        kenmerken = book["gedragskenmerken"]
        kenmerken.cell(2, _kolom(kenmerken, "competentie"), "Q")
        comps = book["competenties"]
        comps.cell(4, _kolom(comps, "naam")).value = None
    naam = openpyxl.utils.get_column_letter(_kolom(openpyxl.load_workbook(exported)["competenties"],
                                                   "naam"))
    result = _refused(_edited(exported, tmp_path, edit), tmp_path,
                      "beroepstaken, rij 3: dubbele sleutel '1' (ook beroepstaken, rij 2)",
                      "gedragskenmerken, rij 2, kolom A: onbekende competentie 'Q'",
                      f"competenties, rij 4, kolom {naam}: lege naam")
    assert "SHACL" not in result.output  # the gate runs only on a workbook without errors
    assert "fouten in het werkboek; niets geschreven" in result.output


def test_shacl_finding_is_mapped_back_to_sheet_row_and_column(exported, tmp_path):
    """A gedragskenmerk without its source: the SHACL gate's finding names its row and the
    'bron' column of 'gedragskenmerken'."""
    def edit(book):
        sheet = book["gedragskenmerken"]
        sheet.cell(5, _kolom(sheet, "bron")).value = None
    letter = openpyxl.utils.get_column_letter(_kolom(openpyxl.load_workbook(exported)["gedragskenmerken"],
                                                     "bron"))
    before = hashlib.sha256(BCP_FILE.read_bytes()).hexdigest()
    result = _import(_edited(exported, tmp_path, edit))   # to data/: must not be written
    assert result.exit_code == 2, result.output
    assert f"gedragskenmerken, rij 5, kolom {letter}: " in result.output
    assert "SHACL" in result.output and "Traceback" not in result.output
    assert hashlib.sha256(BCP_FILE.read_bytes()).hexdigest() == before


def test_not_an_xlsx_is_refused_plainly(tmp_path):
    path = tmp_path / "profiel.xlsx"
    path.write_text("beroepstaak,naam\n1,x\n", encoding="utf-8")
    result = _refused(path, tmp_path)
    assert "is geen xlsx-werkboek" in result.output


def test_a_zip_that_is_no_workbook_is_refused_plainly(tmp_path):
    path = tmp_path / "profiel.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hallo.txt", "geen werkboek")
    result = _refused(path, tmp_path)
    assert "is geen leesbaar xlsx-werkboek" in result.output


def test_too_many_rows_is_refused_naming_the_limit(exported, tmp_path):
    from beroepen.uitwisseling.bladen import MAX_RIJEN

    def edit(book):
        sheet = book["werkzaamheden"]
        for n in range(MAX_RIJEN + 1):
            sheet.append(["1", 100 + n, "Activiteit", "extra"])
    result = _refused(_edited(exported, tmp_path, edit), tmp_path, f"meer dan {MAX_RIJEN} rijen", "grens: vast in beroepen")
    assert "werkzaamheden" in result.output


def test_too_large_file_is_refused_before_reading(exported):
    from beroepen.invoer import limieten
    from beroepen.invoer.limieten import LimitExceeded, UploadLimits
    small = UploadLimits(**{**limieten.WEB.__dict__, "max_bytes": 1000})
    with pytest.raises(LimitExceeded) as raised:
        werkboek.importeer(exported, BCP, small)
    assert raised.value.exit_code == 2 and "UPLOAD_MAX_BYTES" in str(raised.value)


def test_unknown_profile_is_refused_with_the_known_ones(exported):
    result = _import(exported, "--profiel", "bcp-vaktherapie")
    assert result.exit_code == 2 and "onbekend profiel" in result.output


def test_xml_entities_in_a_sheet_are_refused(exported, tmp_path):
    """A sheet declaring an entity (the start of a billion-laughs bomb) is refused, not expanded."""
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>' + data.split(b"?>", 1)[-1]
            target.writestr(item, data)
    result = _refused(path, tmp_path)
    assert "leesbaar" in result.output and "EntitiesForbidden" in result.output


def test_a_zip_bomb_is_refused_by_its_unpacked_size(exported, tmp_path, monkeypatch):
    from beroepen.uitwisseling import lezen
    monkeypatch.setattr(lezen, "MAX_UITGEPAKT", exported.stat().st_size)  # it unpacks to more
    result = _refused(exported, tmp_path, "uitgepakt", "grens: vast in beroepen")
    assert result.exit_code == 2


def test_import_refuses_to_write_over_the_workbook(exported):
    result = _import(exported, "--uit", str(exported))
    assert result.exit_code == 2 and "invoerbestand" in result.output


def test_a_workbook_of_another_profile_is_refused(tmp_path):
    """The STW's workbook read as the BCP's would replace the BCP with the STW: its profile
    sheet's code names the profile it came from."""
    werkboek.exporteer(EmbeddedStore(), STW, tmp_path / "stw.xlsx")
    result = _refused(tmp_path / "stw.xlsx", tmp_path,
                      "profiel, rij 2, kolom A: dit werkboek is van profiel 'stw', niet van 'bcp-vaktherapeut'")
    assert "SHACL" not in result.output


def test_a_new_row_on_a_sheet_of_one_kind_needs_no_soort(exported, tmp_path):
    path = _edited(exported, tmp_path, lambda book: book["werkzaamheden"].append(
        ["1", 8, None, "Evalueert de behandeling", "bron/bcp-vaktherapeut", "BCP Vaktherapeut §4.1"]))
    graph, findings = werkboek.importeer(path, BCP)
    activity = URIRef(BCP + "/beroepstaak/1/activiteit/8")
    assert findings == [] and (activity, RDF.type, BO.Activiteit) in graph
    assert (URIRef(BCP + "/beroepstaak/1"), BO.activiteit, activity) in graph


def test_json_output_lists_each_finding_with_sheet_row_and_column(exported, tmp_path):
    import json

    def edit(book):
        sheet = book["kennisitems"]
        sheet.cell(2, _kolom(sheet, "volgorde"), "twee")
    out = tmp_path / "niet.ttl"
    result = _import(_edited(exported, tmp_path, edit), "--uit", str(out), "--format", "json")
    assert result.exit_code == 2 and not out.exists()
    data = json.loads(result.stdout)
    assert data["geschreven"] is False
    assert data["bevindingen"] == [{"blad": "kennisitems", "rij": 2, "kolom": "B", "fout": True,
                                    "bericht": "verwacht een geheel getal, niet 'twee'"}]


def test_a_missing_workbook_is_named(tmp_path):
    result = _refused(tmp_path / "weg.xlsx", tmp_path, "weg.xlsx: bestaat niet")
    assert result.exit_code == 2
