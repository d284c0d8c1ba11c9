"""The BCP Vaktherapeut profile in data/ against the seed text it was transcribed from.

The seed (shared/seeds/002_….txt, beside the repository) is parsed here, independently of
the Turtle: task headings, their "Relatie met …" lines and bullets, the competences'
indicator bullets and the headings of the critical situations. The graph must say exactly
what the text says. Skipped when the shared folder is not there (e.g. an installed copy),
failed then under CI=true.
"""
import re

import pytest
from rdflib import Namespace, RDF, URIRef

from beroepen.kennisgraaf.graaf import default_graph
from support import BCP_SEED, find_line

SEED = BCP_SEED
pytestmark = pytest.mark.usefixtures("bcp_seed")  # skip without it; fail under CI=true

BO = Namespace("https://w3id.org/beroepen/def#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
PROFIEL = URIRef("https://w3id.org/beroepen/id/profiel/bcp-vaktherapeut")


# --------------------------------------------------------------------------- the seed

@pytest.fixture(scope="module")
def lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def _bullets(lines, start, end):
    return sum(1 for line in lines[start:end] if line.lstrip().startswith("•"))


def _title(lines, start):
    """The heading title: the non-blank lines from `start` up to the first blank line."""
    parts = []
    for line in lines[start:]:
        if not line.strip():
            break
        parts.append(line.strip())
    return re.sub(r"\s+", " ", " ".join(parts)).rstrip(".").strip()


def seed_tasks(lines):
    """{number: {"title", "codes", "bullets"}} for every BEROEPSTAAK heading."""
    tasks = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"BEROEPSTAAK (\d+)", line.strip())
        if not m:
            continue
        generiek = find_line(lines, r"Relatie met generieke competenties:.*", i)
        specifiek = find_line(lines, r"Relatie met vaktherapeutische competenties:.*", generiek)
        codes = set()
        for j in (generiek, specifiek):
            codes |= set(lines[j].split(":", 1)[1].split())
        tasks[int(m.group(1))] = {"title": _title(lines, i + 1), "codes": codes,
                                  "bullets": _bullets(lines, i + 1, generiek)}
    return tasks


def seed_generic(lines):
    """{"1": bullet count, …}: items under each 'De vaktherapeut is in staat om:' in §5.1."""
    start = find_line(lines, r"5\.1 Generieke competenties")
    end = find_line(lines, r"5\.2\s+Specifieke\s+vaktherapeutische\s+competenties", start)
    staat = [i for i in range(start, end) if lines[i].strip() == "De vaktherapeut is in staat om:"]
    headings = []
    for i in staat:
        h = max(j for j in range(start, i) if lines[j].strip())
        headings.append(h)
    counts = {}
    for k, i in enumerate(staat):
        stop = headings[k + 1] if k + 1 < len(staat) else end
        code = re.match(r"(\d)\.", lines[headings[k]].strip()).group(1)
        counts[code] = _bullets(lines, i, stop)
    return counts


def seed_specific(lines):
    """{"A": {"title", "bullets"}, …}: gedragskenmerken under each COMPETENTIE heading."""
    heads = [(i, m.group(1)) for i, line in enumerate(lines)
             if (m := re.fullmatch(r"COMPETENTIE ([A-F])", line.strip()))]
    end = find_line(lines, r"Kennisdomeinen", heads[-1][0])
    out = {}
    for k, (i, code) in enumerate(heads):
        stop = heads[k + 1][0] if k + 1 < len(heads) else end
        gedrag = find_line(lines, r"Gedragskenmerken:", i)
        out[code] = {"title": _title(lines, i + 1), "bullets": _bullets(lines, gedrag, stop)}
    return out


def seed_situations(lines):
    """Headings in H7: the leading short lines of a blank-line separated block."""
    start = find_line(lines, r"Kritische situaties")
    blocks, cur = [], []
    for line in lines[start + 1:]:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    titles = []
    for block in blocks:
        head = []
        for line in block:
            if len(line) >= 75:
                break
            head.append(line)
        if head and len(head) < len(block):
            titles.append(" ".join(head))
    return titles


# --------------------------------------------------------------------------- the graph

@pytest.fixture(scope="module")
def graph():
    return default_graph()


def in_profile(graph, klass):
    return [s for s in graph.subjects(RDF.type, klass) if (s, SKOS.inScheme, PROFIEL) in graph]


def task(graph, number):
    found = [t for t in in_profile(graph, BO.Beroepstaak) if graph.value(t, BO.nummer).toPython() == number]
    assert len(found) == 1, f"beroepstaak {number}: {len(found)} gevonden in het profiel"
    return found[0]


def competence(graph, code):
    candidates = in_profile(graph, BO.GeneriekeCompetentie) + in_profile(graph, BO.SpecifiekeCompetentie)
    found = [c for c in candidates if str(graph.value(c, SKOS.notation)) == code]
    assert len(found) == 1, f"competentie {code}: {len(found)} gevonden in het profiel"
    return found[0]


def nl_label(graph, node):
    labels = [str(o) for o in graph.objects(node, SKOS.prefLabel) if o.language == "nl"]
    assert len(labels) == 1, f"{node}: {len(labels)} Nederlandse prefLabels"
    return labels[0]


# --------------------------------------------------------------------------- tests

def test_seed_and_graph_have_the_same_eleven_tasks(lines, graph):
    assert sorted(seed_tasks(lines)) == list(range(1, 12))
    numbers = sorted(graph.value(t, BO.nummer).toPython() for t in in_profile(graph, BO.Beroepstaak))
    assert numbers == list(range(1, 12))


@pytest.mark.parametrize("number", range(1, 12))
def test_task_competences_match_relatie_lines(lines, graph, number):
    expected = seed_tasks(lines)[number]["codes"]
    linked = {str(graph.value(c, SKOS.notation)) for c in graph.objects(task(graph, number), BO.relatieMetCompetentie)}
    assert linked == expected


@pytest.mark.parametrize("number", range(1, 12))
def test_task_activity_count_and_title_match_seed(lines, graph, number):
    seed = seed_tasks(lines)[number]
    t = task(graph, number)
    activities = list(graph.objects(t, BO.activiteit))
    assert len(activities) == seed["bullets"]
    assert sorted(graph.value(a, BO.volgorde).toPython() for a in activities) == list(range(1, seed["bullets"] + 1))
    assert nl_label(graph, t) == seed["title"]


def test_generic_competences_have_every_bekwaamheid(lines, graph):
    seed = seed_generic(lines)
    assert sorted(seed) == ["1", "2", "3", "4", "5", "6"]
    for code, count in seed.items():
        c = competence(graph, code)
        assert (c, RDF.type, BO.GeneriekeCompetentie) in graph
        items = list(graph.objects(c, BO.indicator))
        assert len(items) == count, f"competentie {code}"
        assert all((i, RDF.type, BO.Bekwaamheid) in graph for i in items)


def test_specific_competences_have_every_gedragskenmerk_and_the_heading_title(lines, graph):
    seed = seed_specific(lines)
    assert sorted(seed) == list("ABCDEF")
    for code, s in seed.items():
        c = competence(graph, code)
        assert (c, RDF.type, BO.SpecifiekeCompetentie) in graph
        items = list(graph.objects(c, BO.indicator))
        assert len(items) == s["bullets"], f"competentie {code}"
        assert all((i, RDF.type, BO.Gedragskenmerk) in graph for i in items)
        assert nl_label(graph, c) == s["title"], f"competentie {code}"


def test_five_critical_situations_with_the_headings_titles(lines, graph):
    titles = seed_situations(lines)
    assert len(titles) == 5
    situations = in_profile(graph, BO.KritischeBeroepssituatie)
    assert sorted(nl_label(graph, s) for s in situations) == sorted(titles)


def test_critical_situations_are_not_linked_to_competences(graph):
    # The BCP does not link H7 to competences; nothing in the graph may claim it does.
    for s in in_profile(graph, BO.KritischeBeroepssituatie):
        assert not [p for p, o in graph.predicate_objects(s)
                    if (o, RDF.type, BO.GeneriekeCompetentie) in graph
                    or (o, RDF.type, BO.SpecifiekeCompetentie) in graph]
