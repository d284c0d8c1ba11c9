"""Routes into a profession: walked over the education data, each step with how sure it is;
refused only by a requirement a source states."""
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Namespace, URIRef

from beroepen.opleiding import routes
from beroepen.cli import main
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.kennisgraaf.graaf import load_graph

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


def aangenomen(graph, eigenschap):
    """{(subject, object)} of the statements an assumption (bo:Aanname) covers, read by rdflib."""
    return {(str(graph.value(u, RDF.subject)), str(graph.value(u, RDF.object)))
            for u in graph.subjects(BO.aanname, None) if graph.value(u, RDF.predicate) == eigenschap}


def stap(route, soort):
    return next(s for s in route["stappen"] if s["stap"] == soort)


@pytest.mark.parametrize("beroep", VAKTHERAPEUTISCH)
def test_every_vaktherapeutic_profession_has_sourced_routes_to_the_register(beroep, graph):
    result = routes.routes(beroep)
    assert result["haalbaar"] and not result["geblokkeerd"]
    aanname = {s for s, o in aangenomen(graph, BO.leidtTot) if o == ID + "beroep/" + beroep}
    assert {r["opleiding"]["iri"] for r in result["routes"]} == leidt_tot(graph, beroep) | aanname
    for route in result["routes"]:
        opleiding = stap(route, "opleiding")
        if route["opleiding"]["iri"] in leidt_tot(graph, beroep) and not opleiding["erkenning_aanname"]:
            assert opleiding["zekerheid"] == "bron" and opleiding["redenering"] is None
        else:
            assert opleiding["zekerheid"] == "afgeleid" and opleiding["redenering"]
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
    erkenning = route["stappen"][-1]["vereiste_erkenning"][0]
    assert erkenning["voldaan"] == "ja" and erkenning["zekerheid"] == "bron"   # the STW-factsheet states it


def test_from_havo_the_stw_route_passes_a_bachelor_in_zorg_en_welzijn_first(graph):
    result = routes.routes("STW", "havo")
    [route] = result["routes"]
    tussen = stap(route, "tussenstap")
    assert tussen["opleidingen"]
    zorg_en_welzijn = ID + "sector/zorg-en-welzijn"
    aanname = {s for s, o in aangenomen(graph, BO.sector) if o == zorg_en_welzijn}
    for opleiding in tussen["opleidingen"]:
        # no source states a programme's sector: every one of them is an assumption, so derived
        assert (URIRef(opleiding["iri"]), BO.sector, URIRef(zorg_en_welzijn)) not in graph
        assert opleiding["iri"] in aanname and opleiding["geschikt"] == "afgeleid"
        assert opleiding["niveau"] == "NLQF 6"
    assert "Opleiding tot Verpleegkundige" in {o["naam"] for o in tussen["opleidingen"]}
    assert tussen["zekerheid"] == "afgeleid" and "aanname" in tussen["redenering"]
    assert route["zekerheid"] == "afgeleid" and not route["onbekend"]


def test_from_vwo_a_master_route_passes_an_fvb_recognised_bachelor_first(graph):
    result = routes.routes("speltherapeut", "vwo")
    fvb = ID + "organisatie/fvb"
    # BCP §1.3 does not say its programmes are FVB-recognised: that is an assumption, so derived
    assert not set(graph.subjects(BO.erkendDoor, URIRef(fvb)))
    erkend = {s for s, o in aangenomen(graph, BO.erkendDoor) if o == fvb}
    for route in result["routes"]:
        tussen = stap(route, "tussenstap")
        assert tussen["opleidingen"]
        assert all(o["iri"] in erkend and o["geschikt"] == "afgeleid" for o in tussen["opleidingen"])
        lidmaatschap = stap(route, "lidmaatschap")
        assert lidmaatschap["vereiste_erkenning"] == [{
            "organisatie": "Federatie Vaktherapeutische Beroepen", "voldaan": "ja", "zekerheid": "afgeleid",
            "redenering": str(graph.value(URIRef(ID + "aanname/fvb-erkenning"), BO.redenering))}]
        assert lidmaatschap["zekerheid"] == "afgeleid"


def test_a_recognition_no_source_states_is_unknown_not_a_refusal():
    graph = load_graph()
    graph.remove((None, BO.aanname, URIRef(ID + "aanname/fvb-erkenning")))
    result = routes.routes("speltherapeut", store=EmbeddedStore(graph))
    assert result["haalbaar"] and not result["geblokkeerd"]
    lidmaatschap = stap(result["routes"][0], "lidmaatschap")
    assert lidmaatschap["zekerheid"] == "onbekend" and "vraag de opleiding" in lidmaatschap["redenering"]


def test_a_bachelor_in_zorg_en_welzijn_enters_the_stw_training_directly():
    result = routes.routes("STW", "hbo-bachelor in de zorg- of welzijnssector")
    [route] = result["routes"]
    assert [s["stap"] for s in route["stappen"]] == ["vooropleiding", "toelating", "opleiding", "registratie"]
    [eis] = route["stappen"][1]["eisen"]
    assert eis["voldaan"] == "ja" and eis["zekerheid"] == "bron" and route["zekerheid"] == "bron"


def test_a_croho_bachelor_enters_the_stw_training_on_an_assumed_sector_so_derived(graph):
    result = routes.routes("STW", "Opleiding tot Verpleegkundige")
    [route] = result["routes"]
    toelating = route["stappen"][1]
    assert toelating["eisen"][0]["voldaan"] == "ja" and toelating["zekerheid"] == "afgeleid"
    aanname = URIRef(ID + "aanname/sector-stw-opleidingsroute")
    assert str(graph.value(aanname, BO.redenering)) in toelating["redenering"]


def test_a_bachelor_outside_zorg_en_welzijn_is_refused_with_the_admission_rule():
    result = run("route", "--naar", "STW", "--vanaf", "hbo-bachelor buiten de zorg- of welzijnssector")
    assert result.exit_code == 1
    assert "zorg- of welzijnssector" in result.stderr
    assert "Geblokkeerd" in result.stdout


def test_sector_unknown_is_not_refused():
    result = run("route", "--naar", "STW", "--vanaf", "NLQF 6", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["haalbaar"] and not data["geblokkeerd"]
    [route] = data["routes"]
    toelating = stap(route, "toelating")
    assert toelating["eisen"][0]["facetten"] == {"niveau": "ja", "sector": "onbekend", "erkenning": "ja"}
    assert toelating["zekerheid"] == "onbekend" and "sector" in toelating["redenering"]
    assert route["onbekend"] == [{"stap": "toelating", "redenering": toelating["redenering"]}]
    text = run("route", "--naar", "STW", "--vanaf", "NLQF 6")
    assert text.exit_code == 0 and "onbekend (toelating)" in text.stdout


def test_an_assumed_sector_outside_zorg_en_welzijn_does_not_refuse_but_a_stated_one_does():
    graph = load_graph()
    start, buiten = URIRef(ID + "opleiding/hbo-master-social-work"), URIRef(ID + "sector/buiten-zorg-en-welzijn")
    uitspraak = URIRef(ID + "test/uitspraak")
    graph.add((uitspraak, RDF.subject, start))
    graph.add((uitspraak, RDF.predicate, BO.sector))
    graph.add((uitspraak, RDF.object, buiten))
    graph.add((uitspraak, BO.aanname, URIRef(ID + "aanname/sector-stw-opleidingsroute")))
    result = routes.routes("STW", "opleiding/hbo-master-social-work", store=EmbeddedStore(graph))
    assert result["haalbaar"] and stap(result["routes"][0], "toelating")["zekerheid"] == "onbekend"
    graph.add((start, BO.sector, buiten))
    result = routes.routes("STW", "opleiding/hbo-master-social-work", store=EmbeddedStore(graph))
    assert not result["haalbaar"]
    assert "valt onder buiten zorg en welzijn" in result["geblokkeerd"][0]["blokkades"][0]["reden"]


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


def test_the_reasoning_of_an_assumed_link_reaches_the_route():
    result = routes.routes("psychomotorisch kindertherapeut")
    assert result["routes"]
    for route in result["routes"]:
        opleiding = stap(route, "opleiding")
        assert opleiding["zekerheid"] == "afgeleid" and "(kinder)therapeut" in opleiding["redenering"]


def test_notes_of_the_data_reach_the_route():
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


# --- issue 8: routes refuse only what a source refuses -----------------------------------

def test_route_from_social_work_bachelor_is_not_refused():
    result = run("route", "--naar", "speltherapeut", "--vanaf", "opleiding/hbo-bachelor-social-work")
    assert result.exit_code == 0, result.stderr
    assert "geen route" not in result.stderr
    assert "onbekend (toelating)" in result.stdout and "vraag de opleiding" in result.stdout
    data = json.loads(run("route", "--naar", "speltherapeut", "--vanaf", "opleiding/hbo-bachelor-social-work",
                          "--format", "json").stdout)
    [route] = data["routes"]
    toelating = stap(route, "toelating")
    [eis] = toelating["eisen"]
    assert eis["eis_zekerheid"] == "afgeleid" and eis["voldaan"] == "onbekend"
    assert toelating["zekerheid"] == "onbekend" and "vraag de opleiding" in toelating["redenering"]
    assert route["zekerheid"] == "onbekend" and [o["stap"] for o in route["onbekend"]] == ["toelating"]


def test_a_derived_admission_rule_never_blocks_a_route(graph):
    derived = set(graph.subjects(BO.zekerheid, BO.zekerheidAfgeleid)) & set(graph.subjects(RDF.type, BO.Toelatingseis))
    assert derived
    for start in ("opleiding/hbo-bachelor-social-work", "opleiding/hbo-bachelor-buiten-zorg-en-welzijn",
                  "opleiding/mbo-4", "NLQF 5"):
        for beroep in VAKTHERAPEUTISCH:
            result = routes.routes(beroep, start)
            for blocked in result["geblokkeerd"]:
                for blokkade in blocked["blokkades"]:
                    assert URIRef(blokkade["eis"]["iri"]) not in derived, (start, beroep, blokkade)


def test_master_vaktherapie_is_not_claimed_to_lead_to_all_seven_disciplines(graph):
    master = ID + "opleiding/master-vaktherapie"
    stated = {str(o) for o in graph.objects(URIRef(master), BO.leidtTot)}
    assumed = {o for s, o in aangenomen(graph, BO.leidtTot) if s == master}
    assert stated == {ID + "beroep/vaktherapeut"} and not assumed
    for beroep in VAKTHERAPEUTISCH:
        result = routes.routes(beroep)
        assert master not in {r["opleiding"]["iri"] for r in result["routes"]}
        [breder] = [o for o in result["breder"] if o["iri"] == master]
        assert breder["zekerheid"] == "onbekend" and breder["beroep"] == "vaktherapeut"
    assert master in {r["opleiding"]["iri"] for r in routes.routes("vaktherapeut")["routes"]}


def test_havo_to_wo_bachelor_is_not_invented(graph):
    wo = ID + "opleiding/wo-bewegingswetenschappen-psychomotorische-therapie"
    assert graph.value(URIRef(wo), BO.toelatingseis) is None   # no source gives one
    result = run("route", "--naar", "psychomotorisch therapeut", "--vanaf", "havo", "--format", "json")
    assert result.exit_code == 0
    [route] = [r for r in json.loads(result.stdout)["routes"] if r["opleiding"]["iri"] == wo]
    toelating = stap(route, "toelating")
    assert toelating["zekerheid"] == "onbekend" and toelating["redenering"] == routes.GEEN_TOELATINGSEISEN
    assert route["zekerheid"] == "onbekend"
    # as a programme to take first, too, it is offered only as unknown
    master = routes.routes("speltherapeut", "havo")["routes"][0]
    [kandidaat] = [o for o in stap(master, "tussenstap")["opleidingen"] if o["iri"] == wo]
    assert kandidaat["toegang"] == "onbekend" and kandidaat["zekerheid"] == "onbekend"


def test_no_programme_has_a_sector_as_a_fact(graph):
    """A sector no source states is an assumption: only the diploma kinds the STW rule names
    itself ("hbo-bachelor in/buiten de zorg- of welzijnssector") carry one as a fact."""
    SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
    with_sector = set(graph.subjects(BO.sector, None))
    assert with_sector
    for opleiding in with_sector:
        assert (opleiding, RDF.type, BO.Vooropleiding) in graph, opleiding
        naam = next(str(n) for n in graph.objects(opleiding, SKOS.prefLabel) if n.language == "nl")
        assert "zorg- of welzijnssector" in naam, naam


def test_every_step_of_every_route_says_how_sure_it_is():
    for beroep in VAKTHERAPEUTISCH + ["STW", "vaktherapeut"]:
        for vanaf in (None, "havo", "NLQF 6", "opleiding/hbo-bachelor-social-work"):
            for route in routes.routes(beroep, vanaf)["routes"]:
                for s in route["stappen"]:
                    assert s["zekerheid"] in routes.ZEKERHEDEN, (beroep, vanaf, s["stap"])
                    assert (s["zekerheid"] == "bron") == (s["redenering"] is None), (beroep, vanaf, s)


def test_a_profession_no_programme_leads_to_is_unknown_not_refused(graph):
    # Regression: 'route --naar systeemtherapeut' said "geen route" (exit 1 as a refusal) though
    # no source refuses one; the graph simply holds no programme into it.
    assert not leidt_tot(graph, "systeemtherapeut")
    result = run("route", "--naar", "systeemtherapeut", "--vanaf", "havo")
    assert result.exit_code == 1
    assert "geen route" not in result.stderr and "onbekend" in result.stderr
    data = json.loads(run("route", "--naar", "systeemtherapeut", "--format", "json").stdout)
    assert data["haalbaar"] is None and not data["routes"] and not data["geblokkeerd"]
    assert "geen opleiding" in data["onbekend"]


def test_a_programme_step_with_an_assumed_recognition_is_not_bron():
    # Regression: the programme step said 'zekerheid: bron' while it named an FVB recognition
    # that is only an assumption.
    data = json.loads(run("route", "--naar", "speltherapeut", "--vanaf", "opleiding/hbo-bachelor-social-work",
                          "--format", "json").stdout)
    opleiding = stap(data["routes"][0], "opleiding")
    assert opleiding["erkenning_aanname"]
    assert opleiding["zekerheid"] == "afgeleid" and opleiding["redenering"]


def test_the_start_of_a_profession_name_suggests_it():
    # Regression (outside test): 'route --naar spel' named no profession to choose.
    result = run("route", "--naar", "spel")
    assert result.exit_code == 2
    assert "bedoelde u: speltherapeut" in result.stderr


def test_starts_with_one_name_come_in_the_same_order_on_every_engine():
    """The bachelor and the master 'Pedagogiek' share a name: rdflib and Oxigraph returned
    them in different orders, so the form's list (and the answer) depended on the engine."""
    lists = {engine: routes.startpunten(EmbeddedStore(engine=engine)) for engine in ("oxigraph", "rdflib")}
    assert lists["oxigraph"] == lists["rdflib"]
    pedagogiek = [s["iri"] for s in lists["oxigraph"] if s["naam"] == "Pedagogiek"]
    assert pedagogiek == sorted(pedagogiek) and len(pedagogiek) == 2


@pytest.mark.parametrize("naar, vanaf", [("vaktherapeut", None), ("vaktherapeut", "havo"),
                                         ("STW", "havo"), ("speltherapeut", "vwo"),
                                         ("systeemtherapeutisch werker", "opleiding/hbo-bachelor-social-work")])
def test_routes_are_the_same_on_rdflib_and_oxigraph(naar, vanaf):
    """The route asks each kind of fact once for all programmes: rows of many programmes come
    back interleaved, and each engine orders ties its own way."""
    assert routes.routes(naar, vanaf, store=EmbeddedStore(engine="rdflib")) == \
        routes.routes(naar, vanaf, store=EmbeddedStore(engine="oxigraph"))


@pytest.mark.parametrize("naar, vanaf", [("vaktherapeut", None), ("psychomotorisch-therapeut", "havo"),
                                         ("systeemtherapeutisch-werker", "opleiding/hbo-bachelor-buiten-zorg-en-welzijn"),
                                         ("systeemtherapeut", None)])
def test_the_diagram_holds_every_route_once_and_adds_nothing(naar, vanaf):
    result = routes.routes(naar, vanaf)
    kaart = routes.kaart(result)
    in_takken = [o["route"] for t in kaart["takken"] for o in t["opleidingen"] if o["route"] is not None]
    assert sorted(in_takken) == list(range(len(result["routes"])))
    geblokkeerd = [o["stap"]["naam"] for t in kaart["takken"] if t["geblokkeerd"] for o in t["opleidingen"]]
    assert sorted(geblokkeerd) == sorted(g["opleiding"]["naam"] for g in result["geblokkeerd"])
    na = [naam for v in kaart["vervolgen"] for naam in v["opleidingen"]]
    assert sorted(na) == sorted(r["opleiding"]["naam"] for r in result["routes"])
    for tak in kaart["takken"]:   # a branch's programmes share every step before the programme
        for o in tak["opleidingen"]:
            if o["route"] is not None:
                stappen = [s for s in result["routes"][o["route"]]["stappen"] if s["stap"] != "vooropleiding"]
                assert stappen[:len(tak["stappen"])] == tak["stappen"] and stappen[len(tak["stappen"])]["stap"] == "opleiding"
    for text in kaart["redeneringen"]:
        assert any(text == s.get("redenering") for r in result["routes"] for s in r["stappen"])


def test_what_every_programme_of_a_branch_shares_is_said_once_for_the_branch():
    kaart = routes.kaart(routes.routes("vaktherapeut"))
    for tak in kaart["takken"]:
        stappen = [o["stap"] for o in tak["opleidingen"]]
        for key, value in tak["gemeen"].items():
            assert len(stappen) > 1 and all(s[key] == value for s in stappen), key
        if "zekerheid" in tak["gemeen"]:
            assert all(s["redenering"] == stappen[0]["redenering"] for s in stappen)
    bachelors = next(t for t in kaart["takken"] if len(t["opleidingen"]) == 7)
    assert bachelors["gemeen"]["accreditatie"] == ["NVAO"] and bachelors["gemeen"]["zekerheid"] == "afgeleid"
