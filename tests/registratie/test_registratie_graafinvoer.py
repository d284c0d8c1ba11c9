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
    bo:bewijs d:a1 , d:a2 .
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
