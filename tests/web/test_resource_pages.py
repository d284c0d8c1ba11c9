"""Resource pages: /id/… with content negotiation and the .json twin, on both stores."""
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SKOS, DCTERMS

from beroepen.cli import main
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")


def a_task(graph):
    task = next(iter(sorted(graph.subjects(URIRef(str(BO) + "relatieMetCompetentie"), None))), None)
    assert task is not None, "no beroepstaken with competences in data/"
    return task


def test_task_page_shows_label_competences_and_source(client, shipped_graph):
    task = a_task(shipped_graph)
    html = client.get("/id/" + str(task)[len(ID):]).get_data(as_text=True)
    assert next(str(l) for l in shipped_graph.objects(task, SKOS.prefLabel) if l.language == "nl").replace("'", "&#39;") in html
    for competence in shipped_graph.objects(task, BO.relatieMetCompetentie):
        assert f'href="/id/{str(competence)[len(ID):]}"' in html
    for section in shipped_graph.objects(task, BO.bronsectie):
        assert str(section).replace("'", "&#39;") in html


def test_json_twin_is_what_show_prints(client, shipped_graph):
    task = a_task(shipped_graph)
    pad = str(task)[len(ID):]
    page = client.get(f"/id/{pad}.json")
    assert page.status_code == 200 and page.mimetype == "application/json"
    shown = CliRunner().invoke(main, ["show", pad, "--format", "json"])
    assert json.loads(shown.output) == page.get_json()


@pytest.mark.parametrize("mimetype, rdflib_format", [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt")])
def test_iri_dereferences_to_rdf(client, shipped_graph, mimetype, rdflib_format):
    task = a_task(shipped_graph)
    response = client.get("/id/" + str(task)[len(ID):], headers={"Accept": mimetype})
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "Accept" in response.headers["Vary"]
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    assert set(graph.triples((task, None, None))) == set(shipped_graph.triples((task, None, None)))
    assert set(graph.triples((None, None, task))) == set(shipped_graph.triples((None, None, task)))


def test_browser_gets_html(client, shipped_graph):
    task = a_task(shipped_graph)
    response = client.get("/id/" + str(task)[len(ID):],
                          headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"


def test_unknown_resource_is_404_with_suggestions(client, shipped_graph):
    task = str(a_task(shipped_graph))[len(ID):]
    response = client.get("/id/" + task + "9x")
    assert response.status_code == 404
    assert task in response.get_data(as_text=True)
    assert client.get("/id/" + task + "9x.json").status_code == 404


def test_english_labels_on_request(client, shipped_graph):
    with_en = sorted(s for s, o in shipped_graph.subject_objects(SKOS.prefLabel)
                     if getattr(o, "language", None) == "en" and str(s).startswith(ID))
    assert with_en, "no English labels in the data"
    iri = with_en[0]
    english = [str(o) for o in shipped_graph.objects(iri, SKOS.prefLabel) if o.language == "en"]
    data = client.get(f"/id/{str(iri)[len(ID):]}.json?lang=en").get_json()
    assert data["label"] in english


def test_security_headers(client):
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_csv_download_lists_the_tasks_that_need_a_competence(client, shipped_graph):
    import csv
    import io
    competence = next(iter(sorted(shipped_graph.objects(None, BO.relatieMetCompetentie))), None)
    assert competence is not None, "no competences linked to a beroepstaak in data/"
    response = client.get(f"/id/{str(competence)[len(ID):]}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    named_by = {r["iri"] for r in rows if r["richting"] == "genoemd door"}
    assert {str(t) for t in shipped_graph.subjects(BO.relatieMetCompetentie, competence)} <= named_by
    sections = {r["waarde"] for r in rows if r["richting"] == "bron"}
    assert {str(s) for s in shipped_graph.objects(competence, BO.bronsectie)} <= sections


# --- summary first (issue 11 item 1) ---

import re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from beroepen.kennisgraaf.labels import anker  # noqa: E402

TAAK_5 = "/id/profiel/bcp-vaktherapeut/beroepstaak/5"


class Ids(HTMLParser):
    """Every id and every element's attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.ids, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])


def parsed(html):
    parser = Ids()
    parser.feed(html)
    return parser


def test_task_page_links_its_source_section_to_an_anchor_on_the_source_page(client):
    html = client.get(TAAK_5).get_data(as_text=True)
    target = f'/id/bron/bcp-vaktherapeut#{anker("BCP Vaktherapeut §4.1, beroepstaak 5")}'
    assert f'href="{target}"' in html
    bron = client.get("/id/bron/bcp-vaktherapeut")
    ids = parsed(bron.get_data(as_text=True)).ids
    assert target.split("#")[1] in ids
    assert len(ids) == len(set(ids)), "dubbele id's op de bronpagina"
    assert "Geen bron vastgelegd" not in bron.get_data(as_text=True)


def test_source_page_lists_section_5_2_with_what_cites_it(client, shipped_graph):
    data = client.get("/id/bron/bcp-vaktherapeut.json").get_json()
    sectie = next(s for s in data["bron_secties"] if s["sectie"] == "BCP Vaktherapeut §5.2, competentie D")
    competentie = ID + "profiel/bcp-vaktherapeut/competentie/D"
    assert competentie in {i["iri"] for i in sectie["items"]}
    html = client.get("/id/bron/bcp-vaktherapeut").get_data(as_text=True)
    blok = html[html.index(f'id="{sectie["anker"]}"'):]
    blok = blok[:blok.index("</div>")]
    assert f'{sectie["aantal"]} resources' in blok and 'href="/id/profiel/bcp-vaktherapeut/competentie/D"' in blok


def test_profession_page_leads_to_matrix_routes_comparison_and_register_before_the_details(client):
    html = client.get("/id/beroep/vaktherapeut").get_data(as_text=True)
    links = {a["data-vervolg"]: a["href"] for tag, a in parsed(html).tags if tag == "a" and "data-vervolg" in a}
    assert set(links) == {"matrix", "route", "vergelijk", "register"}
    for href in links.values():
        assert client.get(href).status_code == 200, href
    assert html.index('data-vervolg="matrix"') < html.index('id="kop-samenvatting"')
    stw = client.get("/id/beroep/systeemtherapeutisch-werker").get_data(as_text=True)
    assert 'data-vervolg="matrix"' not in stw and 'data-vervolg="route"' in stw  # no matrix for STW


def test_breadcrumb_is_a_labelled_nav_with_an_ordered_list(client):
    html = client.get(TAAK_5 + "/activiteit/1").get_data(as_text=True)
    nav = re.search(r'<nav class="kruimelpad" aria-label="[^"]+"><ol>(.*?)</ol></nav>', html, re.S)
    assert nav, "geen kruimelpad"
    hrefs = re.findall(r'href="([^"]+)"', nav.group(1))
    assert hrefs == ["/id/beroep/vaktherapeut", "/id/profiel/bcp-vaktherapeut",
                     "/id/profiel/bcp-vaktherapeut/taakgroep/clientgebonden", TAAK_5]
    assert 'aria-current="page"' in nav.group(1)


def test_summary_sentence_names_the_competences_of_task_5(client):
    html = client.get(TAAK_5).get_data(as_text=True)
    summary = html[html.index('id="kop-samenvatting"'):html.index('class="alle-links"')]
    text = re.sub(r"<[^>]+>", "", summary)
    assert "Hangt samen met competenties 3, 4, 6, A, E en F." in text
    assert "relatie met competentie" not in text and "topconcept" not in text.lower()
    data = client.get(TAAK_5 + ".json").get_json()
    assert "Hangt samen met competenties 3, 4, 6, A, E en F." in [z["zin"] for z in data["zinnen"]]
    assert data["uitgaand"] and data["inkomend"] is not None  # the old keys stay


def test_english_page_translates_the_interface_and_marks_dutch_content(client):
    html = client.get(TAAK_5 + "?lang=en").get_data(as_text=True)
    assert ">Summary</h2>" in html and ">Samenvatting<" not in html
    # task 5 has an English name now (data/*.en.ttl): shown unmarked; Dutch content stays marked
    assert "Hanteert de vaktherapeutische discipline" not in html.split("<h1>")[1].split("</h1>")[0]
    assert 'lang="nl">BCP Vaktherapeut §4.1, beroepstaak 5</a>' in html
    assert "Goes with competences" in html
