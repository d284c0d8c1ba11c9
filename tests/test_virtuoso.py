"""The Virtuoso the store tests use holds exactly the release, as the README tells an operator
to load it, and a Virtuoso that cannot start fails with its own log."""
import re

import pytest

from beroepen.kennisgraaf.store import RemoteStore
from support import REPO, VIRTUOSO_GRAPH, VIRTUOSO_LOAD, virtuoso_server


def test_queries_without_from_see_the_release_and_nothing_else(virtuoso, shipped_graph):
    # Virtuoso's own graphs (virtrdf#, ldp#, ~2,500 triples) are readable by the endpoint
    # until the graph permissions of VIRTUOSO_LOAD close them.
    store = RemoteStore(virtuoso.endpoint)
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]) == len(shipped_graph)
    # Per graph what can be read. (SELECT DISTINCT ?g alone still lists the names of
    # Virtuoso's own graphs: it reads a list of names, not their triples.)
    graphs = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert [(str(row["g"]), int(row["n"])) for row in graphs] == [(VIRTUOSO_GRAPH, len(shipped_graph))]


def test_the_readme_loads_virtuoso_with_the_fixtures_statements():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r'isql-vt 1111 dba "\$WACHTWOORD" exec="\n(.*?)"\n', readme, re.S)
    assert block, "README: no isql-vt block for Virtuoso"
    fixture = VIRTUOSO_LOAD.format(file="/srv/beroepen/beroepen.nt", graph=VIRTUOSO_GRAPH)
    assert block.group(1).strip() == fixture.strip()


def test_a_virtuoso_that_cannot_start_fails_with_its_log(virtuoso):
    # A second server on the same database finds it locked and stops at once.
    with pytest.raises(AssertionError, match=r"(?s)virtuoso stopte bij het starten.*lock"):
        with virtuoso_server(virtuoso.directory, seconds=60):
            pass
