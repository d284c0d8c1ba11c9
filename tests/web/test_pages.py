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
from rdflib.namespace import OWL, SKOS

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
    # the ESCO crosswalk's mapping records are reached from what they map, not listed
    records = {str(s) for s in shipped_graph.subjects(RDF.type, OWL.Axiom)}
    assert records and labelled - records <= listed and not records & listed
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


def test_queries_page_lists_every_public_named_query(client):
    from beroepen.kennisgraaf.queries import public_queries
    public = [q for group in public_queries().values() for q in group]
    data = client.get("/queries.json").get_json()
    assert [q["naam"] for q in data["queries"]] == [q.name for q in public]
    html = client.get("/queries").get_data(as_text=True)
    for q in all_queries():
        assert (f'/queries/{q.name}"' in html) is q.openbaar


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


def test_compare_names_what_it_does_not_know(client):
    response = client.get("/vergelijk.json?a=beroep")  # b: the default pair's other profession
    assert response.status_code == 404 and "'beroep'" in response.get_json()["fout"]
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


# --- the shared frame: phone width, landmarks, combobox, languages, 404 (issue 11, parts 2, 7, 8) ---

import re
from html.parser import HTMLParser
from pathlib import Path

from beroepen.web import create_app
from beroepen.web.taal import catalogue

ROOT = Path(__file__).resolve().parents[2]

class Elements(HTMLParser):
    """Every start tag of a page as (tag, {attribute: value})."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def all(self, tag=None, **attrs):
        return [a for t, a in self.found if (tag is None or t == tag)
                and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]


@pytest.fixture(scope="module")
def embedded(shipped_graph):
    return create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()


FRAME_PAGES = ["/", "/?lang=en", "/index", "/index?soort=Beroepstaak", "/matrix/bcp-vaktherapeut",
               "/matrix/stw", "/zoek?q=taak", "/geen/pagina"]


@pytest.mark.parametrize("url", FRAME_PAGES)
def test_frame_is_made_for_a_phone_and_a_keyboard(embedded, url):
    """What lets a page fit 390 px and be used without a mouse, in the markup every page
    shares: the viewport meta, one main landmark that a skip link leads to, a labelled menu,
    and every wide table in a focusable, named scroll region (the browser checks are the
    journeys': tests/web/test_journeys.py)."""
    page = Elements(embedded.get(url).get_data(as_text=True))
    assert page.all("meta", name="viewport", content="width=device-width, initial-scale=1")
    main = page.all("main")
    assert len(main) == 1 and main[0]["id"] == "inhoud"
    assert page.all("a", href="#inhoud", class_="skip")
    assert [n.get("aria-label") for n in page.all("nav", class_="menu")] in (["Hoofdmenu"], ["Main menu"])
    assert len(page.all("header")) == len(page.all("footer")) == 1
    wraps = [a for a in page.all("div") if "tabel-wrap" in a.get("class", "").split()]
    assert all(w.get("tabindex") == "0" and w.get("role") == "region" and w.get("aria-label") for w in wraps), wraps
    if url in ("/", "/?lang=en", "/matrix/bcp-vaktherapeut"):  # each table in its own
        assert len(page.all("table")) == len(wraps) > 0


def test_search_box_is_an_aria_combobox(embedded):
    """WAI-ARIA APG combobox with a listbox popup (beroepen.js fills and moves through it)."""
    page = Elements(embedded.get("/").get_data(as_text=True))
    box = page.all("input", id="zoekveld")[0]
    assert box["role"] == "combobox" and box["aria-expanded"] == "false"
    assert box["aria-autocomplete"] == "list" and box["aria-controls"] == "suggesties"
    assert page.all("label", for_="zoekveld")
    popup = page.all(id="suggesties")[0]
    assert popup["role"] == "listbox" and popup.get("aria-label") and "hidden" in popup
    assert page.all(id=box["aria-describedby"])
    script = (ROOT / "web" / "static" / "beroepen.js").read_text(encoding="utf-8")
    for needed in ('"option"', "aria-activedescendant", "aria-selected", "aria-expanded",
                   '"ArrowDown"', '"ArrowUp"', '"Enter"', '"Escape"'):
        assert needed in script, needed


def test_active_suggestion_has_enough_contrast():
    """The highlighted suggestion was 1.08:1 (#f4f6f8 on white); WCAG AA asks 4.5:1."""
    css = (ROOT / "web" / "static" / "beroepen.css").read_text(encoding="utf-8")
    rule = re.search(r"\.suggesties \[role=option\]\[aria-selected=true\] \{([^}]*)\}", css).group(1)
    colour = lambda name: re.search(name + r":\s*([^;]+);", rule).group(1).strip()
    variables = dict(re.findall(r"--(\w+):\s*(#[0-9a-f]{6})", css))
    resolve = lambda c: variables[c[6:-1]] if c.startswith("var(--") else c
    assert contrast(resolve(colour("background")), resolve(colour("color"))) >= 4.5


def contrast(a, b):
    def luminance(hex_colour):
        if len(hex_colour) == 4:  # #fff
            hex_colour = "#" + "".join(c * 2 for c in hex_colour[1:])
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_unknown_address_is_our_404_page_not_werkzeugs(embedded):
    page = embedded.get("/geen/pagina?lang=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 404 and '<main id="inhoud"' in html
    assert "/geen/pagina" in html and catalogue()["Niet gevonden"] in html
    twin = embedded.get("/geen/pagina.json")
    assert twin.status_code == 404 and twin.get_json()["soort"] == "niet-gevonden"


def test_matrix_headers_have_scope_and_the_page_links_its_profession(embedded, shipped_graph):
    html = embedded.get("/matrix/bcp-vaktherapeut").get_data(as_text=True)
    page = Elements(html)
    table = html[html.index('<table class="matrix">'):html.index("</table>")]
    headers = Elements(table).all("th")
    assert headers and all(h.get("scope") in ("col", "row") for h in headers)
    profiel = URIRef(ID + "profiel/bcp-vaktherapeut")
    beroep = shipped_graph.value(profiel, BO.profielVan)
    assert beroep is not None
    assert page.all("a", href="/id/" + str(beroep)[len(ID):])


def test_content_in_another_language_than_the_page_is_marked(embedded, shipped_graph):
    """<html lang> is the interface's language; the graph's Dutch labels on an English page
    carry lang="nl", and nothing is marked on a Dutch page."""
    english = embedded.get("/matrix/bcp-vaktherapeut?lang=en").get_data(as_text=True)
    dutch = embedded.get("/matrix/bcp-vaktherapeut").get_data(as_text=True)
    assert '<html lang="en">' in english
    # each task title and competence is marked by its own language, not the table as a whole
    # (a Dutch fallback: tests/web/test_engelse_paginas.py)
    tbody = english[english.index("<tbody"):english.index("</tbody>")]
    assert tbody.startswith('<tbody>')
    assert ' lang="nl"' not in dutch.replace('<html lang="nl">', "")
    # the index: a Dutch name (no English one yet) is marked, an English name is not
    index = embedded.get("/index?lang=en").get_data(as_text=True)
    items = re.findall(r'<li><a href="/id/([^"?]+)\?lang=en"( lang="nl")?>', index)
    taal = {i["pad"]: i["taal"] for letter in embedded.get("/index.json?lang=en").get_json()["letters"]
            for i in letter["items"]}
    assert items and all(bool(marked) == (taal[pad] == "nl") for pad, marked in items)
    assert {"nl", "en"} <= {taal[pad] for pad, _ in items}


def test_item_html_marks_the_language_of_each_item(shipped_graph):
    from beroepen.web.pages import item_html
    app = create_app({"TESTING": True, "GRAPH": shipped_graph})
    ours = {"iri": ID + "beroep/vaktherapeut", "pad": "beroep/vaktherapeut", "label": "vaktherapeut"}
    term = {"iri": str(BO.Beroep), "pad": None, "label": "profession"}
    esco = {"iri": "http://data.europa.eu/esco/isco/C2269", "pad": None, "label": "Health professionals"}
    engels = {"waarde": "Strengths and Difficulties Questionnaire", "taal": "en"}
    with app.test_request_context("/?lang=en"):
        assert ' lang="nl">' in item_html(ours)
        assert " lang=" not in item_html(term) and " lang=" not in item_html(esco)
        assert " lang=" not in item_html(engels)
    with app.test_request_context("/"):
        assert " lang=" not in item_html(ours) + item_html(term) + item_html(esco)
        assert item_html(engels).startswith('<span lang="en">')
