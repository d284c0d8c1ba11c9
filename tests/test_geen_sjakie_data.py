"""data/geen-sjakie.ttl against the article's text (shared/seeds/004_….txt).

Every countable item of the article is counted in the seed text (headings, the numbers the
article announces, figure captions, case paragraphs) and compared with the graph. Texts are
compared "squashed" (lower case, letters and digits only), so line-end hyphens, page breaks
and ligature gaps of the PDF extraction do not count. Without ../shared the tests skip, except
with CI=true: then a missing seed folder is an error.
"""
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

from support import require_shared, dutch_graph
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.kennisgraaf.search import overview

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SEED = SEEDS / "004_6baa3a6e14fc6016.txt"
DATA = REPO / "data" / "geen-sjakie.ttl"

require_shared(SEED)

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
BRON = URIRef(ID + "bron/geen-sjakie")
AMBULANT = URIRef(ID + "beroep/ambulant-hulpverlener")
VALKUILEN = URIRef(ID + "schema/geen-sjakie-valkuilen")
ROLOPVATTING = URIRef(ID + "schema/geen-sjakie-rolopvatting/rolopvatting")


def squash(text):
    return re.sub(r"[^0-9a-zà-öø-ÿ]", "", str(text).lower())


@pytest.fixture(scope="module")
def text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def flat(text):
    return squash(text)


@pytest.fixture(scope="module")
def graph():
    return dutch_graph()


@pytest.fixture(scope="module")
def own():
    return Graph().parse(DATA, format="turtle")


def of_type(graph, cls):
    return [s for s in graph.subjects(RDF.type, cls) if (s, DCTERMS.source, BRON) in graph]


def ordered(graph, subjects):
    return sorted(subjects, key=lambda s: int(graph.value(s, BO.volgorde)))


def label(graph, node):
    return str(graph.value(node, SKOS.prefLabel))


def pitfall_section(text):
    start = text.index("men: veel voorkomende valkuilen")
    return squash(text[start:text.index("\nConclusie\n", start)])


def test_the_ten_pitfalls_are_valkuilen_in_the_articles_order(graph, text):
    announced = int(re.search(r"(\d+) veel voorkomende valkuilen", text).group(1))
    section = pitfall_section(text)
    valkuilen = ordered(graph, of_type(graph, BO.Valkuil))
    assert len(valkuilen) == announced == 10
    assert all((v, SKOS.inScheme, VALKUILEN) in graph for v in valkuilen)
    headings = [section.find(squash(label(graph, v))) for v in valkuilen]
    assert -1 not in headings
    assert headings == sorted(headings), "pitfalls are not in the order the article discusses them"
    assert all((v, BO.betreftBeroep, AMBULANT) in graph for v in valkuilen)
    figure = graph.value(URIRef(ID + "kengetal/geen-sjakie/aantal-valkuilen"), BO.waarde)
    assert figure.toPython() == announced


def test_pitfalls_are_not_critical_professional_situations(graph):
    # Regression (issue 8): the pitfalls were typed bo:KritischeBeroepssituatie, so the graph
    # counted 15 critical situations where the BCP has 5.
    assert not of_type(graph, BO.KritischeBeroepssituatie)
    assert not any((v, RDF.type, BO.KritischeBeroepssituatie) in graph
                   for v in graph.subjects(RDF.type, BO.Valkuil))


def test_home_page_counts_only_the_bcp_critical_situations(graph):
    from test_bcp_data import seed_situations
    lines = (SEEDS / "002_3d7eccbd1cb13e32.txt").read_text(encoding="utf-8").split("\n")
    counts = {a["klasse"]: a["aantal"] for a in overview(EmbeddedStore(graph))["aantallen"]}
    assert counts[str(BO.KritischeBeroepssituatie)] == len(seed_situations(lines)) == 5
    assert counts[str(BO.Valkuil)] == 10


def test_the_voorschrijven_pitfall_has_the_articles_three_sub_headings(graph, text):
    heads = re.findall(r"De hulpverlener laat zich voorschrijven door\s+(\w+)", text)
    pitfall = URIRef(ID + "schema/geen-sjakie-valkuilen/laten-voorschrijven")
    subs = ordered(graph, graph.objects(pitfall, SKOS.narrower))
    assert len(subs) == len(heads) == 3
    assert [label(graph, s).split("voorschrijven door ")[1].split()[0] for s in subs] == heads
    assert all((s, RDF.type, BO.Valkuil) not in graph for s in subs)


def test_role_model_has_the_four_concepts_in_the_articles_order(graph, text):
    joined = re.sub(r"\s+", " ", re.sub(r"-\s*\n", "", text))
    in_article = re.findall(
        r"(?:eerste|tweede|derde|vierde)(?: en laatste)? begrip (?:betreft|is|gaat over) (rol\w+)", joined)
    announced = {"viertal": 4}[re.search(r"uit een (\w+) begrippen", joined).group(1)]
    begrippen = ordered(graph, graph.objects(ROLOPVATTING, SKOS.narrower))
    assert len(in_article) == announced == len(of_type(graph, BO.Rolbegrip))
    assert [label(graph, b) for b in begrippen] == in_article
    assert all((b, RDF.type, BO.Rolbegrip) in graph for b in begrippen)
    assert all((b, BO.betreftBeroep, AMBULANT) in graph for b in begrippen)
    figure = graph.value(URIRef(ID + "kengetal/geen-sjakie/aantal-rolbegrippen"), BO.waarde)
    assert figure.toPython() == announced


def test_the_ethical_principles_under_rolbesef(graph, text):
    section = text[text.index("\nRolbesef\n"):text.index("\nRolneming\n")]
    lines = section.split("\n")
    # A heading: a short capitalised line without punctuation after a blank line.
    headings = [line.strip() for before, line in zip(lines[2:], lines[3:])
                if not before.strip() and re.fullmatch(r"[A-Z][a-z ]+", line.strip())
                and len(line.split()) <= 7]
    rolbesef = URIRef(ID + "schema/geen-sjakie-rolopvatting/rolbesef")
    principes = ordered(graph, graph.objects(rolbesef, SKOS.narrower))
    assert [label(graph, p).lower() for p in principes] == [h.lower() for h in headings]
    assert len(principes) == len(of_type(graph, BO.EthischPrincipe)) == 4


def test_every_figure_caption_is_a_figure(graph, text):
    captions = dict(re.findall(r"^Figuur (\d+)[ a-c,en]*: ?(.+?)\n\s*\n", text, re.M | re.S))
    figuren = of_type(graph, BO.Figuur)
    assert sorted(int(str(graph.value(f, SKOS.notation))) for f in figuren) == sorted(map(int, captions))
    for f in figuren:
        caption = captions[str(graph.value(f, SKOS.notation))]
        assert squash(label(graph, f)) == squash(caption)
        assert list(graph.objects(f, BO.illustreert)), f"{f}: illustreert niets"


def test_every_case_stands_in_the_section_it_illustrates(graph, text):
    section = pitfall_section(text)
    items = of_type(graph, BO.Valkuil) + [s for v in of_type(graph, BO.Valkuil)
                                          for s in graph.objects(v, SKOS.narrower)]
    starts = sorted((section.find(squash(label(graph, i))), i) for i in items)
    bounds = {i: (pos, nxt) for (pos, i), (nxt, _) in zip(starts, starts[1:] + [(len(section), None)])}
    cases = ordered(graph, of_type(graph, BO.Casus))
    assert len(cases) == 14
    positions = []
    for case in cases:
        at = section.find(squash(graph.value(case, DCTERMS.description)))
        begin, end = bounds[graph.value(case, BO.illustreert)]
        assert begin < at < end, f"{case} staat niet in de sectie van wat het illustreert"
        positions.append(at)
    assert positions == sorted(positions)
    # Every pitfall but the last (the article gives no case for it) has a case.
    illustrated = {graph.value(c, BO.illustreert) for c in cases}
    without = [v for v in of_type(graph, BO.Valkuil)
               if v not in illustrated and not set(graph.objects(v, SKOS.narrower)) & illustrated]
    assert [label(graph, v) for v in without] == ["Gebrek aan persoonlijke grenzen"]


def test_each_pitfall_has_the_articles_advice(graph):
    for valkuil in of_type(graph, BO.Valkuil):
        advice = [a for a in graph.subjects(BO.gaatOver, valkuil) if (a, RDF.type, BO.Aanbeveling) in graph]
        assert len(advice) == 1, f"{valkuil}: {len(advice)} aanbevelingen"


def test_conclusion_sentences_are_findings_or_recommendations(graph, text):
    conclusion = text[text.index("\nConclusie\n"):text.index("\nDank aan")]
    sentences = [squash(s) for s in re.split(r"(?<=\.)\s", re.sub(r"-\n", "", conclusion)) if squash(s)]
    sentences = sentences[1:]  # the heading
    modelled = [squash(graph.value(n, SKOS.definition)) for n in
                of_type(graph, BO.Bevinding) + of_type(graph, BO.Aanbeveling)
                if "Geen Sjakie, Conclusie" in map(str, graph.objects(n, BO.bronsectie))]
    for sentence in sentences:
        assert any(sentence in m for m in modelled), f"conclusiezin niet gemodelleerd: {sentence[:60]}"


def test_defined_terms_are_named_in_the_article(graph, flat):
    schema = URIRef(ID + "schema/geen-sjakie-begrippen")
    terms = [t for t in graph.subjects(SKOS.inScheme, schema)]
    assert len(terms) >= 10
    for term in terms:
        assert squash(label(graph, term)) in flat, term


def test_interpretations_are_marked_and_reasoned(graph, own):
    # A link to a profile (BCP, STW) is never a direct triple: the article names none.
    profiles = (ID + "profiel/", ID + "beroep/systeemtherapeutisch-werker", ID + "beroep/vaktherapeut")
    for s, p, o in own:
        if isinstance(o, URIRef) and str(o).startswith(profiles):
            assert (s, RDF.type, BO.Interpretatie) in own and p == BO.verwijstNaar, (s, p, o)
    interpretaties = list(own.subjects(RDF.type, BO.Interpretatie))
    assert interpretaties
    for i in interpretaties:
        target = graph.value(i, BO.verwijstNaar)
        assert graph.value(target, RDF.type) is not None, f"{i}: {target} bestaat niet"
        assert (graph.value(i, BO.interpretatieVan), DCTERMS.source, BRON) in graph
        reasoning = graph.value(i, BO.redenering)
        assert isinstance(reasoning, Literal) and reasoning.language == "nl" and len(reasoning) > 40


def test_every_quote_is_in_the_article(own, flat):
    quoted = [DCTERMS.description, SKOS.definition, SKOS.note, SKOS.scopeNote]
    checked = 0
    for s, p, o in own:
        if p in quoted:
            assert squash(str(o).replace("…", "")) in flat, f"{s}: {o!r} staat niet in de bron"
            checked += 1
        if p == SKOS.prefLabel and any((s, RDF.type, t) in own for t in
                                       (BO.Valkuil, BO.Rolbegrip, BO.EthischPrincipe, BO.Aanbeveling,
                                        BO.Bevinding, BO.Figuur)):
            assert squash(o) in flat, f"{s}: label {o!r} staat niet in de bron"
    assert checked > 50
