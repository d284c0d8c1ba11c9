"""The BCP's werkvelden and the shares of vaktherapeuten per werkveld
(data/bcp-vaktherapeut-beroep.ttl) against the seed text (shared/seeds/002_….txt).

The seed is read here, independently of the Turtle: the §1.4 list of 'overige werkvelden', the
medical domains of §3.1.6, and every percentage of the sentences that say how many
vaktherapeuten work in a werkveld (§1.4, §2.2, §2.3, §2.4, §3.1.6). Without ../shared the tests
skip, except with CI=true: then a missing seed folder is an error.
"""
import re
from collections import defaultdict

import pytest
from rdflib import Literal, Namespace, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

from beroepen.kennisgraaf.graaf import default_graph
from support import BCP_SEED, between, require_shared

require_shared(BCP_SEED)

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
VAKTHERAPEUT = URIRef(ID + "beroep/vaktherapeut")
BRON = URIRef(ID + "bron/bcp-vaktherapeut")
SOMATIEK = URIRef(ID + "werkveld/somatiek-en-revalidatie")

# The sentences that give shares of vaktherapeuten per werkveld: (section, first words, last words).
SHARE_SENTENCES = [
    ("§1.4", "Hierbij valt op dat de vaktherapeuten", "respectievelijk 15 en 11%)."),
    ("§2.2", "Een groot deel van de vaktherapeuten werkt met minderjarige", "onderwijs 19%)"),
    ("§2.3", "56% van de vaktherapeuten", "verslavingszorg)."),
    ("§2.4", "19% van de vaktherapeuten", "psychogeriatrie (9%)."),
    ("§3.1.6", "15% van de vaktherapeuten werkt in de revalidatie", "algemeen ziekenhuis (5%)."),
]


def squash(text):
    return re.sub(r"[^0-9a-zà-öø-ÿ]", "", str(text).lower())


@pytest.fixture(scope="module")
def text():
    raw = BCP_SEED.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"(?<=[a-z])-\s*\n(?=[a-z])", "", raw))


@pytest.fixture(scope="module")
def graph():
    return default_graph()


def labels(graph, node):
    return {str(l).lower() for p in (SKOS.prefLabel, SKOS.altLabel) for l in graph.objects(node, p)}


def werkvelden_of_vaktherapeut(graph):
    return set(graph.objects(VAKTHERAPEUT, BO.werkveld))


def test_every_overig_werkveld_of_1_4_is_a_werkveld_of_the_vaktherapeut(text, graph):
    listed = between(text, "Overige werkvelden en doelgroepen zijn:", "en welzijn.")
    names = [n.strip() for n in re.split(r",| en (?=welzijn)", listed.split(":", 1)[1].rstrip("."))]
    assert len(names) == 10
    werkvelden = werkvelden_of_vaktherapeut(graph)
    for name in names:
        hits = [w for w in werkvelden if name.lower() in labels(graph, w)]
        assert len(hits) == 1, f"'{name}': {len(hits)} werkvelden van de vaktherapeut met dat label"
        assert (hits[0], RDF.type, BO.Werkveld) in graph
        assert Literal("BCP Vaktherapeut §1.4") in set(graph.objects(hits[0], BO.bronsectie))


def test_the_medical_domains_of_3_1_6_fall_under_somatiek(text, graph):
    listed = between(text, "medische domeinen toegepast:", "enzovoort.")
    names = [n.strip() for n in listed.split(":", 1)[1].replace("enzovoort.", "").split(",") if n.strip()]
    assert len(names) == 4
    for name in names:
        hits = [w for w in graph.subjects(RDF.type, BO.Werkveld) if name.lower() in labels(graph, w)]
        assert len(hits) == 1, name
        assert (hits[0], SKOS.broader, SOMATIEK) in graph


def shares_in_graph(graph):
    """{section: sorted percentages} of the BCP's kengetallen about a werkveld."""
    found = defaultdict(list)
    for k in graph.subjects(RDF.type, BO.Kengetal):
        about = list(graph.objects(k, BO.gaatOver))
        if (k, DCTERMS.source, BRON) not in graph or not any(
                (w, RDF.type, BO.Werkveld) in graph for w in about):
            continue
        for section in graph.objects(k, BO.bronsectie):
            found[str(section).removeprefix("BCP Vaktherapeut ")].append(graph.value(k, BO.waarde).toPython())
    return {s: sorted(v) for s, v in found.items()}


def test_every_share_per_werkveld_is_a_kengetal(text, graph):
    expected = {}
    for section, start, end in SHARE_SENTENCES:
        sentence = between(text, start, end)
        expected[section] = sorted(int(n) for n in re.findall(r"\b(\d+)(?=%| en \d+%)", sentence))
    assert sum(len(v) for v in expected.values()) == 16
    assert shares_in_graph(graph) == expected


def test_each_share_names_the_werkveld_its_sentence_names(text, graph):
    sentences = {s: squash(between(text, start, end)) for s, start, end in SHARE_SENTENCES}
    for k in graph.subjects(RDF.type, BO.Kengetal):
        werkvelden = [w for w in graph.objects(k, BO.gaatOver) if (w, RDF.type, BO.Werkveld) in graph]
        if (k, DCTERMS.source, BRON) not in graph or not werkvelden:
            continue
        assert str(graph.value(k, BO.meeteenheid)) == "procent"
        assert graph.value(k, BO.waarde).datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
        sentence = sentences[str(graph.value(k, BO.bronsectie)).removeprefix("BCP Vaktherapeut ")]
        for w in werkvelden:
            assert any(squash(l)[:10] in sentence for l in labels(graph, w)), f"{k}: {w} niet in de zin"
