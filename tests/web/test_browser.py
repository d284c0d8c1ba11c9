"""Headless Chromium (Debian `chromium`) driven by Playwright: search, open a task, run a named
query in the YASGUI editor and see rows. Every request the page makes stays on our origin."""
import shutil
import threading
from pathlib import Path

import pytest
from rdflib import Namespace
from rdflib.namespace import SKOS

from beroepen.vocab import ID
from beroepen.kennisgraaf.queries import all_queries
from beroepen.resources import resource_dir
from beroepen.web import create_app, pages
from support import free_port

BO = Namespace("https://w3id.org/beroepen/def#")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install '.[test]' (playwright)")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium not installed (apt-get install chromium; .ci/run does this)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def server(shipped_graph):
    from waitress import create_server
    app = create_app({"GRAPH": shipped_graph, "SPARQL_WORKERS": 1})
    port = free_port()
    wsgi = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=wsgi.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    wsgi.close()
    pages.close(app)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15000)
    requests, refused = [], []
    page.on("request", lambda r: requests.append(r.url))
    # a request our CSP blocks never reaches the network, but the browser reports it
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.requests = requests
    yield page
    context.close()
    outside = [u for u in requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == [], f"requests outside our origin: {outside}"
    assert refused == [], f"the page tried what the CSP forbids: {refused}"


def test_search_and_open_a_task(page, server, shipped_graph):
    task = sorted(shipped_graph.subjects(BO.relatieMetCompetentie, None))[0]
    label = str(shipped_graph.value(task, SKOS.prefLabel))
    page.goto(server + "/")
    page.fill("#zoekveld", " ".join(label.split()[:3]))
    link = page.locator(f'#suggesties a[href="/id/{str(task)[len(ID):]}"]')
    link.wait_for()
    link.click()
    page.wait_for_url(f"**/id/{str(task)[len(ID):]}")
    assert label in page.inner_text("h1")


def test_run_a_named_query_in_the_editor(page, server):
    if not (resource_dir("web") / "static" / "vendor" / "yasgui" / "yasgui.min.js").is_file():
        pytest.skip("YASGUI assets not installed (npm install --prefix web)")
    query = next(q for q in all_queries() if q.form == "SELECT" and not q.parameters
                 and not q.name.startswith(("resource-", "zoek-", "index-", "home-")))
    page.goto(server + "/editor")
    page.locator(".yasqe .CodeMirror").wait_for()
    page.click("details.voorbeelden summary")
    page.click(f'a.voorbeeld[data-query-name="{query.name}"]')
    page.click(".yasqe_queryButton")
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    assert rows.count() > 0
    assert any(u.startswith(server + "/sparql") for u in page.requests)  # our endpoint answered


def test_editor_online_features_are_off(page, server):
    if not (resource_dir("web") / "static" / "vendor" / "yasgui" / "yasgui.min.js").is_file():
        pytest.skip("YASGUI assets not installed (npm install --prefix web)")
    page.goto(server + "/editor")
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
    assert config["endpoint"] == server + "/sparql"
    page.click(".yasqe .CodeMirror-lines")
    page.keyboard.type("?x a foaf:Pers", delay=20)
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(500)  # the page fixture fails the test on any request off our origin
