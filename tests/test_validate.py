"""`beroepen validate`: readable findings naming node, rule, path and message."""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace, RDF

from beroepen.cli import main
from beroepen.resources import turtle_files

BO = Namespace("https://w3id.org/beroepen/def#")

BROKEN = Path(__file__).parent / "files" / "kapot"


def validate(*args):
    return CliRunner().invoke(main, ["validate", *args])


def test_the_shipped_graph_conforms():
    result = validate()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Voldoet")


def test_text_report_names_node_rule_path_and_message():
    result = validate(str(BROKEN / "zonder-label.ttl"))
    assert result.exit_code == 1
    assert "[Violation] https://w3id.org/beroepen/id/werkveld/naamloos" in result.output
    assert "regel: bs:ResourceShape-label  pad: skos:prefLabel" in result.output
    assert "Elke resource heeft een Nederlandse naam" in result.output


def test_json_report():
    result = validate("--format", "json", str(BROKEN / "zonder-label.ttl"))
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["conforms"] is False
    finding = next(f for f in report["findings"] if f["shape"] == "bs:ResourceShape-label")
    assert finding["node"].endswith("/werkveld/naamloos")
    assert set(finding) >= {"node", "shape", "path", "severity", "message"}


def test_turtle_report_is_a_shacl_report_graph():
    result = validate("--format", "turtle", str(BROKEN / "zonder-label.ttl"))
    assert result.exit_code == 1
    report = Graph().parse(data=result.output, format="turtle")
    assert "ValidationReport" in report.serialize(format="nt")


def test_syntax_error_is_exit_2_naming_file_and_line():
    result = validate(str(BROKEN / "syntaxfout.ttl"))
    assert result.exit_code == 2
    assert "syntaxfout.ttl: regel 6: Turtle-syntaxfout" in result.output
    assert "Traceback" not in result.output


def test_missing_file_is_a_usage_error():
    result = validate("bestaat-niet.ttl")
    assert result.exit_code == 2


@pytest.mark.parametrize("path", turtle_files("data"), ids=lambda p: p.name)
def test_each_shipped_file_validates_in_the_context_of_the_graph(path):
    # Regression: a file was validated alone, so references to other files were findings.
    result = validate(str(path))
    assert result.exit_code == 0, result.output


def test_an_edited_copy_replaces_the_shipped_file_and_findings_name_it(tmp_path):
    shipped = next(p for p in turtle_files("data") if p.name == "stw-factsheet.ttl")
    graph = Graph().parse(shipped, format="turtle")
    node = sorted(graph.subjects(RDF.type, BO.Kerntaak))[0]  # described by this file only
    graph.remove((node, BO.bronsectie, None))
    copy = tmp_path / shipped.name
    graph.serialize(copy, format="turtle")
    result = validate("--format", "json", str(copy))
    assert result.exit_code == 1
    finding = next(f for f in json.loads(result.output)["findings"] if f["shape"] == "bs:ResourceShape-bronsectie")
    assert finding["node"] == str(node) and finding["file"] == str(copy)


def test_an_edited_crosswalk_is_validated_as_a_crosswalk_not_as_turtle(tmp_path):
    """`beroepen validate data/esco-crosswalk.sssom.tsv` (the README's review step) said
    'Turtle-syntaxfout': a given .sssom.tsv was parsed as Turtle."""
    from beroepen.resources import resource_dir
    shipped = resource_dir("data") / "esco-crosswalk.sssom.tsv"
    ok = CliRunner().invoke(main, ["validate", str(shipped)])
    assert ok.exit_code == 0, ok.output
    edited = tmp_path / shipped.name
    edited.write_text(shipped.read_text(encoding="utf-8").replace("skos:narrowMatch", "skos:similarTo", 1),
                      encoding="utf-8")
    bad = CliRunner().invoke(main, ["validate", str(edited)])
    assert bad.exit_code == 2 and "skos:similarTo" in bad.output and "Turtle" not in bad.output
