"""The BCP's figures besides the shares per werkveld (data/bcp-vaktherapeut-beroep.ttl) against
the seed text (shared/seeds/002_….txt): §1.4 (employment, referrals, other activities, the
disciplines) and the context figures of chapter 2 (§2.3 ambulantisering, §2.4 ouderenzorg).

The seed is read here, independently of the Turtle: it is split into its numbered sections,
each figure's sentence is looked up in the section the graph names, and the number as the
source writes it ('54%', '2,8 miljoen', '78.000', '1/3 deel') is parsed and compared with the
graph's value and unit. Without ../shared the tests skip, except with CI=true.
"""
import re
from collections import Counter
from fractions import Fraction

import pytest
from rdflib import Namespace, RDF, URIRef
from rdflib.namespace import DCTERMS, SKOS

from beroepen.kennisgraaf.graaf import default_graph
from support import BCP_SEED, between, require_shared

require_shared(BCP_SEED)

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
KENGETAL = Namespace(ID + "kengetal/bcp-vaktherapeut/")
BRON = URIRef(ID + "bron/bcp-vaktherapeut")
VAKTHERAPEUT = URIRef(ID + "beroep/vaktherapeut")

HEADING = re.compile(r"^\s*(\d\.\d+(?:\.\d+)?)\s+[A-Z(]")
NUMBER = re.compile(r"\d+(?:\.\d{3})*(?:,\d+)?(?:/\d+)?")
YEAR = re.compile(r"^(19|20)\d\d$")
# A unit that is itself a fraction: '1/3 deel' is the value 1 in the unit 'derde deel'.
UNIT_FRACTION = {"derde deel": Fraction(1, 3)}

DIENSTVERBAND = ("Een onderscheid kan gemaakt", "ondernemerschap (12%).")
ZELFSTANDIG = ("34% van de vaktherapeuten", "als zelfstandige.")
SINDS_2010 = ("In vergelijking met 2010", "naar 34%.")
ZELFAANMELDING = ("Over het algemeen melden", "vrijgevestigd vaktherapeut.")
RUWE_SCHATTING = ("Volgens een ruwe schatting", "psychologenpraktijken.")
ACTIVITEITEN = ("Vaktherapeuten bieden zowel in loondienst", "andere activiteiten aan.")
GROOTSTE = ("Van de vaktherapeutische beroepen vormen", "de grootste groepen.")
DAARNA = ("Daarna volgen de muziek-", "12 en 11%).")
KLEINSTE = ("De kleinste beroepsgroepen", "kindertherapeuten (4%).")
INSTELLING = ("Terwijl in 1995", "tot 10 procent.")
THUIS = ("Op dit moment woont 95 procent", "thuis.")
MIGRANTEN = ("De verwachting is dat het aantal migranten", "in 2050.")
BEDDEN = ("Daarin hebben zij de ambitie", "af te bouwen.")
VERBLIJFSDAGEN = ("Het aantal verblijfsdagen", "gedaald met 24%.")

# (kengetal, section, sentence, the number as the source writes it, unit, year the sentence gives)
FIGURES = [
    ("dienstverband-enkel-loondienst", "1.4", DIENSTVERBAND, "(54%)", "procent", None),
    ("dienstverband-loondienst-en-zelfstandig", "1.4", DIENSTVERBAND, "(12%)", "procent", None),
    ("dienstverband-zelfstandig", "1.4", ZELFSTANDIG, "34%", "procent", None),
    ("enkel-vrijgevestigd-2010", "1.4", SINDS_2010, "van 15 naar", "procent", "2010"),
    ("enkel-vrijgevestigd", "1.4", SINDS_2010, "naar 34%", "procent", None),
    ("aanmelding-zelf", "1.4", ZELFAANMELDING, "(81%)", "procent", None),
    ("aanmelding-via-huisartsen", "1.4", RUWE_SCHATTING, "22% aanmelding via huisartsen", "procent", None),
    ("aanmelding-via-sociale-wijkteams", "1.4", RUWE_SCHATTING, "19% via sociale wijkteams", "procent", None),
    ("aanmelding-via-psychologenpraktijken", "1.4", RUWE_SCHATTING, "16% via psychologenpraktijken", "procent", None),
    ("andere-activiteiten-loondienst", "1.4", ACTIVITEITEN, "in loondienst (44%)", "procent", None),
    ("andere-activiteiten-zelfstandig", "1.4", ACTIVITEITEN, "als zelfstandige (72%)", "procent", None),
    ("beroep-beeldend-therapeut", "1.4", GROOTSTE, "beeldend (32%)", "procent", None),
    ("beroep-psychomotorisch-therapeut", "1.4", GROOTSTE, "therapeuten (23%)", "procent", None),
    ("beroep-muziektherapeut", "1.4", DAARNA, "resp. 16", "procent", None),
    ("beroep-dramatherapeut", "1.4", DAARNA, ", 12 en", "procent", None),
    ("beroep-speltherapeut", "1.4", DAARNA, "en 11%", "procent", None),
    ("beroep-danstherapeut-en-psychomotorisch-kindertherapeut", "1.4", KLEINSTE, "(4%)", "procent", None),
    ("ouderen-75-plus-in-instelling-1995", "2.4", INSTELLING, "17 procent", "procent", "1995"),
    ("ouderen-75-plus-in-instelling-2014", "2.4", INSTELLING, "tot 10 procent", "procent", "2014"),
    ("ouderen-65-plus-thuis", "2.4", THUIS, "95 procent", "procent", None),
    ("ouderen-65-plus-thuis-aantal", "2.4", THUIS, "bijna 2,8 miljoen mensen", "miljoen mensen", None),
    ("migranten-65-plus-2011", "2.4", MIGRANTEN, "78.000 niet-westerse migranten", "niet-westerse migranten", "2011"),
    ("migranten-65-plus-2050", "2.4", MIGRANTEN, "tot 520.000", "niet-westerse migranten", "2050"),
    ("ggz-afbouw-beddencapaciteit", "2.3", BEDDEN, "1/3 deel", "derde deel", "2020"),
    ("ggz-daling-verblijfsdagen", "2.3", VERBLIJFSDAGEN, "gedaald met 24%", "procent", None),
]


def normalise(raw):
    return re.sub(r"\s+", " ", re.sub(r"(?<=[a-z])-\s*\n(?=[a-z])", "", raw))


@pytest.fixture(scope="module")
def sections():
    """{'1.4': text of §1.4, …}: the seed split at its numbered headings."""
    found, current = {}, None
    for line in BCP_SEED.read_text(encoding="utf-8").splitlines(keepends=True):
        heading = HEADING.match(line)
        if heading:
            current = heading.group(1)
            found[current] = ""
        elif current:
            found[current] += line
    return {number: normalise(text) for number, text in found.items()}


@pytest.fixture(scope="module")
def graph():
    return default_graph()


def dutch_number(written):
    """'54' → 54, '2,8' → 14/5, '78.000' → 78000, '1/3' → 1/3."""
    if "/" in written:
        numerator, denominator = written.split("/")
        return Fraction(int(numerator), int(denominator))
    return Fraction(written.replace(".", "").replace(",", "."))


def quantity(graph, kengetal):
    """The graph's value in the unit the source writes the number in."""
    value = Fraction(str(graph.value(kengetal, BO.waarde).toPython()))
    return value * UNIT_FRACTION.get(str(graph.value(kengetal, BO.meeteenheid)), 1)


def is_werkveld_share(graph, kengetal):
    return any((w, RDF.type, BO.Werkveld) in graph for w in graph.objects(kengetal, BO.gaatOver))


@pytest.mark.parametrize("name,section,sentence,written,unit,year", FIGURES, ids=[f[0] for f in FIGURES])
def test_each_figure_has_the_number_unit_and_section_of_its_sentence(
        sections, graph, name, section, sentence, written, unit, year):
    text = between(sections[section], *sentence)
    assert written in text, f"'{written}' staat niet in de zin van §{section}: {text}"
    kengetal = KENGETAL[name]
    assert (kengetal, RDF.type, BO.Kengetal) in graph
    assert (kengetal, DCTERMS.source, BRON) in graph
    assert [str(s) for s in graph.objects(kengetal, BO.bronsectie)] == [f"BCP Vaktherapeut §{section}"]
    assert str(graph.value(kengetal, BO.meeteenheid)) == unit
    assert quantity(graph, kengetal) == dutch_number(NUMBER.search(written).group())
    assert str(graph.value(kengetal, BO.grootheid) or "").strip(), f"{name}: zegt niet wat het telt"
    years = [str(y) for y in graph.objects(kengetal, BO.peiljaar)]
    assert years == ([year] if year else []), f"{name}: peiljaar {years}"
    if year:
        assert year in text


def test_every_figure_of_1_4_is_a_kengetal(sections, graph):
    """Every number of the §1.4 paragraphs with figures is a §1.4 kengetal (the shares per
    werkveld included), every year a peiljaar: nothing counted is left as note text only."""
    span = between(sections["1.4"], "De meeste vaktherapeuten werken", "kindertherapeuten (4%).")
    numbers = [n for n in NUMBER.findall(span) if not YEAR.match(n)]
    years = [n for n in NUMBER.findall(span) if YEAR.match(n)]
    in_graph = [k for k in graph.subjects(BO.bronsectie, None)
                if (k, RDF.type, BO.Kengetal) in graph and (k, DCTERMS.source, BRON) in graph
                and "BCP Vaktherapeut §1.4" in {str(s) for s in graph.objects(k, BO.bronsectie)}]
    assert len(numbers) == 23
    assert Counter(quantity(graph, k) for k in set(in_graph)) == Counter(dutch_number(n) for n in numbers)
    assert sorted(str(y) for k in set(in_graph) for y in graph.objects(k, BO.peiljaar)) == sorted(years)


def test_the_table_here_covers_every_bcp_figure_besides_the_werkveld_shares(graph):
    in_graph = {k for k in graph.subjects(RDF.type, BO.Kengetal)
                if (k, DCTERMS.source, BRON) in graph and not is_werkveld_share(graph, k)}
    assert in_graph == {KENGETAL[f[0]] for f in FIGURES}


def test_each_discipline_share_names_the_beroep_its_sentence_names(sections, graph):
    for name, section, sentence, *_ in FIGURES:
        kengetal = KENGETAL[name]
        beroepen = [b for b in graph.objects(kengetal, BO.gaatOver)
                    if (b, RDF.type, BO.Beroep) in graph and b != VAKTHERAPEUT]
        text = re.sub(r"[^a-z]", "", between(sections[section], *sentence).lower())
        for beroep in beroepen:
            label = re.sub(r"[^a-z]", "", next(str(l) for l in graph.objects(beroep, SKOS.prefLabel) if l.language == "nl").lower())
            assert label.removesuffix("therapeut")[:8] in text, f"{name}: {label} niet in de zin"
    small = KENGETAL["beroep-danstherapeut-en-psychomotorisch-kindertherapeut"]
    assert len(set(graph.objects(small, BO.gaatOver))) == 2  # the source's one 4% for two beroepen
