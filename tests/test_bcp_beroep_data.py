"""Chapters 1–3 of the BCP Vaktherapeut (data/bcp-vaktherapeut-beroep.ttl) against the seed text.

The seed (shared/seeds/002_….txt, beside the repository) is parsed here, independently of the
Turtle: the discipline headings of §1.2 and their paragraphs, the law headings of §2.1, the
werkveld headings of §3.1.x, the stoornissen of the Generieke module Vaktherapie and the
behandeldoelen of §3.3. Seed tests are skipped when the shared folder is not there (e.g. an
installed copy), and fail then under CI=true; the provenance test reads only the data file.
"""
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, RDF, URIRef

from beroepen.kennisgraaf.graaf import default_graph
from support import BCP_SEED, find_line

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "bcp-vaktherapeut-beroep.ttl"
SEED = BCP_SEED
needs_seed = pytest.mark.usefixtures("bcp_seed")  # skip without it; fail under CI=true

BO = Namespace("https://w3id.org/beroepen/def#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
ID = "https://w3id.org/beroepen/id/"
VAKTHERAPEUT = URIRef(ID + "beroep/vaktherapeut")
BRON = URIRef(ID + "bron/bcp-vaktherapeut")


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def _join(raw_lines):
    """Lines joined into one string, with words split at line ends ("ontwik-" + "kelingen") repaired."""
    text = ""
    for line in (part.strip() for part in raw_lines):
        if not line:
            continue
        first_word = line.split()[0]
        if (text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower()
                and first_word not in ("en", "of", "tot")):
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return _norm(text)


def _norm(text):
    return re.sub(r"\s+", " ", text).strip()


def _paragraph(lines, start):
    """The text from line `start` up to the first blank line, joined."""
    end = start
    while end < len(lines) and lines[end].strip():
        end += 1
    return _join(lines[start:end])


def seed_disciplines(lines):
    """{heading: paragraph text} for the discipline headings of §1.2."""
    start = find_line(lines, r"1\.2 De vaktherapeutische disciplines\d*")
    end = find_line(lines, r"1\.3 De opleidingen", start)
    heads = [i for i in range(start + 1, end)
             if re.fullmatch(r"[A-Z][a-z]*(?: [a-z]+)*? ?therapie\d*", lines[i].strip())]
    found = {}
    for n, i in enumerate(heads):
        stop = heads[n + 1] if n + 1 < len(heads) else end
        heading = re.sub(r"\d+$", "", lines[i].strip())
        found[heading] = _join(lines[i + 1:stop])
    return found


def seed_laws(lines):
    """[(name, abbreviation or None, first sentence of its paragraph)] for the headings of §2.1."""
    start = find_line(lines, r"2\.1 Wet en regelgeving\d*")
    end = find_line(lines, r"2\.2 Ontwikkelingen in de jeugdhulp\d*", start)
    laws = []
    for i in range(start + 1, end):
        line = lines[i].strip()
        m = re.fullmatch(r"De (Wet [^()]+?|\w+wet)(?: \(([^,)]+)[^)]*\))?", line)
        if m and len(line) < 60:
            first = _paragraph(lines, i + 1).split(". ")[0]
            laws.append((m.group(1).strip(), m.group(2), first))
    return laws


def seed_werkvelden(lines):
    """{section number: (heading without note number, first sentence)} for every §3.1.x heading."""
    found = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"(3\.1\.\d) (.+?)\d*", line.strip())
        if m:
            j = i + 1
            while not lines[j].strip():
                j += 1
            found[m.group(1)] = (m.group(2), _paragraph(lines, j).split(". ")[0])
    return found


def seed_stoornissen(lines):
    text = _join(lines[find_line(lines, r"In termen van stoornissen"):
                       find_line(lines, r"In termen van klachten en problemen\d*")])
    listed = text.split("met name op de volgende stoornissen:")[1]
    listed = listed.replace(". ,", ",").rstrip(".")
    return {part.strip() for part in re.split(r",|\ben tenslotte\b", listed) if part.strip()}


def seed_behandeldoelen(lines):
    start = find_line(lines, r".*De meest voorkomende behandeldoelen liggen in dit verlengde:")
    end = find_line(lines, r"In termen van transdiagnostische factoren", start)
    goals = []
    for line in lines[start + 1:end]:
        if line.strip().startswith("•"):
            goals.append(line.strip()[1:].strip().rstrip(";.").strip())
    return goals


# --------------------------------------------------------------------------- the graph

@pytest.fixture(scope="module")
def graph():
    return default_graph()


def _labels(graph, node):
    return {str(label).lower() for prop in (SKOS.prefLabel, SKOS.altLabel)
            for label in graph.objects(node, prop)}


def _disciplines(graph):
    return {node for node in graph.subjects(BO.valtOnder, VAKTHERAPEUT)
            if (node, RDF.type, BO.Beroep) in graph}


# --------------------------------------------------------------------------- tests

@needs_seed
def test_seven_disciplines_carry_the_1_2_headings(lines, graph):
    headings = seed_disciplines(lines)
    assert len(headings) == 7, f"§1.2 heeft zeven disciplinekoppen, de parser vond {sorted(headings)}"
    beroepen = _disciplines(graph)
    disciplines = {str(d) for node in beroepen for d in graph.objects(node, BO.discipline)}
    assert len(beroepen) == 7
    assert disciplines == {heading.lower() for heading in headings}


@needs_seed
def test_discipline_description_is_its_1_2_paragraph(lines, graph):
    by_discipline = {str(d): node for node in _disciplines(graph) for d in graph.objects(node, BO.discipline)}
    for heading, text in seed_disciplines(lines).items():
        node = by_discipline[heading.lower()]
        descriptions = [_norm(str(d)) for d in graph.objects(node, DCT.description) if d.language == "nl"]
        assert descriptions == [text], f"{node}: beschrijving wijkt af van §1.2 '{heading}'"


@needs_seed
def test_every_2_1_law_exists_with_its_text(lines, graph):
    laws = seed_laws(lines)
    assert len(laws) == 4, f"§2.1 noemt vier wetten als kop, de parser vond {laws}"
    wetten = set(graph.subjects(RDF.type, BO.Wet))
    matched = set()
    for name, abbreviation, first_sentence in laws:
        hits = [w for w in wetten if name.lower() in _labels(graph, w)
                and (abbreviation is None or Literal(abbreviation) in set(graph.objects(w, BO.afkorting)))]
        assert len(hits) == 1, f"geen (of meer dan één) bo:Wet voor '{name}' ({abbreviation})"
        description = " ".join(_norm(str(d)) for d in graph.objects(hits[0], DCT.description))
        assert first_sentence in description, f"{hits[0]}: beschrijving mist '{first_sentence}'"
        matched.add(hits[0])
    assert matched == {URIRef(ID + "wet/" + slug) for slug in ("wlz", "zvw", "jeugdwet", "wmo")}


@needs_seed
def test_every_3_1_heading_has_a_werkveld_of_the_vaktherapeut(lines, graph):
    headings = seed_werkvelden(lines)
    assert sorted(headings) == [f"3.1.{n}" for n in range(1, 7)], sorted(headings)
    werkvelden = set(graph.objects(VAKTHERAPEUT, BO.werkveld))
    for number, (heading, first_sentence) in headings.items():
        name = re.sub(r"\s*\([^)]*\)$", "", heading).lower()
        hits = [w for w in werkvelden if name in _labels(graph, w)]
        assert len(hits) == 1, f"§{number} '{heading}': geen werkveld van de vaktherapeut met dat label"
        werkveld = hits[0]
        assert (werkveld, RDF.type, BO.Werkveld) in graph
        assert Literal(f"BCP Vaktherapeut §{number}") in set(graph.objects(werkveld, BO.bronsectie))
        description = " ".join(_norm(str(d)) for d in graph.objects(werkveld, DCT.description))
        assert first_sentence in description, f"{werkveld}: beschrijving mist de openingszin van §{number}"


@needs_seed
def test_generieke_module_lists_the_3_3_stoornissen(lines, graph):
    module = URIRef(ID + "begrip/generieke-module-vaktherapie")
    stoornissen = seed_stoornissen(lines)
    assert len(stoornissen) == 8, stoornissen
    assert {str(s) for s in graph.objects(module, BO.stoornis)} == stoornissen


@needs_seed
def test_behandeldoelen_are_the_3_3_bullets(lines, graph):
    goals = seed_behandeldoelen(lines)
    assert len(goals) == 12, goals
    assert {str(g) for g in graph.objects(VAKTHERAPEUT, BO.behandeldoel)} == set(goals)


def test_every_resource_names_its_bcp_section():
    data = Graph().parse(DATA)
    subjects = {s for s in data.subjects() if isinstance(s, URIRef)}
    assert len(subjects) > 50
    for node in subjects:
        assert (node, DCT.source, BRON) in data, f"{node}: dct:source ontbreekt"
        sections = [str(s) for s in data.objects(node, BO.bronsectie)]
        assert sections and all(s.startswith("BCP Vaktherapeut ") for s in sections), node
        assert len([l for l in data.objects(node, SKOS.prefLabel) if l.language == "nl"]) == 1, node
        assert list(data.objects(node, RDF.type)), f"{node}: rdf:type ontbreekt"
