"""The web's three user groups (and a data user) on their way through the site, in headless
Chromium at 1280 and 390 px (issue 11 item 9). Every step is checked as the user sees it: no
page wider than the screen, no console error or uncaught exception, no request off our origin
(browsing.Watch). The expected answers come from the shipped graph and from the pages' own
.json/.csv twins, never from numbers written here. Steps find things by role, label and the
text a user reads; ids only where a page's own script depends on them."""
import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

import browsing
from beroepen.vocab import ID
from support import REPO

browsing.require_chromium()
from playwright.sync_api import expect  # noqa: E402  (after the skip: Playwright may be absent)

expect.set_options(timeout=browsing.TIMEOUT_MS)  # its own default is 5 s: too short on a busy machine

BO = Namespace("https://w3id.org/beroepen/def#")
WIDTHS = pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True)
CURRICULUM = REPO / "data" / "examples" / "curriculum-vaktherapie.csv"
REGISTER = REPO / "tests" / "registratie" / "files"


def pad(iri):
    """The site path of a resource of the graph: /id/…"""
    return "/id/" + str(iri)[len(ID):]


def nl(graph, subject, predicate=SKOS.prefLabel):
    return next(str(o) for o in graph.objects(subject, predicate) if getattr(o, "language", None) == "nl")


def downloaded(page, kind):
    """Click the report's download button of `kind` and return the file's text."""
    with page.expect_download() as info:
        page.locator(f'main button[data-download="{kind}"]').first.click()
    return Path(info.value.path()).read_text(encoding="utf-8-sig")


def csv_rows(text):
    return list(csv.reader(io.StringIO(text)))


# 1. A beroepsvereniging -------------------------------------------------------------------

@WIDTHS
def test_beroepsvereniging_finds_the_competences_of_task_5_and_their_source_section(page, live_server, shipped_graph):
    task = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/5")
    label = nl(shipped_graph, task)
    competences = sorted(shipped_graph.objects(task, BO.relatieMetCompetentie))
    section = str(shipped_graph.value(task, BO.bronsectie))  # "BCP Vaktherapeut §4.1, beroepstaak 5"
    paragraph = re.search(r"§[\d.]+", section).group(0)
    source = shipped_graph.value(task, DCTERMS.source)
    assert competences and source is not None

    page.goto(live_server + "/")
    page.watch.check("beginpagina")
    page.locator("#zoekveld").fill(label)
    page.locator("#zoekveld").press("Enter")
    page.wait_for_url(re.compile(r"/zoek\?q="))
    page.watch.check("zoekresultaten")
    page.locator("main").get_by_role("link", name=label).first.click()
    page.wait_for_url("**" + pad(task))
    page.watch.check("beroepstaak 5")
    expect(page.get_by_role("heading", level=1)).to_contain_text(label)

    # the competences the BCP links to the task are linked and visible, not folded away
    main = page.locator("main")
    for competence in competences:
        expect(main.locator(f'a[href="{pad(competence)}"]:visible').first).to_be_visible()
    # no SKOS words in what the page shows (the full link table may stay, folded)
    shown = main.inner_text()
    assert [w for w in ("topconcept", "relatie met competentie") if w in shown] == []

    # the source reference is a link to the section on the source's page
    main.get_by_role("link", name=re.compile(re.escape(paragraph))).first.click()
    page.wait_for_url(re.compile(re.escape(pad(source)) + r"#.+"))
    page.watch.check("bronpagina")
    target = page.locator(":target")
    expect(target).to_be_visible()
    expect(target).to_contain_text(paragraph)
    expect(target.locator(f'a[href="{pad(task)}"]').first).to_be_visible()  # what the section holds


@WIDTHS
def test_beroepsvereniging_compares_two_professions(page, live_server, shipped_graph):
    profile = URIRef(ID + "profiel/bcp-vaktherapeut")
    profession = shipped_graph.value(profile, BO.profielVan)
    page.goto(live_server + pad(profession))
    page.watch.check("beroepspagina")
    # the profession page leads to its comparison
    page.locator("main").get_by_role("link", name=re.compile("vergelijk", re.I)).first.click()
    page.wait_for_url(re.compile(r"/vergelijk(\?|$)"))
    page.watch.check("vergelijken")
    a, b = page.locator("select[name=a]"), page.locator("select[name=b]")
    assert a.input_value() != b.input_value(), "A en B staan op hetzelfde beroep"
    assert a.input_value() == pad(profession)[len("/id/"):]
    names = [a.locator("option:checked").inner_text(), b.locator("option:checked").inner_text()]

    # the summary (shared, only in A, only in B) comes before the lists, and agrees with the
    # page's .json twin
    twin = page.request.get(live_server + "/vergelijk.json",
                            params={"a": a.input_value(), "b": b.input_value()}).json()
    summary = page.locator("main").get_by_role("region", name=re.compile("samenvatting", re.I))
    expect(summary).to_be_visible()
    text = summary.inner_text()
    for word in ("gedeeld", "alleen"):
        assert word in text.lower(), text
    for name in names:
        assert name in text, (name, text)
    counts = {}
    for row in summary.locator("table tbody tr").all():
        counts[row.locator("th").inner_text().strip()] = [
            int(c) for c in row.locator("td").all_inner_texts()]
    for kind in (k for k in twin["samenvatting"] if k["groep"] == "onderdeel"):
        assert counts.get(kind["label"]) == [kind["gedeeld"], kind["alleen_a"], kind["alleen_b"]], kind
    page.watch.check("samenvatting")



@WIDTHS
def test_keyboard_user_opens_a_task_from_the_search_suggestions(page, live_server, shipped_graph):
    """The search box is an ARIA combobox (issue 11 item 8): Down, Down/Up, Enter open the
    active suggestion; Escape closes the list."""
    task = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/5")
    label = nl(shipped_graph, task)
    page.goto(live_server + "/")
    box = page.get_by_role("combobox")
    words = " ".join(label.split()[:4])
    box.press_sequentially(words)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    page.watch.check("suggesties")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(options.first).to_be_hidden()

    box.press("Backspace")  # typing again brings the suggestions back
    box.press_sequentially(words[-1])
    expect(options.first).to_be_visible()
    wanted = options.filter(has_text=label).first
    expect(wanted).to_be_visible()
    for _ in range(options.count()):  # Down until the task is the active option
        if box.get_attribute("aria-activedescendant") == wanted.get_attribute("id"):
            break
        box.press("ArrowDown")
    expect(wanted).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    page.wait_for_url("**" + pad(task))
    page.watch.check("beroepstaak via het toetsenbord")

# 2. An opleiding ---------------------------------------------------------------------------

@WIDTHS
def test_opleiding_uploads_the_example_curriculum_and_downloads_the_report(page, live_server):
    page.goto(live_server + "/opleiding")
    page.watch.check("opleiding")
    page.locator("main").get_by_role("link", name=re.compile("curriculum", re.I)).first.click()
    page.wait_for_url("**/opleiding/curriculum*")
    page.watch.check("curriculumformulier")
    page.locator("select[name=profiel]").select_option("bcp-vaktherapeut")
    page.locator('input[type=file][name="curriculum"]').set_input_files(CURRICULUM)
    page.get_by_role("button", name="Toon dekking").click()
    page.locator("#rapport-data").wait_for(state="attached")
    page.watch.check("curriculumrapport")

    # the same upload through the .json/.csv twins: what the download must equal
    upload = {"profiel": "bcp-vaktherapeut",
              "curriculum": {"name": CURRICULUM.name, "mimeType": "text/csv",
                             "buffer": CURRICULUM.read_bytes()}}
    twin = page.request.post(live_server + "/opleiding/curriculum.json", multipart=upload).json()
    twin_csv = page.request.post(live_server + "/opleiding/curriculum.csv", multipart=upload).text()

    report = json.loads(downloaded(page, "json"))
    assert report == twin
    main = page.locator("main").inner_text()
    for c in report["competenties"]:
        assert c["naam"] in main, c["naam"]
    for m in report["modules"]:
        name = m["module"] if isinstance(m, dict) else m
        assert name in main, name
    assert csv_rows(downloaded(page, "csv")) == csv_rows(twin_csv)
    standalone = downloaded(page, "html")
    assert "<script" not in standalone.lower()
    assert [c["naam"] for c in report["competenties"] if html.escape(c["naam"], quote=False) not in standalone] == []
    page.watch.check("na de downloads")


# 3. Registry staff -------------------------------------------------------------------------

def _upload_register(page, live_server):
    page.goto(live_server + "/registratie")
    page.watch.check("registratieformulier")
    page.locator("select[name=regeling]").select_option("herregistratie/nvrg-stw")
    page.locator('input[type=file][name="praktijk"]').set_input_files(REGISTER / "praktijk.csv")
    page.locator('input[type=file][name="activiteiten"]').set_input_files(REGISTER / "activiteiten.csv")
    page.get_by_role("button", name="Toon rapport").click()
    page.locator("#rapport-data").wait_for(state="attached")
    page.watch.check("registratierapport")


@WIDTHS
def test_registry_staff_filter_and_download_a_report_with_a_failing_practitioner(page, live_server):
    _upload_register(page, live_server)
    files = {"soort": "herregistratie", "register": "nvrg-stw",
             "praktijk": {"name": "praktijk.csv", "mimeType": "text/csv",
                          "buffer": (REGISTER / "praktijk.csv").read_bytes()},
             "activiteiten": {"name": "activiteiten.csv", "mimeType": "text/csv",
                              "buffer": (REGISTER / "activiteiten.csv").read_bytes()}}
    twin = page.request.post(live_server + "/registratie.json", multipart=files).json()
    twin_csv = page.request.post(live_server + "/registratie.csv", multipart=files).text()
    failing = [d for d in twin if d["voldoet"] is False]
    assert failing, "het voorbeeldregister heeft iemand die niet voldoet"
    rows = page.locator("table.registratie-rapport tbody tr")
    shown = page.locator("table.registratie-rapport tbody tr:visible")
    expect(rows).to_have_count(len(twin))

    # type a name in the text filter and press Enter: the report stays, filtered
    someone = failing[0]
    page.evaluate("() => { window.nogDezelfdePagina = true; }")
    field = page.locator("#filter-tekst")
    field.fill(someone["naam"])
    field.press("Enter")
    page.wait_for_load_state()
    assert page.evaluate("() => window.nogDezelfdePagina === true"), "Enter verliet het rapport"
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text(someone["registratienummer"])
    page.watch.check("gefilterd op naam")

    # the verdict filter shows exactly those who do not meet the scheme
    field.fill("")
    field.press("Enter")
    page.locator("#filter-oordeel").select_option("nee")
    expect(shown).to_have_count(len(failing))
    page.watch.check("gefilterd op oordeel")

    # downloads: built in the page, equal to the .json/.csv twins of the same upload
    assert json.loads(downloaded(page, "json")) == twin
    assert csv_rows(downloaded(page, "csv")) == csv_rows(twin_csv)
    # the HTML copy stands alone: every practitioner (filters off), no script
    standalone = downloaded(page, "html")
    assert "<script" not in standalone.lower()
    assert [d["registratienummer"] for d in twin if d["registratienummer"] not in standalone] == []
    page.watch.check("na de downloads")



# folded <details> that are printed (rendered) but whose content is not
_FOLDED_HIDDEN = """() => [...document.querySelectorAll('main details:not([open])')].filter(d => {
  const part = [...d.children].find(c => c.tagName !== 'SUMMARY');
  return part && d.checkVisibility() && !part.checkVisibility();
}).length"""


@WIDTHS
def test_printing_a_task_the_matrix_and_a_report_leaves_out_the_site_around_them(page, live_server):
    """Print stylesheets (issue 11 item 2): no menu, search or footer on paper, folded parts
    printed open."""
    def printed(step):
        page.emulate_media(media="print")
        assert page.get_by_role("banner").is_hidden(), step
        assert page.get_by_role("search").is_hidden(), step
        assert page.get_by_role("contentinfo").is_hidden(), step
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate(_FOLDED_HIDDEN) == 0, f"{step}: dichtgevouwen delen niet afgedrukt"
        page.emulate_media(media="screen")

    page.goto(live_server + "/id/profiel/bcp-vaktherapeut/beroepstaak/5")
    printed("beroepstaak")
    page.goto(live_server + "/matrix")
    printed("matrix")
    _upload_register(page, live_server)
    printed("registratierapport")

# 4. A data user ----------------------------------------------------------------------------

def _first_with_rows(page, live_server, listed):
    """The first listed SELECT query without parameters that answers rows, and their number
    (from its page's .json twin)."""
    for q in listed:
        if q["vorm"] == "SELECT" and not q["parameters"]:
            rows = page.request.get(live_server + f"/queries/{q['naam']}.json", params={"run": "1"})
            if rows.json()["rijen"]:
                return q, len(rows.json()["rijen"])
    pytest.fail("/queries lists no query without parameters that answers rows")


@WIDTHS
def test_data_user_runs_a_named_query_in_the_editor(page, live_server):
    listed = page.request.get(live_server + "/queries.json").json()["queries"]
    query, expected = _first_with_rows(page, live_server, listed)

    page.goto(live_server + "/queries")
    page.watch.check("queries")
    page.locator("main").get_by_role("link", name=query["titel"], exact=True).first.click()
    page.wait_for_url(f"**/queries/{query['naam']}*")
    page.watch.check("querypagina")
    page.locator("main summary", has_text="SPARQL").first.click()
    page.locator("main").get_by_role("link", name=re.compile("editor", re.I)).first.click()
    page.wait_for_url(re.compile(r"/editor\?query="))
    page.locator(".yasqe .CodeMirror").wait_for()
    page.watch.check("editor")
    page.locator(".yasqe_queryButton").click()  # YASGUI's own run button
    page.locator(".yasr table tbody tr").first.wait_for()
    expect(page.locator(".yasr_response_chip")).to_contain_text(f"{expected} result")
    page.watch.check("resultaten in de editor")


# 5. An English reader ----------------------------------------------------------------------

def _shown_label(graph, iri):
    """The label a page in English shows for `iri`, and its language: English where the graph
    has it, else Dutch."""
    labels = {o.language: str(o) for o in graph.objects(iri, SKOS.prefLabel)}
    return (labels["en"], "en") if "en" in labels else (labels["nl"], "nl")


@WIDTHS
def test_english_reader_gets_an_english_interface_and_content_marked_with_its_language(page, live_server, shipped_graph):
    catalogue = {}
    for path in sorted((REPO / "web" / "i18n").glob("*.json")):
        catalogue.update(json.loads(path.read_text(encoding="utf-8")))
    page.goto(live_server + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"[?&]lang=en"))
    page.watch.check("beginpagina in het Engels")
    assert page.evaluate("() => document.documentElement.lang") == "en"

    # the menu speaks English and keeps the language
    page.get_by_role("navigation").get_by_role("link", name=catalogue["Vergelijken"], exact=True).click()
    page.wait_for_url(re.compile(r"/vergelijk\?(.*&)?lang=en"))
    page.watch.check("vergelijken in het Engels")
    assert page.evaluate("() => document.documentElement.lang") == "en"

    # content from the graph carries its own language: the two professions compared
    summary = page.locator("main").get_by_role("region", name=re.compile(catalogue["Samenvatting"], re.I))
    for side in ("a", "b"):
        iri = URIRef(ID + page.locator(f"select[name={side}]").input_value())
        label, language = _shown_label(shipped_graph, iri)
        link = summary.locator(f'a[href^="{pad(iri)}"]').first
        expect(link).to_contain_text(label)
        assert link.evaluate("el => el.closest('[lang]').lang") == language, (label, language)
