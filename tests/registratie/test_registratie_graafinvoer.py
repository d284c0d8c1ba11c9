"""Turtle and JSON-LD dossiers: the same verdicts as CSV; bad graphs are bad input, by node."""
import pytest

from beroepen.errors import BeroepenError
from beroepen.registratie import Bestand, Invoerfouten, controleer

from registratie_hulp import FILES, bestanden, register, uitslag  # noqa: F401 (fixture)


def summary(u):
    return [(e["eis"], e["behaald"], e["voldoet"], len(e.get("geteld", [])), len(e.get("niet_geteld", [])))
            for e in u["eisen"]]


@pytest.mark.parametrize("name", ["dossier-stw-0004.ttl", "dossier-stw-0004.jsonld"])
def test_a_graph_dossier_gets_the_same_verdict_as_its_csv_rows(name, register):
    rapport = controleer("herregistratie", bestanden(name))
    assert rapport["engine"] == "shacl"       # a graph upload is always checked by pySHACL too
    [u] = rapport["uitslagen"]
    assert (u["registratienummer"], u["naam"]) == ("STW-0004", "Daan Smit")
    assert summary(u) == summary(uitslag(register, "STW-0004"))


TTL = """
@prefix bo: <https://w3id.org/beroepen/def#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/beroepen/id/> .
@prefix d: <urn:beroepen:dossier:test/> .
d:x a bo:Herregistratiedossier ; bo:registratienummer "X-1" ; bo:regeling id:regeling\\/nvrg-stw-herregistratie ;
    bo:periodeStart "2020-01-01"^^xsd:date ; bo:periodeEind "2024-12-31"^^xsd:date ;
    bo:verklaringTuchtrecht true ; bo:bewijs d:a1 , d:a2 .
d:a1 a bo:Bewijsactiviteit ; bo:soort id:activiteitsoort\\/congres ; bo:datum "2021-01-01"^^xsd:date .
d:a2 a bo:Bewijsactiviteit ; bo:soort id:activiteitsoort\\/intervisie .
"""


def test_a_malformed_graph_dossier_is_bad_input_naming_the_nodes():
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("x.ttl", TTL.encode())])
    text = str(err.value)
    assert "urn:beroepen:dossier:test/a1" in text and "BewijsactiviteitShape-soort" in text
    assert "urn:beroepen:dossier:test/a2" in text and "BewijsactiviteitShape-datum" in text


def test_graph_activity_without_punten_is_bad_input_not_0_points():
    # Regression (the graph twin of the empty punten cell): a nascholing without bo:punten
    # counted as 0 points.
    ttl = TTL.replace("activiteitsoort\\/congres", "activiteitsoort\\/nascholing").replace(
        "bo:soort id:activiteitsoort\\/intervisie .",
        'bo:soort id:activiteitsoort\\/intervisie ; bo:datum "2021-02-01"^^xsd:date .')
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("x.ttl", ttl.encode())])
    [fout] = err.value.fouten
    assert fout["melding"].startswith("urn:beroepen:dossier:test/a1: bo:punten ontbreekt")


def test_a_graph_without_dossiers_is_bad_input():
    with pytest.raises(Invoerfouten, match="geen bo:Herregistratiedossier"):
        controleer("herregistratie", [Bestand("leeg.ttl", b"@prefix x: <urn:x:> . x:a x:b x:c .")])


def test_a_turtle_syntax_error_names_the_line():
    with pytest.raises(BeroepenError) as err:
        controleer("herregistratie", [Bestand("kapot.ttl", b"@prefix x: <urn:x:> .\nx:a x:b .\n")])
    assert err.value.file == "kapot.ttl" and err.value.line == 2


def test_a_remote_json_ld_context_is_refused():
    data = b'{"@context": "https://example.org/context.jsonld", "@id": "urn:x", "urn:p": 1}'
    with pytest.raises(BeroepenError, match="@context"):
        controleer("herregistratie", [Bestand("x.jsonld", data)])


def test_a_registratie_dossier_is_not_a_herregistratie_dossier():
    with pytest.raises(Invoerfouten, match="geen bekende herregistratieregeling"):
        data = TTL.replace("nvrg-stw-herregistratie", "nvrg-stw-registratie").encode()
        controleer("herregistratie", [Bestand("x.ttl", data)])


def test_a_json_ld_context_import_is_refused():
    data = b'{"@context": {"@import": "https://example.org/c.jsonld"}, "@id": "urn:x", "urn:p": 1}'
    with pytest.raises(BeroepenError, match="@context"):
        controleer("herregistratie", [Bestand("x.jsonld", data)])


ANDER = """
d:ander a bo:Herregistratiedossier ; rdfs:label "Ander" ; bo:registratienummer "STW-0004" ;
    bo:regeling <https://w3id.org/beroepen/id/regeling/nvrg-stw-herregistratie> ;
    bo:periodeStart "2020-01-01"^^xsd:date ; bo:periodeEind "2024-12-31"^^xsd:date ;
    bo:dagdelenPerWeek 1 ; bo:verklaringTuchtrecht false .
"""


def tweemaal_stw_0004():
    return (FILES / "dossier-stw-0004.ttl").read_text(encoding="utf-8") + ANDER


def test_two_dossiers_with_one_registratienummer_in_turtle_are_bad_input_naming_both_nodes():
    # Regression (issue 8 item 2, issue 9 item 8): a RuntimeError from the engine comparison,
    # a traceback in the CLI and HTTP 500 on the web with number and verdicts in the log.
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("d.ttl", tweemaal_stw_0004().encode())])
    [fout] = err.value.fouten
    assert fout["melding"] == ("registratienummer STW-0004 komt voor bij 2 dossiers: "
                               "urn:beroepen:dossier:voorbeeld/STW-0004, urn:beroepen:dossier:voorbeeld/ander")


def test_duplicate_registratienummer_in_a_graph_is_exit_2_in_the_cli(tmp_path):
    from click.testing import CliRunner
    from beroepen.cli import main
    path = tmp_path / "d.ttl"
    path.write_text(tweemaal_stw_0004(), encoding="utf-8")
    result = CliRunner().invoke(main, ["herregistratie", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "registratienummer STW-0004 komt voor bij 2 dossiers" in result.stderr


def test_duplicate_registratienummer_in_a_graph_is_400_on_the_web_and_not_logged(shipped_graph, caplog):
    import io
    import json
    import logging
    from beroepen.web import create_app
    client = create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()
    with caplog.at_level(logging.DEBUG):
        response = client.post("/registratie.json", content_type="multipart/form-data",
                               data={"dossier": (io.BytesIO(tweemaal_stw_0004().encode()), "d.ttl")})
    assert response.status_code == 400
    [fout] = json.loads(response.get_data(as_text=True))["fouten"]
    assert "urn:beroepen:dossier:voorbeeld/ander" in fout["melding"]
    assert not [r for r in caplog.records if "STW-0004" in r.getMessage() or "Daan" in r.getMessage()]


def test_duplicate_registratienummer_in_json_ld_names_both_nodes():
    from rdflib import Graph
    graph = Graph().parse(data=tweemaal_stw_0004(), format="turtle")
    data = graph.serialize(format="json-ld").encode()
    with pytest.raises(Invoerfouten, match="registratienummer STW-0004 komt voor bij 2 dossiers"):
        controleer("herregistratie", [Bestand("d.jsonld", data)])


def test_a_dossier_with_two_labels_is_one_dossier_with_an_error_not_two_dossiers():
    ttl = (FILES / "dossier-stw-0004.ttl").read_text(encoding="utf-8").replace(
        'rdfs:label "Daan Smit"', 'rdfs:label "Daan Smit", "D. Smit"')
    with pytest.raises(Invoerfouten) as err:
        controleer("herregistratie", [Bestand("d.ttl", ttl.encode())])
    assert [f["melding"] for f in err.value.fouten] == [
        "urn:beroepen:dossier:voorbeeld/STW-0004: meer dan één naam (rdfs:label)"]


@pytest.mark.parametrize("waarde", ['"' + "9" * 5000 + '"^^xsd:decimal', "9" * 5000,
                                    '"17.4999999999999999999999999999999"^^xsd:decimal'])
def test_a_graph_number_with_too_many_digits_is_bad_input_naming_the_node(waarde):
    ttl = (FILES / "dossier-stw-0004.ttl").read_text(encoding="utf-8").replace(
        "bo:punten 14.0", f"bo:punten {waarde}")
    with pytest.raises(BeroepenError) as err:
        controleer("herregistratie", [Bestand("d.ttl", ttl.encode())])
    assert "te veel cijfers" in str(err.value) and "9" * 100 not in str(err.value)
    if isinstance(err.value, Invoerfouten):     # a bare 5000-digit integer stops the Turtle parser itself
        [fout] = err.value.fouten
        assert fout["melding"].startswith("urn:beroepen:dossier:voorbeeld/STW-0004/activiteit/1 bo:punten: ")


def test_an_ill_typed_literal_is_bad_input_naming_node_and_property():
    ttl = (FILES / "dossier-stw-0004.ttl").read_text(encoding="utf-8").replace(
        'bo:datum "2021-05-10"^^xsd:date', 'bo:datum "gisteren"^^xsd:date')
    with pytest.raises(BeroepenError, match="activiteit/1 https://w3id.org/beroepen/def#datum: 'gisteren' is geen"):
        controleer("herregistratie", [Bestand("d.ttl", ttl.encode())])


@pytest.mark.parametrize("old, new, melding", [
    ("bo:punten 14.0", 'bo:punten "NaN"^^xsd:double', "is geen getal"),
    ("bo:dagdelenPerWeek 4.0", 'bo:dagdelenPerWeek "vier Pietje"', "is geen getal"),
    ("bo:dagdelenPerWeek 4.0 ;", 'bo:dagdelenPerWeek "vier" .0 ;', "ongeldige RDF")])
def test_a_value_that_is_no_number_is_bad_input_not_a_crash(tmp_path, old, new, melding):
    # Regression (outside test): "NaN"^^xsd:double or a plain string as a number was an HTTP 500
    # and a CLI traceback with exit 1 ("someone fails"); a literal as subject the same.
    from click.testing import CliRunner
    from beroepen.cli import main
    text = (FILES / "dossier-stw-0004.ttl").read_text()
    assert old in text
    path = tmp_path / "dossier.ttl"
    path.write_text(text.replace(old, new, 1))
    result = CliRunner().invoke(main, ["herregistratie", str(path)])
    assert result.exit_code == 2, result.output
    assert melding in result.stderr and "Traceback" not in result.output


def test_two_values_for_one_dossier_attribute_are_bad_input(tmp_path):
    # Regression (outside test): two bo:dagdelenPerWeek values were accepted, and which one
    # counted was not defined.
    from click.testing import CliRunner
    from beroepen.cli import main
    text = (FILES / "dossier-stw-0004.ttl").read_text()
    path = tmp_path / "dossier.ttl"
    path.write_text(text.replace("bo:dagdelenPerWeek 4.0", "bo:dagdelenPerWeek 4.0, 5.0", 1))
    result = CliRunner().invoke(main, ["herregistratie", str(path)])
    assert result.exit_code == 2 and "meer dan één waarde voor bo:dagdelenPerWeek" in result.stderr
