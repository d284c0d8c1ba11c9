"""Home, search, index, matrix, comparison and named-query pages with their twins, on both stores.

Expectations come from the graph (or from the core functions the CLI uses), never from
hard-coded data.
"""
import csv
import io
import unicodedata

import pytest
from click.testing import CliRunner
from rdflib import Namespace, RDF, URIRef
from rdflib.namespace import SKOS

from beroepen.kennisgraaf import matrix as matrix_core
from beroepen.cli import main
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID
from beroepen.kennisgraaf.queries import all_queries

BO = Namespace("https://w3id.org/beroepen/def#")


def dutch(graph, subject):
    return next((str(o) for o in graph.objects(subject, SKOS.prefLabel) if o.language == "nl"), None)


def test_home_lists_professions_profiles_and_counts(client, shipped_graph):
    data = client.get("/home.json").get_json()
    html = client.get("/").get_data(as_text=True)
    beroepen = set(shipped_graph.subjects(RDF.type, BO.Beroep))
    assert {b["iri"] for b in data["beroepen"]} == {str(b) for b in beroepen}
    for beroep in beroepen:
        assert f'href="/id/{str(beroep)[len(ID):]}"' in html
    profielen = set(shipped_graph.subjects(RDF.type, BO.Beroepscompetentieprofiel))
    assert {p["iri"] for p in data["profielen"]} == {str(p) for p in profielen}
    counts = {a["klasse"]: a["aantal"] for a in data["aantallen"]}
    taken = {t for t in shipped_graph.subjects(RDF.type, BO.Beroepstaak) if str(t).startswith(ID)}
    assert counts[str(BO.Beroepstaak)] == len(taken)
    assert 'id="zoekveld"' in html and "data-suggest" in html


def test_search_finds_a_code_first(client, shipped_graph):
    profiel = shipped_graph.value(predicate=RDF.type, object=BO.Beroepscompetentieprofiel)
    codes = {}
    for concept in shipped_graph.subjects(RDF.type, BO.SpecifiekeCompetentie):
        for code in shipped_graph.objects(concept, SKOS.notation):
            codes.setdefault(str(code), []).append(concept)
    code, concepts = next((c, v) for c, v in sorted(codes.items()) if len(v) == 1)
    results = client.get(f"/zoek.json?q={code}").get_json()["resultaten"]
    assert results[0]["iri"] == str(concepts[0])


def test_search_ignores_accents_and_case(client, shipped_graph):
    accented = sorted((s, str(o)) for s, o in shipped_graph.subject_objects(SKOS.prefLabel)
                      if str(s).startswith(ID) and any(unicodedata.combining(c) for c in
                                                       unicodedata.normalize("NFKD", str(o))))
    assert accented, "no accented labels in the data"
    subject, label = accented[0]
    plain = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c))
    results = client.get("/zoek.json", query_string={"q": plain.upper(), "limit": 100}).get_json()
    assert str(subject) in {r["iri"] for r in results["resultaten"]}
    page = client.get("/zoek", query_string={"q": plain}).get_data(as_text=True)
    assert f'/id/{str(subject)[len(ID):]}' in page


def test_index_holds_every_labelled_resource(client, shipped_graph):
    data = client.get("/index.json").get_json()
    listed = {i["iri"] for letter in data["letters"] for i in letter["items"]}
    labelled = {str(s) for s in shipped_graph.subjects(SKOS.prefLabel) if str(s).startswith(ID)
                and (s, RDF.type, None) in shipped_graph}
    assert labelled <= listed
    rows = list(csv.DictReader(io.StringIO(client.get("/index.csv").get_data(as_text=True))))
    assert len(rows) == len(listed)


def test_matrix_csv_is_the_cli_csv(client, shipped_graph):
    profiel = "bcp-vaktherapeut"
    cli = CliRunner().invoke(main, ["matrix", "--profiel", profiel, "--format", "csv"])
    assert cli.exit_code == 0, cli.output
    page = client.get(f"/matrix/{profiel}.csv")
    assert page.status_code == 200 and page.mimetype == "text/csv"
    assert page.get_data(as_text=True) == cli.output
    m = matrix_core.matrix(EmbeddedStore(shipped_graph), profiel)
    html = client.get(f"/matrix/{profiel}").get_data(as_text=True)
    for rij in m["rijen"]:
        assert rij["titel"].replace("'", "&#39;") in html
    marks = sum(len(r["competenties"]) for r in m["rijen"])
    assert html.count('<td class="x warm') == marks
    assert client.get(f"/matrix/{profiel}.json").get_json()["rijen"][0]["nummer"] == m["rijen"][0]["nummer"]


def test_unknown_profile_is_404(client):
    assert client.get("/matrix/geen-profiel").status_code == 404


def _has_matrix(graph, profiel):
    """Whether any beroepstaak of the profile is linked to a competence, read from the graph."""
    return any((t, RDF.type, BO.Beroepstaak) in graph and any(graph.objects(t, BO.relatieMetCompetentie))
               for t in graph.subjects(SKOS.inScheme, profiel))


def test_home_does_not_link_the_empty_stw_matrix(client, shipped_graph):
    data = client.get("/home.json").get_json()
    html = client.get("/").get_data(as_text=True)
    heeft = {p["slug"]: _has_matrix(shipped_graph, URIRef(p["iri"])) for p in data["profielen"]}
    assert set(heeft.values()) == {True, False}, "the data has profiles with and without a matrix"
    for p in data["profielen"]:
        assert p["matrix"] is heeft[p["slug"]]
        assert (f'href="/matrix/{p["slug"]}"' in html) is heeft[p["slug"]], p["slug"]


def test_matrix_page_of_a_profile_without_one_shows_what_it_holds_not_an_empty_table(client, shipped_graph):
    stw = URIRef(ID + "profiel/stw")
    assert not _has_matrix(shipped_graph, stw)
    page = client.get("/matrix/stw")
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and 'class="matrix"' not in html
    assert "geen taak van dit profiel aan een competentie" in html
    for item in shipped_graph.subjects(SKOS.inScheme, stw):
        if (item, RDF.type, BO.Kerntaak) in shipped_graph or (item, RDF.type, BO.Kennisdomein) in shipped_graph:
            assert f'href="/id/{str(item)[len(ID):]}"' in html
            assert dutch(shipped_graph, item).replace("'", "&#39;") in html
    twin = client.get("/matrix/stw.json")
    data = twin.get_json()
    assert twin.status_code == 404 and "geen matrix" in data["fout"]
    assert data["matrix"] is None and "rijen" not in data and "competenties" not in data
    kerntaken = {str(t) for t in shipped_graph.subjects(RDF.type, BO.Kerntaak)
                 if (t, SKOS.inScheme, stw) in shipped_graph}
    assert kerntaken and kerntaken <= {o["iri"] for o in data["onderdelen"]}
    table = client.get("/matrix/stw.csv")
    assert table.status_code == 404 and table.mimetype != "text/csv"


def test_compare_two_professions(client, shipped_graph):
    beroepen = sorted(shipped_graph.subjects(RDF.type, BO.Beroep),
                      key=lambda b: -len(list(shipped_graph.predicate_objects(b))))
    a, b = beroepen[0], beroepen[1]
    data = client.get("/vergelijk.json", query_string={"a": str(a)[len(ID):], "b": str(b)[len(ID):]}).get_json()
    assert data["a"]["iri"] == str(a) and data["b"]["iri"] == str(b)
    for row in data["relaties"]:
        if row["richting"] == "eigenschappen":  # literals: compared by value
            from rdflib import URIRef
            values = lambda s: {str(o) for o in shipped_graph.objects(s, URIRef(row["relatie"]))}
            assert {i["waarde"] for i in row["gedeeld"]} <= values(a) & values(b) or not row["gedeeld"]
            assert {i["waarde"] for i in row["alleen_b"]} <= values(b) - values(a)
            continue
        if row["richting"] != "uitgaand":
            continue
        p = row["relatie"]
        from rdflib import URIRef
        objects = lambda s: {str(o) for o in shipped_graph.objects(s, URIRef(p)) if isinstance(o, URIRef)}
        assert {i["iri"] for i in row["gedeeld"]} == objects(a) & objects(b)
        assert {i["iri"] for i in row["alleen_a"]} == objects(a) - objects(b)
        assert {i["iri"] for i in row["alleen_b"]} == objects(b) - objects(a)
    html = client.get("/vergelijk", query_string={"a": str(a)[len(ID):], "b": str(b)[len(ID):]})
    assert html.status_code == 200 and dutch(shipped_graph, a) in html.get_data(as_text=True)


def test_queries_page_lists_every_named_query(client):
    data = client.get("/queries.json").get_json()
    assert [q["naam"] for q in data["queries"]] == [q.name for q in all_queries()]
    html = client.get("/queries").get_data(as_text=True)
    for q in all_queries():
        assert f'/queries/{q.name}"' in html


def test_named_query_csv_is_the_query_commands_csv(client):
    from beroepen.kennisgraaf import querying
    q = next(q for q in all_queries() if not q.parameters and q.form == "SELECT"
             and not q.name.startswith(("resource-", "zoek-", "index-", "home-")))
    page = client.get(f"/queries/{q.name}.csv").get_data(as_text=True).splitlines()
    cli = CliRunner().invoke(main, ["query", q.name, "--format", "csv"]).output.splitlines()
    assert page[0] == cli[0] and sorted(page) == sorted(cli)


def test_editor_works_as_plain_form(client):
    html = client.get("/editor").get_data(as_text=True)
    assert '<form id="sparql-form" method="get" action="/sparql">' in html
    assert '<textarea name="query"' in html
    for q in all_queries():
        assert f'data-query-name="{q.name}"' in html


def test_every_page_has_a_json_twin(client):
    for url in ("/home.json", "/index.json", "/queries.json", "/zoek.json?q=a",
                "/matrix/bcp-vaktherapeut.json"):
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/json", url


def test_compare_needs_two_names(client):
    response = client.get("/vergelijk.json?a=beroep")
    assert response.status_code == 400 and "?a=" in response.get_json()["fout"]
    assert client.get("/vergelijk.json?a=beroep/bestaat-niet&b=beroep/ook-niet").status_code == 404


def test_every_page_route_has_a_json_twin(app):
    """Datasette's rule: each HTML page (GET, ours) is also data, from the same view."""
    ours = {"home", "resource", "matrix", "vergelijk", "queries"}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in ours
             and "GET" in r.methods]
    twins = {r.endpoint for r in rules if "fmt" in r.arguments or r.endpoint == "resource.page"}
    pages = {r.endpoint for r in rules} - {"matrix.default"}  # a redirect to the default profile
    assert pages and pages <= twins, pages - twins


def test_index_of_one_kind(client, shipped_graph):
    taken = {str(t) for t in shipped_graph.subjects(RDF.type, BO.Beroepstaak) if str(t).startswith(ID)}
    data = client.get("/index.json?soort=Beroepstaak").get_json()
    assert {i["iri"] for letter in data["letters"] for i in letter["items"]} == taken
    assert 'href="/index?soort=Beroepstaak"' in client.get("/").get_data(as_text=True)


def test_compare_professions_by_their_profiles(client, shipped_graph):
    with_profile = sorted({b for _, b in shipped_graph.subject_objects(BO.profielVan)})
    assert len(with_profile) >= 2, "fewer than two professions with a profile"
    a, b = with_profile[:2]
    members = lambda beroep: {str(m) for p in shipped_graph.subjects(BO.profielVan, beroep)
                              for m in shipped_graph.subjects(SKOS.inScheme, p)}
    from rdflib import RDFS, URIRef
    data = client.get("/vergelijk.json", query_string={"a": str(a), "b": str(b)}).get_json()
    parts = [r for r in data["onderdelen"] if r["onderdeel"] in ("taken", "competenties")]
    tasks_and_competences = lambda beroep: {m for m in members(beroep) if any(
        k in (BO.Taak, BO.Competentie) for t in shipped_graph.objects(URIRef(m), RDF.type)
        for k in shipped_graph.transitive_objects(t, RDFS.subClassOf))}
    assert {i["iri"] for r in parts for i in r["alleen_a"] + r["gedeeld"]} == tasks_and_competences(a)
    assert {i["iri"] for r in parts for i in r["alleen_b"] + r["gedeeld"]} == tasks_and_competences(b)


def test_every_page_leads_to_the_education_and_registration_pages(client):
    for page in ["/", "/matrix/vaktherapeut", "/queries"]:
        html = client.get(page).get_data(as_text=True)
        for target in ["/opleiding", "/registratie"]:
            assert f'href="{target}"' in html, f"{page} has no link to {target}"
            assert client.get(target).status_code == 200
