"""The index and the overview are computed once per embedded store, never kept for a store
that can change under us (behind an endpoint) nor for a class anyone can type in ?soort=."""
from beroepen.kennisgraaf import search
from beroepen.kennisgraaf import store as kept
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import DEF


class CountingStore:
    """A store that is not embedded (as a RemoteStore): answers from `inner`, counting queries."""

    def __init__(self, inner):
        self.inner, self.queries = inner, 0

    def select(self, query, bindings=None):
        self.queries += 1
        return self.inner.select(query, bindings)


def test_overview_behind_an_endpoint_is_read_again_each_time(shipped_graph):
    store = CountingStore(EmbeddedStore(shipped_graph))
    first = search.overview(store)
    after_one = store.queries
    assert search.overview(store) == first
    assert store.queries == 2 * after_one > 0


def test_index_of_the_embedded_store_is_the_same_answer_each_time(shipped_graph):
    store = EmbeddedStore(shipped_graph)
    first = search.index(store)
    assert first and search.index(store) is first
    assert first == search._index(store, "nl", None, search.class_labels(store))


def test_index_of_an_unknown_soort_is_empty_and_not_kept(shipped_graph):
    store = EmbeddedStore(shipped_graph)
    assert search.index(store, "nl", DEF + "GeenKlasse") == []
    assert not any(key[0] == "index" and key[2] == DEF + "GeenKlasse"
                   for key in kept._PER_GRAPH.get(store, {}))
