"""The README says what the product holds and how it is set: these tests fail when it no longer does."""
import re

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from support import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BASE = "https://w3id.org/beroepen/"


def data_table_rows():
    """(bron path, resources) of each row of the README's counts-per-source table."""
    rows = re.findall(r"^\|[^\n]*\(`(id/bron/[\w-]+)`\) \| (\d+) \|", README, re.MULTILINE)
    return [(path, int(count)) for path, count in rows]


def test_the_readme_counts_per_source_match_the_graph(shipped_graph):
    rows = data_table_rows()
    assert len(rows) == 6, rows
    for path, count in rows:
        in_graph = {s for s in shipped_graph.subjects(DCTERMS.source, URIRef(BASE + path))}
        assert len(in_graph) == count, f"README says {count} resources from {path}, the graph has {len(in_graph)}"


def test_every_web_setting_is_documented_in_the_readme():
    from beroepen.web import DEFAULTS
    missing = [key for key in DEFAULTS if f"`{key}`" not in README]
    assert not missing, f"settings the README does not name: {missing}"
