"""The English translation (issue 12): every Dutch name, definition and description that users
see has an English twin in data/<naam>.en.ttl, marked as a translation, and the twin files add
nothing but translations."""
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from beroepen.vocab import BO, DCT, ID, RDFS, SKOS

DATA = Path(__file__).resolve().parents[1] / "data"
VERTALING = URIRef(ID + "bron/vertaling-en")
VERTAALD = (SKOS.prefLabel, RDFS.label, DCT.title, SKOS.definition, DCT.description, BO.korteTitel)
BRONNEN = sorted(p for p in DATA.glob("*.ttl")
                 if not p.name.endswith(".en.ttl") and p.name not in ("esco.ttl", "vertaling-en.ttl"))


def _graph(path):
    return Graph().parse(path, format="turtle")


def _dutch(graph):
    """(subject, property) pairs with a Dutch text in one of the translated properties."""
    return {(s, p) for p in VERTAALD for s, o in graph.subject_objects(p)
            if isinstance(o, Literal) and o.language == "nl" and str(s).startswith(ID)}


@pytest.mark.parametrize("bron", BRONNEN, ids=lambda p: p.name)
def test_every_dutch_text_has_an_english_translation(bron):
    twin = bron.with_suffix(".en.ttl")
    assert twin.exists(), f"{twin.name} ontbreekt: de Engelse vertaling van {bron.name}"
    english = _graph(twin)
    missing = sorted(f"{s[len(ID):]} {p.n3(english.namespace_manager)}" for s, p in _dutch(_graph(bron))
                     if not any(o.language == "en" for o in english.objects(s, p)))
    assert not missing, f"{len(missing)} teksten zonder Engels in {twin.name}: {missing[:10]}"


@pytest.mark.parametrize("twin", sorted(DATA.glob("*.en.ttl")), ids=lambda p: p.name)
def test_a_translation_file_holds_only_marked_translations_of_its_source(twin):
    source = _graph(twin.with_name(twin.name.replace(".en.ttl", ".ttl")))
    english = _graph(twin)
    dutch = _dutch(source)
    for s, p, o in english:
        if p == BO.vertaling:
            assert o == VERTALING, f"{s}: bo:vertaling moet {VERTALING} zijn"
            continue
        assert (s, p) in dutch, f"{s} {p}: de bron heeft hier geen Nederlandse tekst om te vertalen"
        assert isinstance(o, Literal) and o.language == "en", f"{s} {p}: geen @en-tekst: {o!r}"
        assert str(o).strip(), f"{s} {p}: lege vertaling"
        assert (s, BO.vertaling, VERTALING) in english, f"{s}: bo:vertaling <bron/vertaling-en> ontbreekt"
