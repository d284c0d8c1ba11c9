"""Profile versions and `beroepen diff` (issue 13): the version records the sources give, and a
diff that lists exactly what differs between two versions, read from the files themselves."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from beroepen.cli import main
from beroepen.vocab import BO, DCT, ID, SKOS

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "bcp-vaktherapeut.ttl"
EXAMPLE = ROOT / "data" / "examples" / "bcp-vaktherapeut-voorbeeld.ttl"
PROFIEL = URIRef(ID + "profiel/bcp-vaktherapeut")
OWL_VERSION_INFO = URIRef("http://www.w3.org/2002/07/owl#versionInfo")
# The links from a part to its children: a child added or removed changes them, not the parent.
KINDEREN = {BO.activiteit, BO.indicator, BO.kennisitem}


def diff(*args):
    result = CliRunner().invoke(main, ["diff", "--profiel", "vaktherapeut", *args])
    return result


def diff_json(van, naar):
    result = diff("--van", van, "--naar", naar, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def parts(graph):
    return set(graph.subjects(SKOS.inScheme, PROFIEL))


def expected_changes(old, new):
    """{(wijziging, iri)} and {(wijziging, task iri, competence code)} from the two graphs'
    triples alone: parts only one side has, parts whose own triples differ, matrix triples."""
    a, b = parts(old), parts(new)
    changes = {("verwijderd", str(s)) for s in a - b} | {("toegevoegd", str(s)) for s in b - a}
    for s in a & b:
        own = lambda g: {(p, o) for p, o in g.predicate_objects(s)
                         if p not in KINDEREN | {BO.relatieMetCompetentie}
                         and not (isinstance(o, Literal) and o.language == "en")}
        if own(old) != own(new):
            changes.add(("gewijzigd", str(s)))
    code = lambda g, c: str(g.value(c, SKOS.notation))
    cells = {("verwijderd", str(t), code(old, c)) for t, c in old.subject_objects(BO.relatieMetCompetentie)
             if (t, BO.relatieMetCompetentie, c) not in new}
    cells |= {("toegevoegd", str(t), code(new, c)) for t, c in new.subject_objects(BO.relatieMetCompetentie)
              if (t, BO.relatieMetCompetentie, c) not in old}
    return changes, cells


def listed_changes(result):
    parts_, cells = set(), set()
    for w in result["wijzigingen"]:
        side = w["naar"] or w["van"]
        if w["soort"] == "matrix":
            cells.add((w["wijziging"], side["iri"], w["sleutel"].split(" × ")[1]))
        else:
            parts_.add((w["wijziging"], side["iri"]))
    return parts_, cells


def test_the_shipped_profiles_carry_only_the_version_facts_their_sources_give(shipped_graph):
    bcp = URIRef(ID + "profiel/bcp-vaktherapeut/versie/2020")
    assert shipped_graph.value(PROFIEL, BO.versie) == bcp
    assert str(shipped_graph.value(bcp, DCT.issued)) == "2020-04"
    assert str(shipped_graph.value(bcp, DCT.valid)) == "start=2020-04;"   # no end: no source gives one
    assert "april 2020" in str(shipped_graph.value(bcp, SKOS.note))
    stw = URIRef(ID + "profiel/stw/versie/2022")
    assert shipped_graph.value(stw, DCT.isVersionOf) == URIRef(ID + "profiel/stw")
    assert shipped_graph.value(stw, DCT.valid) is None                     # the factsheet gives none


def test_the_example_version_is_marked_as_invented_and_never_in_the_graph(shipped_graph):
    example = Graph().parse(EXAMPLE)
    record = URIRef(ID + "profiel/bcp-vaktherapeut/versie/voorbeeld")
    assert "verzonnen" in str(example.value(record, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")))
    assert (record, None, None) not in shipped_graph
    assert example.value(record, URIRef("http://www.w3.org/ns/prov#wasRevisionOf")) == \
        URIRef(ID + "profiel/bcp-vaktherapeut/versie/2020")


def test_diff_of_shipped_and_example_lists_exactly_the_example_changes():
    result = diff_json("2020", "voorbeeld")
    expected = expected_changes(Graph().parse(SHIPPED), Graph().parse(EXAMPLE))
    assert expected[0] and expected[1]
    assert listed_changes(result) == expected
    s = result["samenvatting"]
    assert s["totaal"] == len(expected[0]) + len(expected[1]) == len(result["wijzigingen"])


def test_a_change_names_old_and_new_value_and_the_source_section_of_each_side():
    old, new = Graph().parse(SHIPPED), Graph().parse(EXAMPLE)
    result = diff_json("2020", str(EXAMPLE))
    for w in result["wijzigingen"]:
        if w["wijziging"] != "gewijzigd":
            continue
        iri = URIRef(w["van"]["iri"])
        assert w["van"]["bronsectie"] == [str(x) for x in old.objects(iri, BO.bronsectie)]
        assert w["naar"]["bronsectie"] == [str(x) for x in new.objects(iri, BO.bronsectie)]
        naam = next(v for v in w["verschillen"] if v["eigenschap"] == "skos:prefLabel")
        assert naam["van"] == [str(old.value(iri, SKOS.prefLabel))]
        assert naam["naar"] == [str(new.value(iri, SKOS.prefLabel))]


def test_a_version_compared_with_itself_has_no_differences():
    result = diff("--van", "2020", "--naar", "2020")
    assert result.exit_code == 0, result.output
    assert "0 toegevoegd, 0 verwijderd, 0 gewijzigd" in result.stdout


def test_renumbered_iris_still_pair_up_by_code(tmp_path):
    """The same profile with beroepstaak 5 and its activities under other IRIs: no differences."""
    text = SHIPPED.read_text(encoding="utf-8").replace("bcp-vaktherapeut/beroepstaak/5>", "bcp-vaktherapeut/taak-vijf>")
    text = text.replace("bcp-vaktherapeut/beroepstaak/5/activiteit/", "bcp-vaktherapeut/taak-vijf/stap-")
    assert "taak-vijf" in text
    renamed = tmp_path / "hernummerd.ttl"
    renamed.write_text(text, encoding="utf-8")
    result = diff("--van", "2020", "--naar", str(renamed))
    assert result.exit_code == 0, result.output


def test_every_format_lists_the_same_changes():
    data = diff_json("2020", "voorbeeld")
    text = diff("--van", "2020", "--naar", "voorbeeld").stdout
    csv = diff("--van", "2020", "--naar", "voorbeeld", "--format", "csv").stdout
    html = diff("--van", "2020", "--naar", "voorbeeld", "--format", "html").stdout
    for w in data["wijzigingen"]:
        assert w["sleutel"] in text and f"{w['soort']},{w['wijziging']},{w['sleutel']}," in csv
        assert w["sleutel"] in html
    assert html.lstrip().startswith("<!doctype html>") and "<script" not in html


def test_end_to_end_an_edited_workbook_shows_exactly_its_three_edits(tmp_path):
    """Export the profile, edit it with openpyxl (a new gedragskenmerk, a changed matrix cell, a
    removed werkzaamheid), import it to a file, and diff it against the shipped version."""
    openpyxl = pytest.importorskip("openpyxl")
    runner = CliRunner()
    werkboek, bewerkt, turtle = tmp_path / "p.xlsx", tmp_path / "bewerkt.xlsx", tmp_path / "bewerkt.ttl"
    result = runner.invoke(main, ["export", "--profiel", "vaktherapeut", "--uit", str(werkboek)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(werkboek)
    kenmerken = wb["gedragskenmerken"]
    kop = [c.value for c in kenmerken[1]]
    rij = dict.fromkeys(kop)
    rij.update({"competentie": "B", "volgorde": "10", "soort": "Gedragskenmerk",
                "naam": "Toetst het eigen handelen aan de beroepscode", "bron": "bron/bcp-vaktherapeut",
                "bronsectie": "BCP Vaktherapeut §5.2, competentie B"})
    kenmerken.append([rij[k] for k in kop])
    matrix = wb["matrix"]
    kolommen = [c.value for c in matrix[1]]
    for cellen in matrix.iter_rows(min_row=2):
        if str(cellen[0].value) == "3":
            assert cellen[kolommen.index("C")].value in (None, "")     # task 3 has no C in 2020
            cellen[kolommen.index("C")].value = "x"
    werk = wb["werkzaamheden"]
    weg = next(c[0].row for c in werk.iter_rows(min_row=2) if str(c[0].value) == "8" and str(c[1].value) == "5")
    werk.delete_rows(weg)
    wb.save(bewerkt)
    result = runner.invoke(main, ["import", str(bewerkt), "--profiel", "vaktherapeut", "--uit", str(turtle)])
    assert result.exit_code == 0, result.output
    data = diff_json("2020", str(turtle))
    found = {(w["soort"], w["wijziging"], w["sleutel"]) for w in data["wijzigingen"]}
    assert found == {("gedragskenmerk", "toegevoegd", "B/10"), ("matrix", "toegevoegd", "3 × C"),
                     ("werkzaamheid", "verwijderd", "8/5")}
    assert data["samenvatting"]["totaal"] == 3


@pytest.mark.parametrize("args, wanted", [
    (["--van", "2019", "--naar", "2020"], "onbekende versie '2019' van profiel bcp-vaktherapeut; bekend: 2020, voorbeeld"),
    (["--van", "2020", "--naar", "bestaat-niet.ttl"], "bestaat-niet.ttl: kan niet gelezen worden"),
])
def test_an_unknown_version_or_unreadable_file_is_bad_input(args, wanted):
    result = diff(*args)
    assert result.exit_code == 2
    assert wanted in result.stderr and "Traceback" not in result.output


def test_a_turtle_syntax_error_names_the_file_and_line(tmp_path):
    broken = tmp_path / "kapot.ttl"
    broken.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel \"x\" ;\n  skos:note .\n",
                      encoding="utf-8")
    result = diff("--van", "2020", "--naar", str(broken))
    assert result.exit_code == 2
    assert "kapot.ttl" in result.stderr and "regel" in result.stderr and "Traceback" not in result.output


def test_a_file_without_the_profile_is_bad_input(tmp_path):
    other = tmp_path / "stw.ttl"
    shutil.copy(ROOT / "data" / "stw-factsheet.ttl", other)
    result = diff("--van", "2020", "--naar", str(other))
    assert result.exit_code == 2
    assert "bevat geen onderdelen van profiel profiel/bcp-vaktherapeut" in result.stderr
