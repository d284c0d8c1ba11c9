"""The data from the four non-BCP sources against the seed texts themselves.

Each test reads a seed text, finds the structure there (bullets, numbers, headings) and
compares it with the graph. Texts are compared "squashed" (lower case, letters and digits
only), so line-end hyphens, page breaks and ligature gaps of the PDF extraction do not count.
"""
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

from beroepen.kennisgraaf.graaf import load_graph

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

pytestmark = pytest.mark.usefixtures("seeds")  # skip without them; fail under CI=true

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
DATA_FILES = ["stw-factsheet.ttl", "factsheet-systeemtherapie.ttl", "pilot-helmond.ttl",
              "geen-sjakie.ttl"]


def squash(text):
    return re.sub(r"[^0-9a-zà-öø-ÿ]", "", str(text).lower())


def seed(name):
    return (SEEDS / name).read_text(encoding="utf-8")


def between(text, start, end):
    """The part of `text` after the first `start` and before the next `end`."""
    begin = text.index(start) + len(start)
    return text[begin:text.index(end, begin)]


def bullets(section):
    """The bullet items of `section`; text before the first bullet is not an item."""
    return [b.strip() for b in section.split("•")[1:] if b.strip()]


@pytest.fixture(scope="module")
def graph():
    return load_graph([REPO / "data" / name for name in DATA_FILES])


def iri(path):
    return URIRef(ID + path)


def ordered(graph, subjects):
    return sorted(subjects, key=lambda s: int(graph.value(s, BO.volgorde)))


def text_of(graph, node):
    return graph.value(node, DCTERMS.description) or graph.value(node, SKOS.prefLabel)


# --- STW factsheet --------------------------------------------------------------------

def stw_kerntaken(graph):
    profiel = iri("profiel/stw")
    return ordered(graph, [t for t in graph.subjects(RDF.type, BO.Kerntaak)
                           if (t, SKOS.inScheme, profiel) in graph])


def test_clientgebonden_kerntaken_and_sub_bullets_follow_the_factsheet(graph):
    items = bullets(between(seed("000_117ebcd21c15f1ae.txt"),
                            "Cliëntgebonden kerntaken", "De STW ziet individuen"))
    modelled = []
    for taak in stw_kerntaken(graph):
        modelled.append(text_of(graph, taak))
        modelled += [graph.value(a, SKOS.prefLabel)
                     for a in ordered(graph, graph.objects(taak, BO.activiteit))]
    assert [squash(t) for t in modelled] == [squash(b) for b in items]
    # Every bullet that ends in ':' opens a kerntaak with sub-bullets, and only those do.
    openers = [b for b in items if b.endswith(":")]
    with_activities = [t for t in stw_kerntaken(graph) if graph.value(t, BO.activiteit)]
    assert len(with_activities) == len(openers)
    assert [squash(text_of(graph, t)) for t in with_activities] == [squash(b) for b in openers]


def test_kerntaken_are_numbered_in_the_clientgebonden_group(graph):
    taken = stw_kerntaken(graph)
    assert [str(graph.value(t, SKOS.notation)) for t in taken] == [
        str(i) for i in range(1, len(taken) + 1)]
    groep = iri("profiel/stw/taakgroep/clientgebonden")
    assert all((t, BO.taakgroep, groep) in graph for t in taken)


def test_knowledge_items_on_individuals_in_relations_follow_the_factsheet(graph):
    items = bullets(between(seed("000_117ebcd21c15f1ae.txt"),
                            "weet dat:", "De STW is op de hoogte van systemische"))
    domein = iri("profiel/stw/kennisdomein/individuen-in-relaties-en-contexten")
    modelled = ordered(graph, graph.objects(domein, BO.kennisitem))
    assert [squash(graph.value(k, SKOS.prefLabel)) for k in modelled] == [
        squash(b) for b in items]


def test_the_four_systemic_perspectives(graph):
    section = between(seed("000_117ebcd21c15f1ae.txt"),
                      "Kent de volgende perspectieven over systemische",
                      "De STW is op de hoogte van de (wetenschappelijke)")
    perspectives = bullets(between(section, "verandering:", "Weet dat"))
    weet_dat = [b for b in bullets(section) if b.startswith("Weet dat")]
    assert len(perspectives) == 4 and len(weet_dat) == 2
    collectie = iri("profiel/stw/kennisdomein/systemische-theorieen-over-verandering/perspectieven")
    members = ordered(graph, graph.objects(collectie, SKOS.member))
    assert [str(graph.value(m, SKOS.prefLabel)) for m in members] == perspectives
    domein = iri("profiel/stw/kennisdomein/systemische-theorieen-over-verandering")
    items = set(graph.objects(domein, BO.kennisitem))
    assert set(members) <= items
    others = ordered(graph, items - set(members))
    assert [squash(graph.value(i, SKOS.prefLabel)) for i in others] == [squash(w) for w in weet_dat]


def test_stw_financing_sources_are_the_laws_listed():
    listed = bullets(between(seed("000_117ebcd21c15f1ae.txt"),
                             "Veelvoorkomende vergoedingsbronnen", "Taakverdeling"))
    full = load_graph()
    wetten = full.objects(iri("beroep/systeemtherapeutisch-werker"), BO.vergoedingsbron)
    names = sorted(squash(next(l for l in full.objects(w, SKOS.prefLabel) if l.language == "nl")) for w in wetten)
    assert len(listed) == 3
    assert names == sorted(squash(re.sub(r"\s*\(.*\)", "", b)) for b in listed)


# --- Pilot Helmond --------------------------------------------------------------------

def aanbevelingen_section():
    return between(seed("003_99b6f6038ca9ce70.txt"), "\nAanbevelingen\n",
                   "De pilot “De verbinding tussen sociaal werk en vaktherapie” heeft")


def test_the_ten_recommendations_of_the_helmond_report(graph):
    section = aanbevelingen_section()
    numbers = {int(n) for n in re.findall(r"(?m)(?:^|\.)\s*(\d{1,2})\s*$", section)}
    assert numbers == set(range(1, 11))
    schema = iri("schema/pilot-helmond-aanbevelingen")
    recs = [r for r in graph.subjects(RDF.type, BO.Aanbeveling) if (r, SKOS.inScheme, schema) in graph]
    assert sorted(int(graph.value(r, SKOS.notation)) for r in recs) == sorted(numbers)
    # Each body comes before its headline, and recommendation n before n+1 (the layout reading).
    flat = squash(section)
    positions = []
    for rec in sorted(recs, key=lambda r: int(graph.value(r, SKOS.notation))):
        body = flat.find(squash(graph.value(rec, DCTERMS.description)))
        head = flat.find(squash(graph.value(rec, SKOS.prefLabel)))
        assert body >= 0 and head >= 0, rec
        positions += [body, head]
    assert positions == sorted(positions)


def test_recommendation_groups_follow_the_report(graph):
    text = seed("003_99b6f6038ca9ce70.txt")
    ranges = [(int(a), int(b)) for a, b in re.findall(r"\((\d+) t/m (\d+)\)", text)]
    assert len(ranges) == 2
    assert [n for a, b in ranges for n in range(a, b + 1)] == list(range(1, 11))
    collecties = [iri("schema/pilot-helmond-aanbevelingen/aanmelding-en-screening"),
                  iri("schema/pilot-helmond-aanbevelingen/integraal-samenwerken")]
    for collectie, (first, last) in zip(collecties, ranges):
        notations = sorted(int(graph.value(m, SKOS.notation))
                           for m in graph.objects(collectie, SKOS.member))
        assert notations == list(range(first, last + 1))


def test_instruments_of_the_pilot(graph):
    text = seed("003_99b6f6038ca9ce70.txt")
    named = set(re.findall(r"\((SDQ|ARI-CP) ", text.replace("\n", " "))) | set(
        re.findall(r"(SDQ|ARI-CP) [A-Z][a-z]+", text))
    modelled = {str(graph.value(m, BO.afkorting))
                for m in graph.objects(iri("bron/pilot-helmond"), BO.meetinstrument)}
    assert modelled == named == {"SDQ", "ARI-CP"}


# Geen Sjakie: tests/test_geen_sjakie_data.py.


# --- Every quoted text is in its source -----------------------------------------------

QUOTED = [DCTERMS.description, SKOS.definition, SKOS.note, SKOS.scopeNote, BO.kernVanHetVak]
ITEM_TYPES = [BO.Kerntaak, BO.Activiteit, BO.Kennis, BO.Aanbeveling,
              BO.KritischeBeroepssituatie, BO.Beroep, BO.Organisatie, BO.Beroepsvereniging]


def seed_texts_of(full, node):
    return [squash(seed(str(full.value(bron, BO.bronbestand))))
            for bron in full.objects(node, DCTERMS.source)]


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_quoted_text_is_in_a_source_of_its_resource(name):
    full = load_graph()
    own = Graph().parse(REPO / "data" / name, format="turtle")
    checked = 0
    for node in set(own.subjects()):
        texts = [o for p in QUOTED for o in own.objects(node, p)]
        if any((node, RDF.type, t) in own for t in ITEM_TYPES):
            texts += [l for l in own.objects(node, SKOS.prefLabel) if l.language == "nl"]
        sources = seed_texts_of(full, node)
        for literal in texts:
            assert isinstance(literal, Literal)
            quote = squash(str(literal).replace("…", ""))
            assert any(quote in s for s in sources), f"{node}: {literal!r} not in its source"
            checked += 1
    assert checked > 0
