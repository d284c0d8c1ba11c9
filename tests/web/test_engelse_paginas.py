"""The query-driven pages on ?lang=en (issue 12): labels in English where a data/*.en.ttl gives
them, the Dutch label marked lang="nl" where it does not.

The English texts expected are read from the .en.ttl twins, never written here. A resource
without English is made by removing its English names from a copy of the shipped graph, so the
Dutch fallback stays tested when every real resource is translated.
"""
import io
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from markupsafe import escape
from rdflib.namespace import SKOS

from beroepen.web import create_app, pages
from support import graaf_zonder_engels, store_bug

DATA = Path(__file__).resolve().parents[2] / "data"
ID = "https://w3id.org/beroepen/id/"
TAAK_5 = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/5")
COMPETENTIE_D = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/D")
COMPETENTIE_3 = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/3")  # one of beroepstaak 5's


def engels(iri, eigenschap=SKOS.prefLabel):
    """The English text of `iri` in the data/*.en.ttl twins (skipped when none gives one yet)."""
    for path in sorted(DATA.glob("*.en.ttl")):
        graph = Graph().parse(path, format="turtle")
        for value in graph.objects(URIRef(iri), eigenschap):
            if isinstance(value, Literal) and value.language == "en":
                return str(value)
    pytest.skip(f"no English text for {iri} in data/*.en.ttl yet")


def nederlands(graph, iri):
    return next(str(v) for v in graph.objects(URIRef(iri), SKOS.prefLabel) if v.language == "nl")


def tekst(html):
    """The page's text with tags dropped and entities decoded, whitespace as one space."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Talen(HTMLParser):
    """Every text of a page with the language it is in: that of the nearest element with a
    lang attribute (the page's own for none)."""

    def __init__(self):
        super().__init__()
        self.stack, self.teksten = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            taal = dict(attrs).get("lang")
            self.stack.append((tag, taal or (self.stack[-1][1] if self.stack else None)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            self.teksten.append((" ".join(data.split()), self.stack[-1][1] if self.stack else None))


def gemarkeerd(html, text, taal="nl"):
    """Whether `text` is shown inside an element in language `taal` (an English page marks a
    Dutch fallback with lang="nl" on it or on an ancestor)."""
    parser = _Talen()
    parser.feed(html)
    return any(text in data and lang == taal for data, lang in parser.teksten)


@pytest.fixture(scope="module")
def zonder_engels(shipped_graph):
    """An app on a copy of the shipped graph in which beroepstaak 5 and competence D have no
    English name: their Dutch one must show, marked."""
    graph = graaf_zonder_engels(shipped_graph, (TAAK_5, COMPETENTIE_D))
    app = create_app({"TESTING": True, "GRAPH": graph})
    yield app.test_client(), graph
    pages.close(app)


# --- /matrix ----------------------------------------------------------------------------

def test_matrix_in_english_shows_the_english_task_and_competence_names(client):
    html = client.get("/matrix/bcp-vaktherapeut?lang=en").get_data(as_text=True)
    assert engels(TAAK_5) in tekst(html)
    assert engels(COMPETENTIE_D) in tekst(html)
    assert not gemarkeerd(html, engels(TAAK_5))


def test_matrix_twin_in_english_says_its_language_and_keeps_its_keys(client):
    nl = client.get("/matrix/bcp-vaktherapeut.json").get_json()
    en = client.get("/matrix/bcp-vaktherapeut.json?lang=en").get_json()
    assert (nl["taal"], en["taal"]) == ("nl", "en")
    assert set(nl) == set(en) and set(nl["rijen"][0]) == set(en["rijen"][0])
    assert engels(TAAK_5) in [r["titel"] for r in en["rijen"]]


def test_matrix_in_english_marks_a_dutch_fallback(zonder_engels):
    client, graph = zonder_engels
    html = client.get("/matrix/bcp-vaktherapeut?lang=en").get_data(as_text=True)
    assert gemarkeerd(html, nederlands(graph, TAAK_5))
    assert gemarkeerd(html, nederlands(graph, COMPETENTIE_D))
    rij = next(r for r in client.get("/matrix/bcp-vaktherapeut.json?lang=en").get_json()["rijen"] if r["nummer"] == 5)
    assert (rij["titel"], rij["taal"]) == (nederlands(graph, TAAK_5), "nl")


# --- /opleiding ---------------------------------------------------------------------------

MASTER_SPELTHERAPIE = ID + "opleiding/master-speltherapie"
REGISTER_VAKTHERAPIE = ID + "register/register-vaktherapie"


def test_route_in_english_names_programme_and_register_in_english(client, request):
    store_bug(request, "virtuoso", "twee-paden")  # as tests/education/test_opleiding_op_store.py
    html = client.get("/opleiding/route/speltherapeut?lang=en").get_data(as_text=True)
    assert engels(MASTER_SPELTHERAPIE) in tekst(html)
    assert engels(REGISTER_VAKTHERAPIE) in tekst(html)
    data = client.get("/opleiding/route/speltherapeut.json?lang=en").get_json()
    assert data["taal"] == "en"
    assert engels(MASTER_SPELTHERAPIE) in [r["opleiding"]["naam"] for r in data["routes"]]


def test_route_in_english_marks_a_programme_without_english(shipped_graph):
    graph = graaf_zonder_engels(shipped_graph, [URIRef(MASTER_SPELTHERAPIE)])
    app = create_app({"TESTING": True, "GRAPH": graph})
    try:
        html = app.test_client().get("/opleiding/route/speltherapeut?lang=en").get_data(as_text=True)
        assert gemarkeerd(html, nederlands(graph, MASTER_SPELTHERAPIE))
        assert not gemarkeerd(html, engels(REGISTER_VAKTHERAPIE))
    finally:
        pages.close(app)


def test_curriculum_report_in_english_names_competences_in_english(client, request):
    store_bug(request, "virtuoso", "twee-paden", raises=KeyError)  # the profile's codes: an error answer
    csv = (DATA / "examples" / "curriculum-vaktherapie.csv").read_bytes()
    response = client.post("/opleiding/curriculum.json?lang=en", data={
        "profiel": "bcp-vaktherapeut", "curriculum": (io.BytesIO(csv), "c.csv")},
        content_type="multipart/form-data")
    rapport = response.get_json()
    assert rapport["taal"] == "en"
    assert engels(COMPETENTIE_D) in [c["naam"] for c in rapport["competenties"]]
    form = client.get("/opleiding/curriculum?lang=en").get_data(as_text=True)
    assert engels(COMPETENTIE_D) in tekst(form)


# --- /queries -----------------------------------------------------------------------------

def test_named_query_in_english_gives_english_labels_and_links_them(client):
    html = client.get("/queries/competenties-per-beroepstaak?nummer=5&lang=en").get_data(as_text=True)
    assert engels(TAAK_5) in tekst(html) and engels(COMPETENTIE_3) in tekst(html)
    # the IRIs come with the labels (issue 11's note): each task and competence links its page
    assert f'href="/id/{TAAK_5[len(ID):]}?lang=en"' in html
    assert f'href="/id/{COMPETENTIE_3[len(ID):]}?lang=en"' in html
    data = client.get("/queries/competenties-per-beroepstaak.json?nummer=5&lang=en").get_json()
    assert data["taal"] == "en" and "beroepstaak" in data["kolommen"]


def test_named_query_in_english_marks_a_dutch_fallback(zonder_engels):
    client, graph = zonder_engels
    html = client.get("/queries/competenties-per-beroepstaak?nummer=5&lang=en").get_data(as_text=True)
    assert gemarkeerd(html, nederlands(graph, TAAK_5))
    assert not gemarkeerd(html, engels(COMPETENTIE_3))


def test_cli_query_and_matrix_take_lang(shipped_graph):
    from click.testing import CliRunner
    from beroepen.cli import main
    result = CliRunner().invoke(main, ["query", "competenties-per-beroepstaak", "-p", "nummer=5", "--lang", "en", "--format", "csv"])
    assert result.exit_code == 0 and engels(TAAK_5) in result.output
    result = CliRunner().invoke(main, ["matrix", "--profiel", "vaktherapeut", "--lang", "en"])
    assert result.exit_code == 0 and engels(TAAK_5) in result.output
    result = CliRunner().invoke(main, ["query", "competenties-per-beroepstaak", "-p", "nummer=5", "-p", "taal=fr"])
    assert result.exit_code == 2 and "onbekende taal 'fr'" in result.output


# --- /vergelijk ---------------------------------------------------------------------------

def test_comparison_in_english_names_the_parts_in_english(client):
    data = client.get("/vergelijk.json?a=beroep/vaktherapeut&b=beroep/dramatherapeut&lang=en").get_json()
    taken = next(r for r in data["onderdelen"] if r["onderdeel"] == "taken")
    items = taken["gedeeld"] + taken["alleen_a"] + taken["alleen_b"]
    assert engels(TAAK_5) in [i["label"] for i in items]
    assert data["taal"] == "en"
    html = client.get("/vergelijk?a=beroep/vaktherapeut&b=beroep/dramatherapeut&lang=en").get_data(as_text=True)
    assert engels(TAAK_5) in tekst(html) and not gemarkeerd(html, engels(TAAK_5))


def test_comparison_in_english_marks_a_dutch_fallback(zonder_engels):
    client, graph = zonder_engels
    html = client.get("/vergelijk?a=beroep/vaktherapeut&b=beroep/dramatherapeut&lang=en").get_data(as_text=True)
    assert gemarkeerd(html, nederlands(graph, TAAK_5))


def test_vergelijk_with_a_name_instead_of_an_id_path_is_not_404(client):
    """/vergelijk?a=vaktherapeut named a profession the way the queries' parameters take it,
    and answered 404 (issue 11's note)."""
    by_name = client.get("/vergelijk.json?a=vaktherapeut&b=STW").get_json()
    by_path = client.get("/vergelijk.json?a=beroep/vaktherapeut&b=beroep/systeemtherapeutisch-werker").get_json()
    assert (by_name["a"]["iri"], by_name["b"]["iri"]) == (by_path["a"]["iri"], by_path["b"]["iri"])
    unknown = client.get("/vergelijk.json?a=vaktherapeutt&b=STW")
    assert unknown.status_code == 404 and "vaktherapeut" in unknown.get_json()["fout"]


# --- /registratie -------------------------------------------------------------------------

INTERVISIE = URIRef(ID + "regeling/nvrg-stw-herregistratie/eis/intervisie")
REGELING_STW = URIRef(ID + "regeling/nvrg-stw-herregistratie")


def test_registratie_teaching_data_in_english_names_schemes_and_requirements_in_english(client):
    html = client.get("/registratie?lang=en").get_data(as_text=True)
    assert engels(INTERVISIE) in tekst(html) and not gemarkeerd(html, engels(INTERVISIE))
    assert engels(REGELING_STW) in tekst(html)
    twin = client.get("/registratie.json?lang=en").get_json()
    regeling = next(r for r in twin["regelingen"] if r["iri"] == str(REGELING_STW))
    assert engels(INTERVISIE) in [e["label"] for e in regeling["eisen"]]


def test_registratie_in_english_marks_a_requirement_without_english(shipped_graph):
    graph = graaf_zonder_engels(shipped_graph, [INTERVISIE])
    app = create_app({"TESTING": True, "GRAPH": graph})
    try:
        html = app.test_client().get("/registratie?lang=en").get_data(as_text=True)
        assert gemarkeerd(html, nederlands(graph, INTERVISIE))
        assert not gemarkeerd(html, engels(REGELING_STW))
    finally:
        pages.close(app)


def test_comparison_does_not_count_the_translation_as_shared(client):
    """Every translated resource says bo:vertaling <bron/vertaling-en>: /vergelijk listed
    'translation' as something any two professions share."""
    data = client.get("/vergelijk.json?a=vaktherapeut&b=STW&lang=en").get_json()
    assert "https://w3id.org/beroepen/def#vertaling" not in [r["relatie"] for r in data["relaties"]]


@pytest.mark.parametrize("url", ["/", "/matrix/bcp-vaktherapeut", "/registratie", "/vergelijk", "/opleiding"])
def test_every_english_page_says_the_content_is_translated(client, url):
    """Only resource pages said the English is a translation (outside test of issue 12): the
    footer of every English page says so and links the translation; Dutch pages do not."""
    en = client.get(url + "?lang=en").get_data(as_text=True)
    assert 'class="vertaald"' in en and 'href="/id/bron/vertaling-en?lang=en"' in en
    assert 'class="vertaald"' not in client.get(url).get_data(as_text=True)
