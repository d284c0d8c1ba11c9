"""Comparing two professions part by part: profile tasks and competences (also inherited through
bo:valtOnder), registers, werkvelden, organisations and routes — on both stores (conftest)."""
import csv
import io
import re

import pytest
from markupsafe import escape
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from beroepen.vocab import ID
from support import store_bug

BO = Namespace("https://w3id.org/beroepen/def#")
DRAMA, DANS = "beroep/dramatherapeut", "beroep/danstherapeut"
STW = "beroep/systeemtherapeutisch-werker"
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
PREFIXES = """PREFIX bo: <https://w3id.org/beroepen/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def compared(client, a, b):
    response = client.get("/vergelijk.json", query_string={"a": a, "b": b})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def part(data, name):
    return next(r for r in data["onderdelen"] if r["onderdeel"] == name)


def iris(items):
    return {i["iri"] for i in items}


def select(graph, query, **bindings):
    return {str(row[0]) for row in graph.query(PREFIXES + query, initBindings=bindings)}


def in_profile_of(graph, beroep, klasse):
    """What the profile of `beroep`'s own profile (or of one it falls under) holds of `klasse`,
    by rdflib's own walk over bo:valtOnder rather than the product's query."""
    above = set(graph.transitive_objects(URIRef(ID + beroep), BO.valtOnder))
    profielen = {p for b in above for p in graph.subjects(BO.profielVan, b)}
    return select(graph, "SELECT ?x WHERE { ?x skos:inScheme ?p ; a/rdfs:subClassOf* ?k }",
                  k=klasse) & {str(m) for p in profielen for m in graph.subjects(SKOS.inScheme, p)}


def inherited(graph, beroep, relatie):
    above = set(graph.transitive_objects(URIRef(ID + beroep), BO.valtOnder))
    return {str(o) for b in above for o in graph.objects(b, relatie)}


def profile_members(graph, beroep):
    """Everything in the profile of `beroep` or of a profession it falls under."""
    above = set(graph.transitive_objects(URIRef(ID + beroep), BO.valtOnder))
    return {m for b in above for p in graph.subjects(BO.profielVan, b) for m in graph.subjects(SKOS.inScheme, p)}


def programmes(graph, beroep):
    below = set(graph.transitive_subjects(BO.valtOnder, URIRef(ID + beroep)))
    return {str(o) for b in below for o in graph.subjects(BO.leidtTot, b)}


def test_dramatherapeut_and_stw_each_show_their_own_profile(client, shipped_graph):
    data = compared(client, DRAMA, STW)
    beroepstaken = select(shipped_graph, "SELECT ?t WHERE { ?t a bo:Beroepstaak }")
    taken = part(data, "taken")
    assert not taken["gedeeld"]
    assert len(taken["alleen_a"]) == len(beroepstaken) and iris(taken["alleen_a"]) == beroepstaken
    assert iris(taken["alleen_b"]) == in_profile_of(shipped_graph, STW, BO.Kerntaak)
    assert iris(taken["alleen_b"]) and all(i["via"] is None for i in taken["alleen_b"])
    # the BCP belongs to vaktherapeut: the dramatherapeut's tasks say where they come from
    assert {i["via"]["iri"] for i in taken["alleen_a"]} == {ID + "beroep/vaktherapeut"}
    competenties = part(data, "competenties")
    assert iris(competenties["alleen_a"]) == in_profile_of(shipped_graph, DRAMA, BO.Competentie)
    assert iris(competenties["alleen_b"]) == in_profile_of(shipped_graph, STW, BO.Competentie)
    assert not competenties["gedeeld"]


def test_dramatherapeut_and_stw_have_different_registers_and_each_their_routes(client, shipped_graph, request):
    store_bug(request, "virtuoso", "twee-paden")  # the routes part comes back empty
    data = compared(client, DRAMA, STW)
    for name, relatie in (("registers", BO.register), ("werkvelden", BO.werkveld),
                          ("organisaties", BO.vertegenwoordigdDoor)):
        row = part(data, name)
        a, b = inherited(shipped_graph, DRAMA, relatie), inherited(shipped_graph, STW, relatie)
        assert iris(row["gedeeld"]) == a & b, name
        assert iris(row["alleen_a"]) == a - b and iris(row["alleen_b"]) == b - a, name
    registers = part(data, "registers")
    assert registers["alleen_a"] and registers["alleen_b"] and not registers["gedeeld"]
    routes = part(data, "routes")
    for side, beroep in (("alleen_a", DRAMA), ("alleen_b", STW)):
        assert routes[side], f"no route into {beroep}"
        assert iris(routes[side]) == programmes(shipped_graph, beroep)
        side_registers = iris(registers[side])
        assert all(r["register"] and r["register"]["iri"] in side_registers for r in routes[side])


def test_two_disciplines_of_vaktherapeut_share_every_task_and_competence(client, shipped_graph):
    data = compared(client, DANS, DRAMA)
    for name, klasse in (("taken", BO.Taak), ("competenties", BO.Competentie)):
        row = part(data, name)
        assert not row["alleen_a"] and not row["alleen_b"], name
        assert iris(row["gedeeld"]) == in_profile_of(shipped_graph, DANS, klasse) != set()
    assert iris(part(data, "registers")["gedeeld"]) == inherited(shipped_graph, DANS, BO.register)
    assert data["profielen"]["a"] == data["profielen"]["b"] != []


def test_page_shows_what_the_json_twin_holds(client):
    data = compared(client, DRAMA, STW)
    page = client.get("/vergelijk", query_string={"a": DRAMA, "b": STW}).get_data(as_text=True)
    for row in data["onderdelen"]:
        assert str(escape(row["label"])) in page
        for item in row["gedeeld"] + row["alleen_a"] + row["alleen_b"]:
            link = f'/id/{item["pad"]}' if item["pad"] else item["iri"]  # ESCO's concepts: their IRI
            assert f'href="{link}"' in page and str(escape(item["label"])) in page
    for profiel in data["profielen"]["a"] + data["profielen"]["b"]:
        assert f'href="/id/{profiel["pad"]}"' in page


def test_csv_twin_has_the_parts_and_routes_end_in_their_register(client, request):
    store_bug(request, "virtuoso", "twee-paden", raises=IndexError)  # no route to read
    data = compared(client, DRAMA, STW)
    body = client.get("/vergelijk.csv", query_string={"a": DRAMA, "b": STW}).get_data(as_text=True)
    rows = {r["relatie"]: r for r in csv.DictReader(io.StringIO(body)) if r["richting"] == "onderdeel"}
    assert set(rows) == {r["label"] for r in data["onderdelen"]}
    route = part(data, "routes")["alleen_b"][0]
    assert f"{route['label']} → {route['register']['label']}" in rows[part(data, "routes")["label"]]["alleen_b"]


def test_two_profiles_are_compared_as_before(client):
    data = compared(client, "profiel/bcp-vaktherapeut", "profiel/stw")
    assert "onderdelen" not in data
    members = next(r for r in data["relaties"] if r["richting"] == "inkomend"
                   and r["relatie"] == str(SKOS.inScheme))
    assert members["alleen_a"] and members["alleen_b"]


@pytest.mark.parametrize("a, b", [(DRAMA, "profiel/stw"), ("profiel/stw", DRAMA)])
def test_a_profession_against_a_profile_has_no_parts(client, a, b):
    assert "onderdelen" not in compared(client, a, b)


# --- issue 11: the summary first, two different defaults, the same choice reported ---------

def chosen(page, veld):
    """The value of the selected option of the form's select `veld` (a or b)."""
    select = re.search(rf'<select id="kies-{veld}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="([^"]*)"[^>]* selected>', select).group(1)


def rows_of(data):
    return data.get("onderdelen", []) + data["relaties"]


def test_default_pair_is_two_different_professions_with_a_profile(client, shipped_graph):
    page = client.get("/vergelijk").get_data(as_text=True)
    a, b = chosen(page, "a"), chosen(page, "b")
    profielen = sorted(shipped_graph.subjects(RDF.type, BO.Beroepscompetentieprofiel), key=str)
    expected = list(dict.fromkeys(str(shipped_graph.value(p, BO.profielVan))[len(ID):] for p in profielen))
    assert a != b and [a, b] == expected[:2]
    # the page opens on their comparison, not on an empty form
    assert 'id="samenvatting-kop"' in page and f'href="/id/{a}"' in page and f'href="/id/{b}"' in page


def test_json_twin_without_a_choice_is_the_default_pages_dict(client):
    page = client.get("/vergelijk").get_data(as_text=True)
    twin = client.get("/vergelijk.json").get_json()
    assert [twin["a"]["pad"], twin["b"]["pad"]] == [chosen(page, "a"), chosen(page, "b")]


@pytest.mark.parametrize("a, b", [("beroep/vaktherapeut", STW), (DRAMA, "beroep/beeldend-therapeut"),
                                  ("beroep/sociaal-werker", "beroep/systeemtherapeut"),
                                  ("profiel/bcp-vaktherapeut", "profiel/stw")])
def test_summary_counts_equal_the_lists(client, a, b):
    data = compared(client, a, b)
    rows = rows_of(data)
    assert len(data["samenvatting"]) == len(rows)
    for count, row in zip(data["samenvatting"], rows):
        assert count["label"] == row["label"]
        assert [count[k] for k in ("gedeeld", "alleen_a", "alleen_b")] == \
               [len(row[k]) for k in ("gedeeld", "alleen_a", "alleen_b")]


def test_what_both_professions_name_is_shared_and_named_in_the_summary(client, shipped_graph):
    vak, stw = URIRef(ID + "beroep/vaktherapeut"), URIRef(ID + STW)
    beide = set(shipped_graph.objects(vak, BO.vergoedingsbron)) & set(shipped_graph.objects(stw, BO.vergoedingsbron))
    assert beide, "the sources no longer name a financing source for both"
    data = compared(client, "beroep/vaktherapeut", STW)
    row = next(r for r in data["relaties"] if r["relatie"] == str(BO.vergoedingsbron))
    assert iris(row["gedeeld"]) == {str(o) for o in beide}
    assert not iris(row["alleen_a"]) & iris(row["alleen_b"])
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": STW}).get_data(as_text=True)
    summary = re.search(r'<p class="wel-gedeeld">(.*?)</p>', page, re.S).group(1)
    assert all(next(str(l) for l in shipped_graph.objects(o, SKOS.prefLabel) if l.language == "nl") in summary
               for o in beide)


def test_nothing_shared_in_a_part_is_one_line(client):
    data = compared(client, "beroep/vaktherapeut", STW)
    leeg = [r for r in data["onderdelen"] if not r["gedeeld"] and (r["alleen_a"] or r["alleen_b"])]
    assert leeg
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": STW}).get_data(as_text=True)
    for row in leeg:
        section = re.search(rf'<section class="deel" id="deel-{row["onderdeel"]}".*?</section>', page, re.S).group(0)
        assert section.count('class="niets-gedeeld"') == 1 and 'class="gedeeld"' not in section


@pytest.mark.parametrize("b", ["beroep/vaktherapeut", ID + "beroep/vaktherapeut"])
def test_same_profession_twice_is_reported(client, b):
    data = compared(client, "beroep/vaktherapeut", b)
    assert data["zelfde"] is True
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": b}).get_data(as_text=True)
    assert 'class="melding" role="status"' in page and "hetzelfde" in page
    assert 'id="samenvatting-kop"' not in page
    assert compared(client, "beroep/vaktherapeut", STW)["zelfde"] is False


def test_what_the_graph_states_between_the_two_is_listed(client, shipped_graph):
    st, stw = URIRef(ID + "beroep/systeemtherapeut"), URIRef(ID + STW)
    expected = {("a", str(p)) for p in shipped_graph.predicates(stw, st)} | \
               {("b", str(p)) for p in shipped_graph.predicates(st, stw)}
    assert expected, "the sources no longer link the two"
    data = compared(client, STW, "beroep/systeemtherapeut")
    assert {(v["van"], v["relatie"]) for v in data["verbanden"]} == expected


def test_long_notes_are_folded(client, shipped_graph):
    notes = len(list(shipped_graph.objects(URIRef(ID + "beroep/vaktherapeut"), SKOS.note)))
    assert notes > 6
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": STW}).get_data(as_text=True)
    details = re.findall(r'<details class="relatie"[^>]*>\s*<summary><span class="relatie-naam">([^<]*)', page)
    folded = re.findall(r'<details class="relatie" id="[^"]*">\s*<summary><span class="relatie-naam">([^<]*)', page)
    assert "noot" in details and "noot" in folded


def test_english_page_translates_the_interface_and_names_in_english(client, shipped_graph):
    """The profession's English name (from its .en.ttl twin), unmarked; a Dutch fallback is
    marked lang="nl" (tests/web/test_engelse_paginas.py)."""
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": STW, "lang": "en"}).get_data(as_text=True)
    assert "<h2 id=\"samenvatting-kop\">Summary</h2>" in page and "Gedeeld" not in page
    naam = next(str(o) for o in shipped_graph.objects(URIRef(ID + "beroep/vaktherapeut"), SKOS.prefLabel) if o.language == "en")
    assert f'<a href="/id/beroep/vaktherapeut?lang=en">{naam}</a>' in page


def test_esco_concepts_of_the_mappings_are_compared_as_the_graph_states_them(client, shipped_graph):
    data = compared(client, DRAMA, "beroep/beeldend-therapeut")
    row = part(data, "esco")

    def esco(beroep):
        van = {URIRef(ID + beroep)} | profile_members(shipped_graph, beroep)
        return {str(o) for s in van for p in MATCHES for o in shipped_graph.objects(s, p)
                if str(o).startswith(("http://data.europa.eu/esco/occupation/", "http://data.europa.eu/esco/isco/",
                                      "http://data.europa.eu/esco/skill/"))}
    a, b = esco(DRAMA), esco("beroep/beeldend-therapeut")
    assert iris(row["gedeeld"]) == a & b and iris(row["alleen_a"]) == a - b and iris(row["alleen_b"]) == b - a


def test_an_esco_skill_both_are_mapped_to_is_shared_with_each_sides_mapping(shipped_graph):
    """On the shipped graph plus two mappings to one ESCO skill (a task of each profile, by
    different SKOS properties): the skill is shared, and each side's mapping is shown."""
    from beroepen.web import create_app
    graph = Graph()
    for triple in shipped_graph:
        graph.add(triple)
    skill = URIRef("http://data.europa.eu/esco/skill/00000000-test-0000-0000-000000000000")
    taak_a = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/2")
    taak_b = next(t for t in graph.subjects(SKOS.inScheme, URIRef(ID + "profiel/stw")) if (t, RDF.type, BO.Kerntaak) in graph)
    graph.add((taak_a, SKOS.closeMatch, skill))
    graph.add((taak_b, SKOS.relatedMatch, skill))
    graph.add((skill, SKOS.prefLabel, Literal("test skill", lang="en")))
    client = create_app({"TESTING": True, "GRAPH": graph, "PAGE_CACHE": 0}).test_client()
    row = part(compared(client, "beroep/vaktherapeut", STW), "esco")
    shared = next(i for i in row["gedeeld"] if i["iri"] == str(skill))
    assert [(k["van"]["iri"], k["predicaat"]) for k in shared["koppelingen"]] == [(str(taak_a), "closeMatch")]
    assert [(k["van"]["iri"], k["predicaat"]) for k in shared["koppelingen_b"]] == [(str(taak_b), "relatedMatch")]
    assert shared["label"] == "test skill" and shared["taal"] == "en"
    assert str(skill) not in iris(row["alleen_a"]) | iris(row["alleen_b"])
    page = client.get("/vergelijk", query_string={"a": "beroep/vaktherapeut", "b": STW}).get_data(as_text=True)
    section = re.search(r'<section class="deel" id="deel-esco".*?</section>', page, re.S).group(0)
    assert f'<a href="{skill}" lang="en">test skill</a>' in section and "skos:relatedMatch" in section


@pytest.mark.parametrize("gegeven", ["a", "b"])
def test_one_side_chosen_gets_a_different_profession_for_the_other(client, gegeven):
    """A profession page links to /vergelijk?a=<itself>: B is a default other than A."""
    page = client.get("/vergelijk", query_string={gegeven: STW}).get_data(as_text=True)
    ander = "b" if gegeven == "a" else "a"
    assert chosen(page, gegeven) == STW and chosen(page, ander) not in ("", STW)
    assert 'id="samenvatting-kop"' in page
