"""Headless Chromium (Debian `chromium`) driven by Playwright: search, open a task, run a named
query in the YASGUI editor and see rows. Every request the page makes stays on our origin."""
import pytest
from rdflib import Namespace
from rdflib.namespace import SKOS

import browsing
from beroepen.vocab import ID
from beroepen.kennisgraaf.queries import all_queries
from beroepen.resources import resource_dir

BO = Namespace("https://w3id.org/beroepen/def#")

browsing.require_chromium()
# The fixtures live_server, browser and page are in tests/web/conftest.py.


def test_search_and_open_a_task(page, live_server, shipped_graph):
    task = sorted(shipped_graph.subjects(BO.relatieMetCompetentie, None))[0]
    label = next(str(l) for l in shipped_graph.objects(task, SKOS.prefLabel) if l.language == "nl")
    page.goto(live_server + "/")
    page.fill("#zoekveld", " ".join(label.split()[:3]))
    link = page.locator(f'#suggesties a[href="/id/{str(task)[len(ID):]}"]')
    link.wait_for()
    link.click()
    page.wait_for_url(f"**/id/{str(task)[len(ID):]}")
    assert label in page.inner_text("h1")


def test_run_a_named_query_in_the_editor(page, live_server):
    if not (resource_dir("web") / "static" / "vendor" / "yasgui" / "yasgui.min.js").is_file():
        pytest.skip("YASGUI assets not installed (npm install --prefix web)")
    query = next(q for q in all_queries() if q.form == "SELECT" and not q.parameters
                 and not q.name.startswith(("resource-", "zoek-", "index-", "home-")))
    page.goto(live_server + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    page.click("details.voorbeelden summary")
    page.click(f'a.voorbeeld[data-query-name="{query.name}"]')
    page.click(".yasqe_queryButton")
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    assert rows.count() > 0
    assert any(u.startswith(live_server + "/sparql") for u in page.requests)  # our endpoint answered


def test_editor_online_features_are_off(page, live_server):
    if not (resource_dir("web") / "static" / "vendor" / "yasgui" / "yasgui.min.js").is_file():
        pytest.skip("YASGUI assets not installed (npm install --prefix web)")
    page.goto(live_server + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    config = page.evaluate("""() => {
        const y = document.getElementById('yasgui').yasgui;
        const yasqe = y.getTab().getYasqe();
        const enabled = Object.entries(yasqe.autocompleters || {}).filter(([k, v]) => v).map(([k]) => k);
        return {autocompleters: enabled, prefixCcApi: yasqe.config.prefixCcApi,
                catalogue: y.config.endpointCatalogueOptions.getData(),
                endpoint: y.getTab().getEndpoint()};
    }""")
    assert config["autocompleters"] == ["variables"]  # no LOV classes/properties, no prefix.cc
    assert not config["prefixCcApi"] and config["catalogue"] == []
    assert config["endpoint"] == live_server + "/sparql"
    page.click(".yasqe .CodeMirror-lines")
    page.keyboard.type("?x a foaf:Pers", delay=20)
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(500)  # the page fixture fails the test on any request off our origin
