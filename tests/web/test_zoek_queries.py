"""Search with facets by kind and paging; /queries by user group without the pages' plumbing;
query parameters as a person types them; result cells as labels linked to their pages."""
import csv
import io
import re

from markupsafe import escape
from rdflib import Namespace, RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from beroepen.kennisgraaf.queries import GROEPEN, all_queries
from beroepen.kennisgraaf.search import fold
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")
Q = "therap"  # a word in many names of the graph, of many kinds


def search(client, **args):
    response = client.get("/zoek.json", query_string=dict({"q": Q}, **args))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_facet_counts_sum_to_the_total_and_each_filters_to_its_count(client):
    alle = search(client, limit=100)
    assert alle["totaal"] > 40 and len(alle["facetten"]) > 3
    assert sum(f["aantal"] for f in alle["facetten"]) == alle["totaal"]
    for facet in alle["facetten"][:4] + alle["facetten"][-2:]:
        gekozen = search(client, soort=facet["soort"], limit=100)
        assert gekozen["totaal"] == facet["aantal"]
        assert {r["klasse"] for r in gekozen["resultaten"]} == {facet["klasse"]}
        assert gekozen["facetten"] == [dict(f, gekozen=f["klasse"] == facet["klasse"],
                                            url=f["url"]) for f in gekozen["facetten"]]
        assert [(f["klasse"], f["aantal"]) for f in gekozen["facetten"]] == \
               [(f["klasse"], f["aantal"]) for f in alle["facetten"]]  # counts stay right


def test_facet_counts_are_the_kinds_in_the_graph(client, shipped_graph):
    alle = search(client, limit=100)
    for f in alle["facetten"][:3] + alle["facetten"][-3:]:
        for r in search(client, soort=f["soort"], limit=100)["resultaten"]:
            assert (URIRef(r["iri"]), RDF.type, URIRef(f["klasse"])) in shipped_graph


def test_pages_hold_every_result_once_and_say_which_they_show(client, shipped_graph):
    first = search(client)
    totaal, per = first["totaal"], first["pagina"]["per_pagina"]
    seen = []
    for n in range(1, first["pagina"]["paginas"] + 1):
        page = search(client, pagina=n)
        assert page["pagina"]["van"] == (n - 1) * per + 1
        assert page["pagina"]["tot"] == min(n * per, totaal)
        seen += [r["iri"] for r in page["resultaten"]]
    assert len(seen) == totaal == len(set(seen))
    names = lambda iri: {fold(o) for p in (SKOS.prefLabel, SKOS.altLabel, BO.afkorting)
                         for o in shipped_graph.objects(URIRef(iri), p)}
    assert all(any(Q in n for n in names(iri)) for iri in seen)


def test_paging_text_and_links(client):
    totaal = search(client)["totaal"]
    html = client.get("/zoek", query_string={"q": Q, "pagina": 2}).get_data(as_text=True)
    assert f"21–40 van {totaal}" in html
    assert re.search(r'<a rel="prev" href="/zoek\?q=therap"', html)
    assert re.search(r'<a rel="next" href="/zoek\?q=therap&amp;pagina=3"', html)
    last = -(-totaal // 20)
    html = client.get("/zoek", query_string={"q": Q, "pagina": last}).get_data(as_text=True)
    assert f"{(last - 1) * 20 + 1}–{totaal} van {totaal}" in html and 'rel="next"' not in html
    english = client.get("/zoek", query_string={"q": Q, "pagina": 2, "lang": "en"}).get_data(as_text=True)
    assert f"21–40 of {totaal}" in english


def test_a_page_past_the_last_a_bad_page_or_kind_is_an_error(client):
    totaal = search(client)["totaal"]
    assert client.get("/zoek.json", query_string={"q": Q, "pagina": totaal}).status_code == 404
    assert client.get("/zoek.json", query_string={"q": Q, "pagina": "0"}).status_code == 400
    response = client.get("/zoek.json", query_string={"q": Q, "soort": "Bestaatniet"})
    assert response.status_code == 400 and "Bestaatniet" in response.get_json()["fout"]


def test_search_csv_is_the_page_shown(client):
    page = search(client, pagina=2)
    body = client.get("/zoek.csv", query_string={"q": Q, "pagina": 2}).get_data(as_text=True)
    assert [r["pad"] for r in csv.DictReader(io.StringIO(body))] == [r["pad"] for r in page["resultaten"]]


def test_queries_page_groups_the_public_queries_and_hides_the_plumbing(client):
    html = client.get("/queries").get_data(as_text=True)
    sections = dict(re.findall(r'<section class="querygroep" id="([^"]+)".*?>(.*?)</section>', html, re.S))
    assert list(sections) == list(GROEPEN)
    for q in all_queries():
        link = f'href="/queries/{q.name}"'
        if q.openbaar:
            assert link in sections[q.groep], q.name
        else:
            assert link not in html, q.name
    assert client.get("/queries/resource-uitgaand").status_code == 200  # hidden, not gone


def competences(graph, profiel):
    return {c for c in graph.subjects(SKOS.inScheme, profiel)
            if {BO.GeneriekeCompetentie, BO.SpecifiekeCompetentie} & set(graph.objects(c, RDF.type))}


def test_a_parameter_takes_a_code_label_or_iri_on_the_web(client, shipped_graph):
    profiel = URIRef(ID + "profiel/bcp-vaktherapeut")
    label = next(str(o) for o in shipped_graph.objects(profiel, SKOS.prefLabel) if o.language == "nl")
    answers = [client.get("/queries/competenties-van-profiel.json",
                          query_string={"profiel": typed}).get_json()
               for typed in ("bcp-vaktherapeut", label.lower(), str(profiel))]
    assert {r[0]["iri"] for r in answers[0]["rijen"]} == {str(c) for c in competences(shipped_graph, profiel)}
    assert all(a["rijen"] == answers[0]["rijen"] for a in answers)


def test_an_unknown_parameter_value_is_400_naming_it(client):
    response = client.get("/queries/competenties-van-profiel.json", query_string={"profiel": "bcp-vaktherapie"})
    assert response.status_code == 400
    fout = response.get_json()["fout"]
    assert "parameter 'profiel'" in fout and "'bcp-vaktherapie'" in fout and "bcp-vaktherapeut" in fout
    page = client.get("/queries/competenties-van-profiel", query_string={"profiel": "bcp-vaktherapie"})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert 'value="bcp-vaktherapie"' in html  # the form keeps what was typed


def test_results_show_labels_linked_and_twins_keep_the_iris(client, shipped_graph):
    profiel = URIRef(ID + "profiel/bcp-vaktherapeut")
    html = client.get("/queries/competenties-van-profiel", query_string={"profiel": "vaktherapeut"}).get_data(as_text=True)
    table = html[html.index('<table class="resultaat">'):html.index("</table>")]
    for c in competences(shipped_graph, profiel):
        label = next(str(o) for o in shipped_graph.objects(c, SKOS.prefLabel) if o.language == "nl")
        assert re.search(rf'<a href="/id/{re.escape(str(c)[len(ID):])}">(<span class="notatie">[^<]*</span> )?'
                         rf'{re.escape(str(label).replace("&", "&amp;"))}</a>', table), c
    klasse = next(str(o) for o in shipped_graph.objects(BO.GeneriekeCompetentie, RDFS.label) if o.language == "nl")
    assert f'<a href="/index?soort=GeneriekeCompetentie">{klasse}</a>' in table
    assert "bo:GeneriekeCompetentie" not in table and "https://" not in re.sub(r'href="[^"]*"', "", table)
    rows = client.get("/queries/competenties-van-profiel.json", query_string={"profiel": "vaktherapeut"}).get_json()["rijen"]
    assert {c["iri"] for r in rows for c in r if "iri" in c} >= {str(BO.GeneriekeCompetentie)}
    body = client.get("/queries/competenties-van-profiel.csv", query_string={"profiel": "vaktherapeut"}).get_data(as_text=True)
    assert str(BO.GeneriekeCompetentie) in body and str(next(iter(competences(shipped_graph, profiel)))) in body


def test_english_page_marks_dutch_titles_and_shows_english_results(client, shipped_graph):
    """The query's title is Dutch (marked); its label column is English where the graph has
    English (a Dutch fallback marked: tests/web/test_engelse_paginas.py)."""
    html = client.get("/queries/competenties-van-profiel",
                      query_string={"profiel": "vaktherapeut", "lang": "en"}).get_data(as_text=True)
    assert '<h1 lang="nl">' in html and "Run" in html
    d = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/D")
    engels = [str(o) for o in shipped_graph.objects(d, SKOS.prefLabel) if o.language == "en"]
    wanted = engels[0] if engels else next(str(o) for o in shipped_graph.objects(d, SKOS.prefLabel) if o.language == "nl")
    assert f'<td>{escape(wanted)}</td>' in html or f'<td lang="nl">{escape(wanted)}</td>' in html
