"""axe-core on every page family at 1280 and 390 px (issue 11 item 8): no violations, no page
wider than the screen, no console error. The one exception is the YASGUI editor widget's own
markup (an npm package we do not write), allowed below rule by rule and node by node; our own
markup on the editor page is checked like every other page."""
import re

import pytest
from rdflib.namespace import RDF

import browsing
from beroepen.vocab import ID
from support import REPO

browsing.require_chromium()

BO = "https://w3id.org/beroepen/def#"
WIDTHS = pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True)

# Page families reached by a plain GET; the value is the HTTP status the page answers with.
PAGES = {
    "/": 200,
    "/?lang=en": 200,
    "/index": 200,
    "/index?soort=Beroepstaak": 200,
    "/id/bron/bcp-vaktherapeut": 200,
    "/id/bron/stw-factsheet": 200,
    "/matrix": 200,
    "/vergelijk": 200,
    "/opleiding": 200,
    "/opleiding/route/vaktherapeut": 200,
    "/opleiding/route/systeemtherapeutisch-werker": 200,
    "/opleiding/curriculum": 200,
    "/registratie": 200,
    "/zoek?q=therapeut": 200,
    "/queries": 200,
    "/editor": 200,
    "/sparql": 200,
    "/bestaat-niet": 404,
    "/id/bestaat-niet": 404,
}

# The YASGUI editor widget's own violations (axe-core 4.14.1, @zazuko/yasgui 4.6.2), on /editor
# and /sparql: (rule, the part of the widget whose nodes may break it). Nothing else is allowed,
# and these only inside #yasgui.
YASGUI_OWN = {
    ("aria-required-children", "#yasgui .tabsList"),      # tab list without role=tab children
    ("label", "#yasgui .autocomplete"),                   # the endpoint field has no label
    ("label", "#yasgui .CodeMirror textarea"),            # CodeMirror's hidden input
    ("color-contrast", "#yasgui .CodeMirror"),            # syntax colours and line numbers
    ("scrollable-region-focusable", "#yasgui .CodeMirror-scroll"),
    ("empty-table-header", "#yasgui .yasr thead th"),     # the results' row-number column
    ("select-name", "#yasgui .yasr .tableSizer"),         # the results' "page size" select
}
CURRICULUM = REPO / "data" / "examples" / "curriculum-vaktherapie.csv"
REGISTER = REPO / "tests" / "registratie" / "files"


@pytest.fixture(scope="module")
def axe():
    return browsing.require_axe()


def problems(page, axe, step, status=200):
    """What is wrong with the page as it is now: axe violations, overflow, browser errors."""
    found = []
    for v in browsing.axe_violations(page, axe, YASGUI_OWN):
        found.append(f"{step}: axe {v['id']} ({v['impact']}: {v['help']}) op {v['nodes'][:5]}")
    width = browsing.overflow(page)
    if width:
        found.append(f"{step}: breder dan het scherm: {width}")
    allowed = f"status of {status} "
    found += [f"{step}: {e}" for e in page.watch.errors
              if not (e.startswith("console: Failed to load resource") and allowed in e and status != 200)]
    page.watch.errors.clear()
    return found


@WIDTHS
@pytest.mark.parametrize("path", PAGES)
def test_page_family_has_no_axe_violations(page, live_server, axe, path):
    response = page.goto(live_server + path)
    assert response.status == PAGES[path], path
    if path in ("/editor", "/sparql"):
        page.locator("#yasgui .CodeMirror").wait_for()
    assert problems(page, axe, path, PAGES[path]) == []


@WIDTHS
def test_a_query_page_and_the_editor_with_results_have_no_axe_violations(page, live_server, axe):
    query = next(q for q in page.request.get(live_server + "/queries.json").json()["queries"]
                 if not q["parameters"])
    found = []
    page.goto(live_server + f"/queries/{query['naam']}?run=1")
    found += problems(page, axe, f"/queries/{query['naam']}")
    page.goto(live_server + "/editor?" + re.sub(r"\s+", "+", "query=SELECT * WHERE { ?s ?p ?o } LIMIT 20"))
    page.locator(".yasqe .CodeMirror").wait_for()
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr table tbody tr").first.wait_for()
    found += problems(page, axe, "/editor met resultaten")
    assert found == []


@WIDTHS
def test_a_resource_of_each_kind_has_no_axe_violations(page, live_server, axe, shipped_graph):
    """One resource page per class of the ontology that has instances (the first by IRI)."""
    first = {}
    for s, kind in shipped_graph.subject_objects(RDF.type):
        if str(kind).startswith(BO) and str(s).startswith(ID):
            first[kind] = min(first.get(kind, s), s)
    assert len(first) > 20
    found = []
    for kind, resource in sorted(first.items()):
        path = "/id/" + str(resource)[len(ID):]
        page.goto(live_server + path)
        found += problems(page, axe, f"{kind[len(BO):]} {path}")
    assert found == []


@WIDTHS
def upload_register(page, live_server, praktijk):
    page.goto(live_server + "/registratie")
    page.locator("select[name=regeling]").select_option("herregistratie/nvrg-stw")
    page.locator('input[type=file][name="praktijk"]').set_input_files(REGISTER / praktijk)
    page.locator('input[type=file][name="activiteiten"]').set_input_files(REGISTER / "activiteiten.csv")
    page.get_by_role("button", name="Toon rapport").click()


def test_upload_reports_and_errors_have_no_axe_violations(page, live_server, axe):
    found = []
    page.goto(live_server + "/opleiding/curriculum")
    page.locator("select[name=profiel]").select_option("bcp-vaktherapeut")
    page.locator('input[type=file][name="curriculum"]').set_input_files(CURRICULUM)
    page.get_by_role("button", name="Toon dekking").click()
    page.locator("#rapport-data").wait_for(state="attached")
    found += problems(page, axe, "curriculumrapport")

    upload_register(page, live_server, "praktijk.csv")
    page.locator("#rapport-data").wait_for(state="attached")
    found += problems(page, axe, "registratierapport")
    page.locator("#filter-oordeel").select_option("nee")
    page.locator("table.registratie-rapport tbody tr:visible").first.wait_for()
    page.locator("table.registratie-rapport details summary:visible").first.click()  # one explanation open
    found += problems(page, axe, "registratierapport, gefilterd, uitleg open")

    upload_register(page, live_server, "fout-praktijk.csv")
    page.wait_for_load_state()
    found += problems(page, axe, "registratie met fouten in de invoer", status=400)
    assert found == []
