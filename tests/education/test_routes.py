"""Routes into a profession: walked over the education data, refused with the blocking rule."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Namespace, URIRef

from beroepen import routes
from beroepen.cli import main
from beroepen.graph import EmbeddedStore, load_graph

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

VAKTHERAPEUTISCH = ["beeldend-therapeut", "danstherapeut", "dramatherapeut", "muziektherapeut",
                    "psychomotorisch-kindertherapeut", "psychomotorisch-therapeut", "speltherapeut"]


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def graph():
    return load_graph()


def leidt_tot(graph, beroep):
    return {str(o) for o in graph.subjects(BO.leidtTot, URIRef(ID + "beroep/" + beroep))}


@pytest.mark.parametrize("beroep", VAKTHERAPEUTISCH)
def test_every_vaktherapeutic_profession_has_sourced_routes_to_the_register(beroep, graph):
    result = routes.routes(beroep)
    assert result["haalbaar"] and not result["geblokkeerd"]
    assert {r["opleiding"]["iri"] for r in result["routes"]} == leidt_tot(graph, beroep)
    for route in result["routes"]:
        soorten = [s["stap"] for s in route["stappen"]]
        assert soorten[-3:] == ["opleiding", "lidmaatschap", "registratie"], soorten
        opleiding = route["stappen"][soorten.index("opleiding")]
        assert opleiding["accreditatie"] == ["NVAO"]
        assert opleiding["bronsectie"].startswith("BCP Vaktherapeut §1.3")
        assert route["stappen"][-1]["register"]["iri"] == ID + "register/register-vaktherapie"
        assert all(s["bronsectie"] for s in route["stappen"] if "bronsectie" in s)


def test_speltherapeut_is_reached_only_through_a_master(graph):
    result = routes.routes("speltherapeut")
    assert {r["opleiding"]["niveau"] for r in result["routes"]} == {"NLQF 7"}
    assert {r["opleiding"]["eqf"] for r in result["routes"]} == {"EQF 7"}


def test_stw_route_goes_through_the_nvrg_recognised_training_to_the_kwaliteitsregister():
    result = routes.routes("systeemtherapeutisch werker")
    [route] = result["routes"]
    opleiding = next(s for s in route["stappen"] if s["stap"] == "opleiding")
    assert opleiding["studiebelasting"] == 100
    assert len(opleiding["instellingen"]) == 14
    assert route["stappen"][-1]["register"]["naam"] == "Kwaliteitsregister NVRG"
    assert route["stappen"][-1]["vereiste_erkenning"][0]["voldaan"] is True


def test_from_havo_the_stw_route_passes_a_bachelor_in_zorg_en_welzijn_first(graph):
    result = routes.routes("STW", "havo")
    [route] = result["routes"]
    tussen = next(s for s in route["stappen"] if s["stap"] == "tussenstap")
    assert tussen["opleidingen"]
    zorg_en_welzijn = URIRef(ID + "sector/zorg-en-welzijn")
    for opleiding in tussen["opleidingen"]:
        assert (URIRef(opleiding["iri"]), BO.sector, zorg_en_welzijn) in graph
        assert opleiding["niveau"] == "NLQF 6"
    assert "Opleiding tot Verpleegkundige" in {o["naam"] for o in tussen["opleidingen"]}


def test_from_vwo_a_master_route_passes_an_fvb_recognised_bachelor_first(graph):
    result = routes.routes("speltherapeut", "vwo")
    fvb = URIRef(ID + "organisatie/fvb")
    for route in result["routes"]:
        tussen = next(s for s in route["stappen"] if s["stap"] == "tussenstap")
        assert tussen["opleidingen"]
        assert all((URIRef(o["iri"]), BO.erkendDoor, fvb) in graph for o in tussen["opleidingen"])


def test_a_bachelor_in_zorg_en_welzijn_enters_the_stw_training_directly():
    result = routes.routes("STW", "Opleiding tot Verpleegkundige")
    [route] = result["routes"]
    assert [s["stap"] for s in route["stappen"]] == ["vooropleiding", "toelating", "opleiding", "registratie"]
    assert route["stappen"][1]["eisen"][0]["voldaan"] is True


def test_a_bachelor_outside_zorg_en_welzijn_is_refused_with_the_admission_rule():
    result = run("route", "--naar", "STW", "--vanaf", "hbo-bachelor buiten de zorg- of welzijnssector")
    assert result.exit_code == 1
    assert "zorg- of welzijnssector" in result.stderr
    assert "Geblokkeerd" in result.stdout


def test_a_bare_nlqf_level_is_refused_for_stw_because_no_sector_is_known():
    result = routes.routes("STW", "NLQF 6")
    assert not result["haalbaar"]
    [blokkade] = result["geblokkeerd"][0]["blokkades"]
    assert "geen sector bekend" in blokkade["reden"]
    assert blokkade["eis"]["bronsectie"].startswith("STW-factsheet")


def test_the_admission_rule_is_data_removing_the_sector_lets_the_diploma_in():
    graph = load_graph()
    graph.remove((URIRef(ID + "toelatingseis/stw"), BO.vereisteSector, None))
    result = routes.routes("STW", "hbo-bachelor buiten de zorg- of welzijnssector", store=EmbeddedStore(graph))
    assert result["haalbaar"]


def test_unknown_start_is_exit_2_with_the_closest_names():
    result = run("route", "--naar", "STW", "--vanaf", "hovo")
    assert result.exit_code == 2
    assert "onbekend startpunt 'hovo'" in result.stderr and "havo" in result.stderr
    assert "Traceback" not in result.stderr


def test_ambiguous_start_is_exit_2_listing_the_candidates():
    result = run("route", "--naar", "STW", "--vanaf", "Social Work")
    assert result.exit_code == 2
    assert "opleiding/hbo-bachelor-social-work" in result.stderr
    assert "opleiding/hbo-master-social-work" in result.stderr


def test_unknown_profession_is_exit_2():
    result = run("route", "--naar", "dansterapeut")
    assert result.exit_code == 2 and "danstherapeut" in result.stderr


def test_json_output_is_the_core_result():
    result = run("route", "--naar", "muziektherapeut", "--vanaf", "havo", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == json.loads(json.dumps(routes.routes("muziektherapeut", "havo")))
    assert data["vanaf"]["niveau"] == "NLQF 4"


def test_text_output_numbers_the_steps():
    result = run("route", "--naar", "danstherapeut")
    assert result.exit_code == 0
    assert re.search(r"^  1\. toelating", result.stdout, re.M)
    assert "Register Vaktherapie" in result.stdout


@pytest.mark.usefixtures("seeds")  # skip without them; fail under CI=true
def test_every_programme_of_bcp_section_1_3_is_in_the_graph(graph):
    text = (SEEDS / "002_3d7eccbd1cb13e32.txt").read_text(encoding="utf-8")
    section = text[text.index("1.3 De opleidingen"):text.index("NB Alle bovengenoemde")]
    bullets = [b.strip() for b in re.findall(r"•\s*([^•]+)", section)]
    labels = {str(o).casefold() for s in graph.subjects(BO.accreditatieDoor, None)
              for o in graph.objects(s, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    for bullet in bullets:
        head = re.split(r"[:(]", bullet)[0].strip().casefold()
        assert any(label.startswith(head) for label in labels), bullet


def test_a_completed_programme_leads_straight_to_membership_and_register():
    result = routes.routes("danstherapeut", "Hbo-opleiding vaktherapie: danstherapie")
    own = next(r for r in result["routes"] if r["opleiding"]["naam"] == "Hbo-opleiding vaktherapie: danstherapie")
    assert [s["stap"] for s in own["stappen"]] == ["vooropleiding", "toelating", "opleiding", "lidmaatschap", "registratie"]
    assert own["stappen"][1].get("afgerond") is True
    # the same diploma meets the (derived) admission rule of the masters: no programme in between
    for route in result["routes"]:
        assert "tussenstap" not in [s["stap"] for s in route["stappen"]]


def test_notes_of_the_data_reach_the_route():
    result = routes.routes("psychomotorisch kindertherapeut")
    for route in result["routes"]:
        opleiding = next(s for s in route["stappen"] if s["stap"] == "opleiding")
        if opleiding["naam"] != "Master vaktherapie":
            assert any("(kinder)therapeut" in n for n in opleiding["noten"]), opleiding["naam"]
    stw = routes.routes("STW")
    opleiding = next(s for s in stw["routes"][0]["stappen"] if s["stap"] == "opleiding")
    assert any("100 uur" in n for n in opleiding["noten"])


def test_overview_query_lists_every_programme_once(graph):
    result = run("query", "opleiding-overzicht", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    klassen = {BO.Opleiding, BO.Vooropleiding, BO.Bacheloropleiding, BO.Masteropleiding, BO.PostHboOpleiding}
    programmes = {str(s) for k in klassen for s in graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), k)}
    assert sorted(r["opleiding"] for r in rows) == sorted(programmes)
    for row in rows:
        assert row["nlqf"] or row["soort"] == "post-hbo-opleiding", row
        assert row["bronsectie"]
