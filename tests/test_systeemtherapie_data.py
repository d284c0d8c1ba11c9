"""data/factsheet-systeemtherapie.ttl against the factsheet's text (shared/seeds/001_….txt).

The numbered benefits, the figures (written out as words in the factsheet), the practice case
and every sentence of the four sections are found in the seed and compared with the graph.
Texts are compared "squashed" (lower case, letters and digits only). Without ../shared the
tests skip, except with CI=true: then a missing seed folder is an error.
"""
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

from support import require_shared, dutch_graph

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "001_bed5a582d316bef1.txt"
DATA = REPO / "data" / "factsheet-systeemtherapie.ttl"

require_shared(SEED)

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
BRON = URIRef(ID + "bron/factsheet-systeemtherapie")
SYSTEEMTHERAPEUT = URIRef(ID + "beroep/systeemtherapeut")
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
SECTIONS = ("In het kort", "In de praktijk", "De systeemtherapeut", "De meerwaarde van systeemtherapie")
# The number words the factsheet writes figures in.
WORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8}


def squash(text):
    return re.sub(r"[^0-9a-zà-öø-ÿ]", "", str(text).lower())


@pytest.fixture(scope="module")
def text():
    return re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def graph():
    return dutch_graph()


@pytest.fixture(scope="module")
def own():
    return Graph().parse(DATA, format="turtle")


def of_type(graph, cls):
    return [s for s in graph.subjects(RDF.type, cls) if (s, DCTERMS.source, BRON) in graph]


def body(text):
    """The four sections, without their "Heading |" markers, the document title and the colofon."""
    main = text[:text.index("*Dit factsheet")]
    for heading in SECTIONS:
        main = main.replace(f"{heading} |", " ")
    return main.replace(" De meerwaarde van systeemtherapie ", " ", 1)


def test_the_three_numbered_benefits(graph, text):
    section = text[text.index("De meerwaarde van systeemtherapie |"):text.index("Uit drie onderzochte")]
    numbered = re.findall(r"(\d)\. (.+?)(?= \d\. |$)", section.split("grote voordelen heeft:")[1].strip())
    benefits = sorted(of_type(graph, BO.Meerwaarde), key=lambda b: int(graph.value(b, SKOS.notation)))
    assert [int(n) for n, _ in numbered] == [int(graph.value(b, SKOS.notation)) for b in benefits] == [1, 2, 3]
    for (_, item), benefit in zip(numbered, benefits):
        modelled = squash(graph.value(benefit, SKOS.definition)) + squash(graph.value(benefit, DCTERMS.description))
        assert squash(item) == modelled
        assert (benefit, BO.gaatOver, SYSTEEMTHERAPEUT) in graph


def figure(graph, label):
    found = [k for k in of_type(graph, BO.Kengetal) if str(graph.value(k, SKOS.prefLabel)) == label]
    assert len(found) == 1, label
    return found[0]


def test_figures_are_numbers_with_units(graph, text):
    cases = re.search(r"Uit (\w+) onderzochte casussen", text).group(1)
    sessions = re.search(r"Na (\w+) gesprekken", text).group(1)
    for label, word, unit in ((f"{cases} onderzochte casussen", cases, "casussen"),
                              (f"Na {sessions} gesprekken", sessions, "gesprekken")):
        k = figure(graph, label)
        value = graph.value(k, BO.waarde)
        assert value.datatype == INTEGER and value.toPython() == WORDS[word]
        assert str(graph.value(k, BO.meeteenheid)) == unit
        assert graph.value(k, BO.grootheid) is not None and graph.value(k, BO.gaatOver) is not None


def test_a_saving_in_words_gets_no_invented_number(graph, text):
    words = re.search(r"oplopen tot (\w+ euro’s) per gezin", text).group(1)
    k = [k for k in of_type(graph, BO.Kengetal) if graph.value(k, BO.waardeInWoorden) is not None]
    assert len(k) == 1
    assert str(graph.value(k[0], BO.waardeInWoorden)) == words
    assert graph.value(k[0], BO.waarde) is None
    assert str(graph.value(k[0], BO.meeteenheid)) == "euro per gezin"


def test_every_kengetal_has_a_value_or_says_why_not(graph):
    for k in of_type(graph, BO.Kengetal):
        assert (graph.value(k, BO.waarde) is None) != (graph.value(k, BO.waardeInWoorden) is None), k
        assert graph.value(k, BO.meeteenheid) is not None, k


def test_the_practice_case(graph, text):
    assert text.count("In de praktijk |") == len(of_type(graph, BO.Casus)) == 1
    story = re.search(r"vertelt: “(.+?)”", text).group(1)
    case = of_type(graph, BO.Casus)[0]
    assert squash(graph.value(case, DCTERMS.description)) == squash(story)


def test_every_sentence_of_the_factsheet_is_in_the_graph(own, text):
    literals = [squash(o) for o in own.objects() if isinstance(o, Literal)]
    sentences = [s for s in re.split(r"(?<=[.:!?”])\s+(?=[A-Z0-9“])", body(text)) if squash(s)]
    assert len(sentences) > 30
    missing = [s for s in sentences if not any(squash(s) in lit for lit in literals)]
    assert not missing, missing


def test_reimbursement_findings_and_the_zvw_link_is_an_interpretation(graph, own, text):
    said = [s for s in re.split(r"(?<=\.)\s", text) if "vergoed" in s]
    findings = [squash(graph.value(b, SKOS.definition)) for b in of_type(graph, BO.Bevinding)]
    for sentence in said:
        assert any(squash(sentence.split("|")[-1]) in f for f in findings), sentence
    # The factsheet names no law: the only link to a law is an interpretation.
    laws = [(s, p) for s, p, o in own if (o, RDF.type, BO.Wet) in graph]
    assert laws and all((s, RDF.type, BO.Interpretatie) in own and p == BO.verwijstNaar for s, p in laws)


def test_interpretations_are_reasoned_and_point_to_existing_resources(graph, own):
    profiles = (ID + "profiel/", ID + "wet/", ID + "beroep/systeemtherapeutisch-werker")
    for s, p, o in own:
        if isinstance(o, URIRef) and str(o).startswith(profiles):
            assert (s, RDF.type, BO.Interpretatie) in own, (s, p, o)
    for i in own.subjects(RDF.type, BO.Interpretatie):
        assert graph.value(graph.value(i, BO.verwijstNaar), RDF.type) is not None, i
        reasoning = graph.value(i, BO.redenering)
        assert isinstance(reasoning, Literal) and reasoning.language == "nl" and len(reasoning) > 40
