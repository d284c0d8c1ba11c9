"""Resource pages in headless Chromium (issue 11 items 1, 6, 7): no page wider than the screen,
no console error, axe-core clean at 1280 and 390 px, and a print layout with the folded parts
open and the navigation gone. Fixtures (live_server, page) are in tests/web/conftest.py."""
import pytest

import browsing

browsing.require_chromium()

PAGES = {
    "beroep": "/id/beroep/vaktherapeut",
    "beroepstaak": "/id/profiel/bcp-vaktherapeut/beroepstaak/5",
    "werkzaamheid": "/id/profiel/bcp-vaktherapeut/beroepstaak/5/activiteit/1",
    "competentie": "/id/profiel/bcp-vaktherapeut/competentie/D",
    "gedragskenmerk": "/id/profiel/bcp-vaktherapeut/competentie/D/gedragskenmerk/1",
    "stw": "/id/beroep/systeemtherapeutisch-werker",
    "bron": "/id/bron/bcp-vaktherapeut",
    "organisatie": "/id/organisatie/fvb",
    # only skos:Concept, no class of our ontology
    "zonder-klasse": "/id/schema/geen-sjakie-valkuilen/laten-voorschrijven/door-de-client",
    "engels": "/id/beroep/vaktherapeut?lang=en",
}


@pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True, ids=lambda w: f"{w}px")
def test_resource_pages_fit_the_screen_and_have_no_axe_violations(page, live_server):
    axe = browsing.require_axe()
    found = {}
    for name, path in PAGES.items():
        page.goto(live_server + path)
        page.watch.check(name)
        violations = browsing.axe_violations(page, axe)
        if violations:
            found[name] = [(v["id"], v["nodes"][:3]) for v in violations]
    assert found == {}, f"axe-core: {found}"


def test_print_shows_the_content_only_with_folded_parts_open(page, live_server):
    page.goto(live_server + PAGES["beroep"])
    hidden = "() => [...document.querySelectorAll('details:not([open]) li a')].filter(a => !a.checkVisibility()).length"
    assert page.evaluate(hidden) > 0  # on screen the full link table is folded
    page.emulate_media(media="print")
    shown = page.evaluate("""() => ({
      nav: ['.kop', '.voet', '.vervolg'].map(s => document.querySelector(s))
             .filter(e => e && getComputedStyle(e).display !== 'none').map(e => e.className),
      folded: [...document.querySelectorAll('details:not([open]) li a')]
             .filter(a => !a.checkVisibility()).length,
      links: document.querySelectorAll('details.alle-links dl a').length })""")
    assert shown["nav"] == [], f"in print nog zichtbaar: {shown['nav']}"
    assert shown["links"] > 0 and shown["folded"] == 0, shown
