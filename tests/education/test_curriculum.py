"""Curriculum coverage: gaps from the SHACL report, every format, bad input listed in full."""
import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Namespace, URIRef

from beroepen.opleiding import curriculum
from beroepen.web.render import curriculum_html
from beroepen.cli import main
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.graaf import load_graph
from beroepen.invoer.tabel import Bestand
from beroepen.resources import resource_dir

FILES = Path(__file__).parent / "files"
EXAMPLES = resource_dir("data") / "examples"
BO = Namespace("https://w3id.org/beroepen/def#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
BCP = "https://w3id.org/beroepen/id/profiel/bcp-vaktherapeut"


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def graph():
    return load_graph()


def csv_rows(path):
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def split(cell):
    return {c for c in cell.replace(";", " ").replace(",", " ").split()}


def test_vaktherapie_example_gaps_match_an_independent_count(graph):
    rows = csv_rows(EXAMPLES / "curriculum-vaktherapie.csv")
    named_tasks = set().union(*(split(r["beroepstaken"]) for r in rows))
    named_codes = set().union(*(split(r["competenties"]) for r in rows))
    tasks = {int(n) for t in graph.subjects(SKOS.inScheme, URIRef(BCP))
             for n in graph.objects(t, BO.nummer)}
    codes = {str(n) for c in graph.subjects(SKOS.inScheme, URIRef(BCP))
             if (c, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), BO.GeneriekeCompetentie) in graph
             or (c, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), BO.SpecifiekeCompetentie) in graph
             for n in graph.objects(c, SKOS.notation)}
    rapport = curriculum.toets(EXAMPLES / "curriculum-vaktherapie.csv", "vaktherapeut")
    assert rapport["ongedekte_beroepstaken"] == sorted(tasks - {int(t) for t in named_tasks})
    assert set(rapport["ongedekte_competenties"]) == codes - named_codes
    assert len(rapport["modules"]) == len(rows)
    result = run("curriculum", "--profiel", "vaktherapeut", str(EXAMPLES / "curriculum-vaktherapie.csv"))
    assert result.exit_code == (0 if rapport["volledig_gedekt"] else 1)
    crosses = [l for l in result.stdout.splitlines() if l.lstrip().startswith("✗")]
    assert len(crosses) == len(rapport["ongedekte_competenties"]) + len(rapport["ongedekte_beroepstaken"])


def test_study_load_per_competence_is_the_sum_of_its_modules():
    rows = csv_rows(EXAMPLES / "curriculum-vaktherapie.csv")
    rapport = curriculum.toets(EXAMPLES / "curriculum-vaktherapie.csv", "vaktherapeut")
    for c in rapport["competenties"]:
        expected = sum(float(r["studiebelasting"].replace(",", ".")) for r in rows
                       if c["code"] in split(r["competenties"]))
        assert c["studiebelasting"] == pytest.approx(expected) if c["modules"] else c["studiebelasting"] is None


def test_stw_example_is_checked_against_the_kerntaken(graph):
    rapport = curriculum.toets(EXAMPLES / "curriculum-stw.csv", "stw")
    kerntaken = sorted(int(str(n)) for t in graph.subjects(SKOS.inScheme, URIRef("https://w3id.org/beroepen/id/profiel/stw"))
                       if (t, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), BO.Kerntaak) in graph
                       for n in graph.objects(t, SKOS.notation))
    assert [t["nummer"] for t in rapport["beroepstaken"]] == kerntaken
    assert rapport["competenties"] == []
    result = run("curriculum", "--profiel", "stw", str(EXAMPLES / "curriculum-stw.csv"))
    assert result.exit_code == (0 if rapport["volledig_gedekt"] else 1)


def test_json_contract_keys_and_orders(graph):
    result = run("curriculum", "--profiel", "vaktherapeut", str(FILES / "deels-gedekt.csv"), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    profile_order = [c["code"] for c in data["competenties"]]
    assert profile_order == ["1", "2", "3", "4", "5", "6", "A", "B", "C", "D", "E", "F"]
    assert data["ongedekte_competenties"] == [c for c in profile_order if c not in {"1", "A"}]
    assert data["ongedekte_beroepstaken"] == sorted(set(range(1, 12)) - {2, 5})
    for item in data["competenties"] + data["beroepstaken"]:
        assert isinstance(item["gedekt"], bool) and isinstance(item["modules"], list)
    taak2 = next(t for t in data["beroepstaken"] if t["nummer"] == 2)
    assert [m["module"] for m in taak2["modules"]] == ["Contact", "Visie"]
    assert taak2["studiebelasting"] == 7.5


def test_per_task_the_linked_competences_no_module_covers_come_from_the_profile(graph):
    rapport = curriculum.toets(FILES / "deels-gedekt.csv", "vaktherapeut")
    covered = {"1", "A"}
    for taak in rapport["beroepstaken"]:
        linked = [str(graph.value(c, SKOS.notation)) for c in graph.objects(URIRef(taak["iri"]), BO.relatieMetCompetentie)]
        assert sorted(taak["ongedekte_gekoppelde_competenties"]) == sorted(set(linked) - covered)
        assert set(taak["gekoppelde_competenties"]) == set(linked)


def test_gaps_are_the_shacl_findings():
    rapport = curriculum.toets(FILES / "deels-gedekt.csv", "vaktherapeut")
    shapes = {f["shape"] for f in rapport["bevindingen"]}
    assert shapes == {"bs:CurriculumCompetentieShape-gedekt", "bs:CurriculumTaakShape-gedekt",
                      "bs:CurriculumTaakShape-gekoppelde-competentie"}
    uncovered = {f["node"] for f in rapport["bevindingen"] if f["shape"] == "bs:CurriculumTaakShape-gedekt"}
    assert len(uncovered) == len(rapport["ongedekte_beroepstaken"])


def test_unknown_codes_are_exit_2_each_with_its_line():
    result = run("curriculum", str(FILES / "onbekende-codes.csv"))
    assert result.exit_code == 2
    err = result.stderr
    for line, code in [(3, "'G'"), (4, "'12'"), (5, "'7'"), (5, "'0'")]:
        assert any(f"regel {line}:" in l and code in l for l in err.splitlines()), (line, code, err)
    assert "4 fouten" in err
    assert result.stdout == ""


def test_empty_cells_are_modules_that_cover_nothing():
    rapport = curriculum.toets(FILES / "lege-cellen.csv", "vaktherapeut")
    keuze = next(m for m in rapport["modules"] if m["module"] == "Keuzeruimte")
    assert keuze["competenties"] == [] and keuze["beroepstaken"] == [] and keuze["studiebelasting"] == 30
    inleiding = next(m for m in rapport["modules"] if m["module"] == "Inleiding")
    assert inleiding["studiebelasting"] is None
    stage = next(m for m in rapport["modules"] if m["module"] == "Stage")
    assert stage["studiebelasting"] == 12.5 and stage["competenties"] == ["B", "D"]


def test_bad_study_load_and_missing_columns_are_exit_2():
    result = run("curriculum", str(FILES / "slechte-studiebelasting.csv"))
    assert result.exit_code == 2
    assert "regel 2" in result.stderr and "regel 3" in result.stderr
    result = run("curriculum", str(FILES / "zonder-kolommen.csv"))
    assert result.exit_code == 2 and "module" in result.stderr


def test_stw_profile_has_no_competences_so_competence_codes_are_refused():
    result = run("curriculum", "--profiel", "stw", str(FILES / "deels-gedekt.csv"))
    assert result.exit_code == 2
    assert "is geen competentie van het profiel" in result.stderr


def test_turtle_input_gives_the_same_report_as_the_csv():
    from_csv = curriculum.toets(FILES / "deels-gedekt.csv", "vaktherapeut")
    from_ttl = curriculum.toets(FILES / "curriculum.ttl", "vaktherapeut")
    for key in ("ongedekte_competenties", "ongedekte_beroepstaken", "volledig_gedekt"):
        assert from_csv[key] == from_ttl[key]
    strip = lambda items: [(i.get("code", i.get("nummer")), i["gedekt"], sorted(m["module"] for m in i["modules"]),
                            i["studiebelasting"]) for i in items]
    assert strip(from_csv["beroepstaken"]) == strip(from_ttl["beroepstaken"])
    assert strip(from_csv["competenties"]) == strip(from_ttl["competenties"])


def test_turtle_module_outside_the_profile_is_exit_2_naming_the_module():
    result = run("curriculum", "--profiel", "vaktherapeut", str(FILES / "turtle-onbekend.ttl"))
    assert result.exit_code == 2
    assert "Systeemtheorie" in result.stderr and "kerntaak/1" in result.stderr


def test_csv_format_has_one_row_per_competence_and_task():
    result = run("curriculum", str(FILES / "deels-gedekt.csv"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12 + 11
    assert {r["gedekt"] for r in rows if r["soort"] == "taak" and r["code"] in {"2", "5"}} == {"ja"}
    assert next(r for r in rows if r["code"] == "2" and r["soort"] == "taak")["studiebelasting"] == "7,5"


def test_html_report_has_both_heatmaps_and_the_gaps(tmp_path):
    out = tmp_path / "rapport.html"
    result = run("curriculum", str(FILES / "deels-gedekt.csv"), "--format", "html", "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html.count('class="heatmap"') == 2
    assert "Modules × competenties" in html and "Modules × taken" in html
    assert "Ongedekte taken: <strong>1, 3, 4, 6, 7, 8, 9, 10, 11</strong>" in html


def test_bad_input_writes_no_output_file(tmp_path):
    out = tmp_path / "rapport.json"
    result = run("curriculum", str(FILES / "onbekende-codes.csv"), "--format", "json", "--output", str(out))
    assert result.exit_code == 2 and not out.exists()


def test_unknown_profile_is_exit_2_with_suggestions():
    result = run("curriculum", "--profiel", "vaktherapeuten", str(FILES / "deels-gedekt.csv"))
    assert result.exit_code == 2 and "vaktherapeut" in result.stderr


def test_a_task_named_as_competence_is_refused(tmp_path):
    path = tmp_path / "taak-als-competentie.ttl"
    path.write_text("""@prefix bo: <https://w3id.org/beroepen/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/m> a bo:Module ; skos:prefLabel "Verwisseld"@nl ;
    bo:dektCompetentie <https://w3id.org/beroepen/id/profiel/bcp-vaktherapeut/beroepstaak/1> .
""", encoding="utf-8")
    result = run("curriculum", str(path))
    assert result.exit_code == 2 and "Verwisseld" in result.stderr and "beroepstaak/1" in result.stderr


def test_stw_curriculum_may_name_its_column_kerntaken(graph):
    rapport = curriculum.toets(FILES / "stw-kerntaken.csv", "stw")
    named = set().union(*(split(r["kerntaken"]) for r in csv_rows(FILES / "stw-kerntaken.csv")))
    assert rapport["ongedekte_beroepstaken"] == sorted(t["nummer"] for t in rapport["beroepstaken"]
                                                        if str(t["nummer"]) not in named)
    assert rapport["ongedekte_beroepstaken"] and not rapport["volledig_gedekt"]


def _without_column(source, column, target):
    """`source` (a real curriculum CSV) with one column left out, written to `target`."""
    rows = csv_rows(source)
    keep = [k for k in rows[0] if k != column]
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, keep, delimiter=";", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.mark.parametrize("column", ["competenties", "beroepstaken"])
def test_missing_code_column_is_exit_2_not_everything_uncovered(tmp_path, column):
    """Issue 5: a curriculum without one of the code columns was accepted and reported every
    competence (or task) as uncovered."""
    path = _without_column(EXAMPLES / "curriculum-vaktherapie.csv", column, tmp_path / "curriculum.csv")
    out = tmp_path / "rapport.json"
    result = run("curriculum", "--profiel", "vaktherapeut", str(path), "--format", "json",
                 "--output", str(out))
    assert result.exit_code == 2, result.output
    assert "curriculum.csv" in result.stderr and "regel 1" in result.stderr
    assert f"kolom ontbreekt: {column}" in result.stderr
    assert not out.exists()
    with pytest.raises(BeroepenError):
        curriculum.toets(path, "vaktherapeut")


def test_stw_curriculum_without_its_task_column_is_exit_2(tmp_path):
    path = _without_column(EXAMPLES / "curriculum-stw.csv", "beroepstaken", tmp_path / "stw.csv")
    result = run("curriculum", "--profiel", "stw", str(path))
    assert result.exit_code == 2
    assert "stw.csv" in result.stderr and "kolom ontbreekt: beroepstaken of kerntaken" in result.stderr


def test_kerntaken_column_stands_in_only_for_a_profile_of_kerntaken(tmp_path):
    rows = csv_rows(EXAMPLES / "curriculum-vaktherapie.csv")
    path = tmp_path / "vaktherapie.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["kerntaken" if k == "beroepstaken" else k for k in rows[0]])
        writer.writerows([list(r.values()) for r in rows])
    result = run("curriculum", "--profiel", "vaktherapeut", str(path))
    assert result.exit_code == 2 and "kolom ontbreekt: beroepstaken" in result.stderr


# --- the heat-maps' "gedekt" row, read back from the HTML -------------------------------------

class HeatmapReader(HTMLParser):
    """Every table with class "heatmap": its header cells and its "gedekt" row, as text."""

    def __init__(self):
        super().__init__()
        self.tables, self.row, self.cell, self.depth = [], None, None, 0

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.depth += 1
            if self.depth == 1 and "heatmap" in (dict(attrs).get("class") or "").split():
                self.tables.append([])
        elif tag == "tr" and self._in_heatmap():
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.depth -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def _in_heatmap(self):
        return self.depth == 1 and self.tables and self.tables[-1] is not None

    @classmethod
    def gedekt(cls, html):
        """[{column: "✓"|"✗"}] per heat-map, in page order."""
        reader = cls()
        reader.feed(html)
        rows = []
        for table in reader.tables:
            header = table[0]
            gedekt = next(r for r in table if r[0] == "gedekt")
            assert header[0] == "module" and len(gedekt) == len(header)
            rows.append(dict(zip(header[1:], gedekt[1:])))
        return rows


def _expected_gedekt(rapport):
    """What the JSON report says, per heat-map: competences, then tasks (empty maps left out)."""
    kaarten = [{c["code"]: c["gedekt"] for c in rapport["competenties"]},
               {str(t["nummer"]): t["gedekt"] for t in rapport["beroepstaken"]}]
    return [{k: "✓" if v else "✗" for k, v in kaart.items()} for kaart in kaarten if kaart]


@pytest.fixture(scope="module")
def web(shipped_graph):
    from beroepen.web import create_app, pages
    app = create_app({"TESTING": True, "GRAPH": shipped_graph})
    yield app.test_client()
    pages.close(app)


def _upload(client, path, profiel, suffix="", naam=None):
    data = {"profiel": profiel, "curriculum": (io.BytesIO(path.read_bytes()), naam or path.name)}
    return client.post(f"/opleiding/curriculum{suffix}", data=data, content_type="multipart/form-data")


EXAMPLE_CASES = [("vaktherapeut", EXAMPLES / "curriculum-vaktherapie.csv"),
                 ("vaktherapeut", FILES / "deels-gedekt.csv"),
                 ("stw", EXAMPLES / "curriculum-stw.csv")]


@pytest.mark.parametrize("profiel, path", EXAMPLE_CASES)
def test_heatmap_gedekt_row_marks_each_column_by_its_own_coverage_cli(profiel, path):
    rapport = json.loads(run("curriculum", "--profiel", profiel, str(path), "--format", "json").stdout)
    result = run("curriculum", "--profiel", profiel, str(path), "--format", "html")
    assert result.exit_code == (0 if rapport["volledig_gedekt"] else 1)
    assert HeatmapReader.gedekt(result.stdout) == _expected_gedekt(rapport)


@pytest.mark.parametrize("profiel, path", EXAMPLE_CASES)
def test_heatmap_gedekt_row_marks_each_column_by_its_own_coverage_web(web, profiel, path):
    client = web
    rapport = _upload(client, path, profiel, ".json").get_json()
    expected = _expected_gedekt(rapport)
    page = _upload(client, path, profiel)
    download = _upload(client, path, profiel, ".html")
    assert page.status_code == download.status_code == 200
    assert HeatmapReader.gedekt(page.get_data(as_text=True)) == expected
    assert HeatmapReader.gedekt(download.get_data(as_text=True)) == expected


def test_shipped_example_shows_its_uncovered_task_as_uncovered_in_the_heatmap():
    """The bug: task 8, the one task the report lists as uncovered, had ✓ in the "gedekt" row."""
    path = EXAMPLES / "curriculum-vaktherapie.csv"
    rapport = curriculum.toets(path, "vaktherapeut")
    assert rapport["ongedekte_beroepstaken"], "the shipped example is meant to leave a task uncovered"
    taken = HeatmapReader.gedekt(curriculum_html(rapport))[-1]
    assert sorted(int(k) for k, v in taken.items() if v == "✗") == rapport["ongedekte_beroepstaken"]
    assert rapport["heatmap"]["beroepstaken"]["gedekt"] == [t["gedekt"] for t in rapport["beroepstaken"]]


# --- odd upload names ------------------------------------------------------------------------

@pytest.mark.parametrize("naam", ["..", ".", "x" * 252 + ".csv", "é" * 130 + ".csv"])
def test_upload_named_dotdot_or_longer_than_255_is_400_not_500(web, naam):
    client = web
    for path in (EXAMPLES / "curriculum-vaktherapie.csv", FILES / "curriculum.ttl"):
        page = _upload(client, path, "vaktherapeut", naam=naam)
        assert page.status_code == 400
        assert "bestandsnaam" in page.get_data(as_text=True)
        download = _upload(client, path, "vaktherapeut", ".json", naam=naam)
        assert download.status_code == 400
        assert "bestandsnaam" in download.get_json()["fouten"][0]["melding"]


def test_turtle_upload_is_read_in_memory_whatever_its_name(monkeypatch):
    """The Turtle upload was written to a temporary file named after the upload (hence the 500s)."""
    import tempfile

    def no_disk(*args, **kwargs):
        raise AssertionError("the upload must not be written to disk")
    monkeypatch.setattr(tempfile, "TemporaryDirectory", no_disk)
    monkeypatch.setattr(tempfile, "mkstemp", no_disk)
    bestand = Bestand("upload zonder extensie", (FILES / "curriculum.ttl").read_bytes())
    from_upload = curriculum.toets(bestand, "vaktherapeut")
    from_file = curriculum.toets(FILES / "curriculum.ttl", "vaktherapeut")
    assert from_upload["ongedekte_beroepstaken"] == from_file["ongedekte_beroepstaken"]
    assert from_upload["ongedekte_competenties"] == from_file["ongedekte_competenties"]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_column_is_a_warning_naming_column_and_file(tmp_path):
    path = write(tmp_path, "met-ec.csv", "module;EC;competenties;beroepstaken;docent\n"
                                         "Inleiding;5;1 A;1;Jan\nMethodiek;7,5;B;2;\n")
    rapport = curriculum.toets(path, "vaktherapeut")
    ec, docent = rapport["waarschuwingen"]
    assert (ec["kolom"], ec["bestand"], ec["regel"]) == ("ec", str(path), 1)
    assert "kolom 'ec' is onbekend en wordt niet gelezen (2 gevulde cellen)" in ec["melding"]
    assert "zet haar dan in de kolom studiebelasting" in ec["melding"]   # every filled cell a number
    assert docent["kolom"] == "docent" and "1 gevulde cel)" in docent["melding"]
    assert "studiebelasting" not in docent["melding"].split("bekende kolommen")[0]
    # the columns that are read still count: the warning does not change the report
    assert all(m["studiebelasting"] is None for m in rapport["modules"])
    assert rapport["ongedekte_beroepstaken"] == list(range(3, 12))


def test_unknown_column_warning_on_the_cli(tmp_path):
    path = write(tmp_path, "met-ec.csv", "module,studiebelasting,competenties,beroepstaken,EC\nA,5,1,1,5\n")
    result = CliRunner().invoke(main, ["curriculum", str(path), "--format", "json"])
    assert result.exit_code == 1   # gaps, and a report: the warning does not stop the check
    assert f"waarschuwing: {path}: kolom 'ec' is onbekend" in result.stderr
    assert [w["kolom"] for w in json.loads(result.stdout)["waarschuwingen"]] == ["ec"]


def test_known_columns_and_an_empty_unnamed_one_give_no_warning(tmp_path):
    path = write(tmp_path, "stw.csv", "module;omschrijving;studiebelasting;competenties;kerntaken;\nA;x;5;;1;\n")
    assert curriculum.toets(path, "stw")["waarschuwingen"] == []
    for example, profiel in [("curriculum-vaktherapie.csv", "vaktherapeut"), ("curriculum-stw.csv", "stw")]:
        assert curriculum.toets(EXAMPLES / example, profiel)["waarschuwingen"] == []


@pytest.mark.parametrize("profiel", ["bcp-vaktherapeut", "stw"])
def test_template_parses_back_as_a_valid_upload(profiel):
    from beroepen.kennisgraaf.store import EmbeddedStore
    store = EmbeddedStore()
    tekst = curriculum.sjabloon(profiel, store)
    header, row = list(csv.reader(io.StringIO(tekst)))
    assert header == curriculum.KOLOMMEN
    rapport = curriculum.toets(Bestand("sjabloon.csv", tekst.encode()), profiel, store=store)
    assert rapport["waarschuwingen"] == [] and [m["module"] for m in rapport["modules"]] == [row[0]]
    [module] = rapport["modules"]
    assert module["competenties"] == row[3].split() and module["beroepstaken"] == [int(n) for n in row[4].split()]
    assert module["studiebelasting"] == 7.5


def test_the_shipped_example_of_each_profile_is_a_valid_upload():
    from beroepen.kennisgraaf.store import EmbeddedStore
    store = EmbeddedStore()
    slugs = {p["slug"] for p in curriculum.profielen(store)}
    assert set(curriculum.VOORBEELDEN) == slugs
    for slug, naam in curriculum.VOORBEELDEN.items():
        assert curriculum.toets(EXAMPLES / naam, slug, store=store)["modules"]


def contrast(voor, achter):
    def luminantie(kleur):
        kanalen = [int(kleur[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    hoog, laag = sorted([luminantie(voor), luminantie(achter)], reverse=True)
    return (hoog + 0.05) / (laag + 0.05)


def test_heatmap_text_contrast_is_at_least_4_5_to_1(tmp_path):
    """The heat-map's darkest cells had dark text on dark green (3.2:1, axe-core)."""
    import re
    css = (resource_dir("web") / "static" / "opleiding.css").read_text(encoding="utf-8")
    stappen = dict(re.findall(r"td\.dekking(\d) \{ ([^}]*) \}", css))
    html = curriculum_html(curriculum.toets(EXAMPLES / "curriculum-vaktherapie.csv", "vaktherapeut"))
    gebruikt = set(re.findall(r'<td class="dekking(\d)"', html))
    assert gebruikt and gebruikt <= set(stappen) and len(gebruikt) > 1
    for stap in gebruikt:
        achter = re.search(r"background: (#[0-9a-f]{6})", stappen[stap]).group(1)
        voor = re.search(r"(?<!-)color: (#[0-9a-f]{6})", stappen[stap])
        voor = voor.group(1) if voor else "#1d2630"   # the page's text colour (--inkt)
        assert contrast(voor, achter) >= 4.5, (stap, voor, achter)
