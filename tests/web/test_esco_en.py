"""The ESCO panel and the English site in headless Chromium (issue 12): the panel on the
vaktherapeut page and on task 5, the English home page, a profession and a task in English
(the title is the .en.ttl label), search finding an English word; at 1280 and 390 px, no
overflow, no console error, axe-core clean. Fixtures (live_server, page) are in conftest.py."""
import pytest
from rdflib import URIRef

import browsing
from beroepen.vocab import ID, SKOS
from test_esco_paneel import TAAK_5, VAKTHERAPEUT, tsv_rows

browsing.require_chromium()

WIDTHS = pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True, ids=lambda w: f"{w}px")


def english(graph, pad):
    labels = [str(o) for o in graph.objects(URIRef(ID + pad), SKOS.prefLabel) if o.language == "en"]
    assert labels, f"{pad}: no English label in data/*.en.ttl"
    return labels[0]


def clean(page, step, axe):
    page.watch.check(step)
    violations = browsing.axe_violations(page, axe)
    assert violations == [], f"{step}: axe-core: {[(v['id'], v['nodes'][:3]) for v in violations]}"


@WIDTHS
@pytest.mark.parametrize("pad", [VAKTHERAPEUT, TAAK_5])
def test_esco_panel_is_shown(page, live_server, pad):
    axe = browsing.require_axe()
    page.goto(f"{live_server}/id/{pad}")
    panel = page.locator("section.esco")
    panel.wait_for()
    rows = [r for r in tsv_rows() if r["subject"] == ID + pad]
    assert panel.locator("li.esco-mapping").count() == len(rows)
    for r in rows:
        link = panel.locator(f'a.extern[href="{r["object"]}"]')
        assert link.is_visible() and link.inner_text() == r["object_label"]
        assert link.get_attribute("lang") == "en" and "noopener" in link.get_attribute("rel")
    assert panel.locator('a[href="/esco-crosswalk.sssom.tsv"]').is_visible()
    clean(page, pad, axe)


@WIDTHS
def test_english_site(page, live_server, shipped_graph):
    axe = browsing.require_axe()
    page.goto(f"{live_server}/?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    clean(page, "home", axe)
    for pad in (VAKTHERAPEUT, TAAK_5):
        page.goto(f"{live_server}/id/{pad}?lang=en")
        title = page.locator("h1 span").last
        assert title.inner_text() == english(shipped_graph, pad)
        assert title.get_attribute("lang") is None  # English on an English page: no marking
        assert page.locator("p.vertaling a").get_attribute("href") == "/id/bron/vertaling-en?lang=en"
        assert page.locator("section.esco h2").inner_text() == "ESCO"
        clean(page, pad, axe)
    # English words only the translation has (its words alone are in Dutch names too:
    # 'arts', 'psychomotor'): the search finds the profession by them
    page.goto(f"{live_server}/zoek?q={english(shipped_graph, VAKTHERAPEUT)}&lang=en")
    hit = page.locator(f'ol.resultaten a[href="/id/{VAKTHERAPEUT}?lang=en"]')
    assert hit.inner_text() == english(shipped_graph, VAKTHERAPEUT)
    clean(page, "zoek", axe)
    # the combobox suggests it by its English name too
    page.locator("#zoekveld").fill(english(shipped_graph, VAKTHERAPEUT))
    option = page.locator(f'[role=option][href="/id/{VAKTHERAPEUT}?lang=en"]')
    option.wait_for()
    assert option.locator("span").first.inner_text() == english(shipped_graph, VAKTHERAPEUT)
    assert option.locator("span").first.get_attribute("lang") is None
    page.watch.check("combobox")


@pytest.mark.parametrize("page", [390], indirect=True, ids=["390px"])
def test_english_index_lists_english_names(page, live_server, shipped_graph):
    page.goto(f"{live_server}/index?lang=en")
    link = page.locator(f'ul.index a[href="/id/{TAAK_5}?lang=en"]')
    assert english(shipped_graph, TAAK_5) in link.inner_text()
    page.watch.check("index")
