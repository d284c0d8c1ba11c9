"""Search finds what people type for a kind: 'beroepstaak 5', 'taak 5', 'competentie D',
or the kind's name alone (found by the outside test of issue 11: all gave no task)."""
import pytest
from rdflib.namespace import RDF, SKOS

from beroepen.kennisgraaf.search import zoek
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import BO, ID

TAAK_5 = ID + "profiel/bcp-vaktherapeut/beroepstaak/5"


@pytest.fixture(scope="module")
def store(shipped_graph):
    return EmbeddedStore(shipped_graph)


@pytest.mark.parametrize("q", ["beroepstaak 5", "Beroepstaak 5", "taak 5"])
def test_a_kind_with_a_code_finds_that_task(store, q):
    assert TAAK_5 in [r["iri"] for r in zoek(store, q)["resultaten"]]


def test_a_word_of_the_kind_with_a_code_in_any_case_finds_the_competence(store, shipped_graph):
    found = [r["iri"] for r in zoek(store, "competentie d")["resultaten"]]
    expected = [str(c) for c in shipped_graph.subjects(SKOS.notation, None)
                if str(shipped_graph.value(c, SKOS.notation)) == "D"
                and (c, RDF.type, BO.SpecifiekeCompetentie) in shipped_graph]
    assert expected and set(expected) <= set(found)


def test_the_kinds_name_alone_finds_every_one_of_that_kind(store, shipped_graph):
    found = {r["iri"] for r in zoek(store, "beroepstaak", per_pagina=100)["resultaten"]}
    taken = {str(t) for t in shipped_graph.subjects(RDF.type, BO.Beroepstaak)}
    assert len(taken) >= 11 and taken <= found


def test_a_code_with_a_word_of_no_kind_finds_nothing_extra(store):
    assert TAAK_5 not in [r["iri"] for r in zoek(store, "appel 5")["resultaten"]]
