"""The task × competence matrix matches the BCP text, read straight from the seed."""
import csv
import io
import re

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, RDF, RDFS, URIRef
from rdflib.namespace import SKOS

from beroepen.kennisgraaf import matrix as matrix_core
from beroepen.cli import main
from support import BCP_SEED, require_shared
HEADER = "beroepstaak,titel,1,2,3,4,5,6,A,B,C,D,E,F"
BO = Namespace("https://w3id.org/beroepen/def#")


def seed_relations():
    """{task number: set of codes} from the 'Relatie met … competenties' lines of each task."""
    require_shared(BCP_SEED)
    text = BCP_SEED.read_text(encoding="utf-8")
    blocks = re.split(r"BEROEPSTAAK (\d+)", text)[1:]
    relations = {}
    for number, block in zip(blocks[::2], blocks[1::2]):
        lines = re.findall(r"Relatie met (?:generieke|vaktherapeutische) competenties:([^\n]*)", block)
        relations[int(number)] = {code for line in lines for code in line.split()}
    return relations


def matrix_csv(*extra):
    result = CliRunner().invoke(main, ["matrix", "--profiel", "vaktherapeut", *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_contract_and_cells_match_the_bcp():
    text = matrix_csv("--format", "csv")
    assert text.splitlines()[0] == HEADER
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = seed_relations()
    assert [int(r["beroepstaak"]) for r in rows] == sorted(expected) == list(range(1, 12))
    codes = HEADER.split(",")[2:]
    for row in rows:
        marked = {c for c in codes if row[c] == "x"}
        assert marked == expected[int(row["beroepstaak"])], f"beroepstaak {row['beroepstaak']}"
        assert all(row[c] in ("x", "") for c in codes)
        assert row["titel"]


def test_markdown_and_html_hold_the_same_cells():
    rows = list(csv.reader(io.StringIO(matrix_csv("--format", "csv"))))
    markdown = matrix_csv("--format", "markdown")
    html = matrix_csv("--format", "html")
    for row in rows[1:]:
        assert "| " + " | ".join(row) + " |" in markdown
        assert html.count("<tr>") == len(rows)


def test_unknown_profile_is_exit_2_with_the_known_names():
    result = CliRunner().invoke(main, ["matrix", "--profiel", "vaktherapie"])
    assert result.exit_code == 2
    assert "onbekend profiel 'vaktherapie'" in result.output
    assert "vaktherapeut" in result.output


# --- a profile without task × competence links has no matrix -----------------------------------

STW = URIRef("https://w3id.org/beroepen/id/profiel/stw")


def holdings(graph, profiel):
    """{class label: number of items} of a profile, read straight from the graph."""
    counts = {}
    for item in set(graph.subjects(SKOS.inScheme, profiel)):
        for klasse in graph.objects(item, RDF.type):
            label = next((str(l) for l in graph.objects(klasse, RDFS.label) if l.language == "nl"), None)
            if label:
                counts[label] = counts.get(label, 0) + 1
    return counts


def has_links(graph, profiel):
    return any((t, RDF.type, BO.Beroepstaak) in graph and any(graph.objects(t, BO.relatieMetCompetentie))
               for t in graph.subjects(SKOS.inScheme, profiel))


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html", "json"])
def test_stw_matrix_is_exit_2_naming_what_the_profile_holds_not_an_empty_table(shipped_graph, fmt):
    assert not has_links(shipped_graph, STW)
    result = CliRunner().invoke(main, ["matrix", "--profiel", "stw", "--format", fmt])
    assert result.exit_code == 2 and result.stdout == ""
    assert "Traceback" not in result.output
    assert "geen matrix van beroepstaken × competenties" in result.stderr
    counts = holdings(shipped_graph, STW)
    assert counts.get("kerntaak") and counts.get("kennisdomein")
    for label, n in counts.items():
        assert f"{n} × {label}" in result.stderr, (label, n, result.stderr)
    assert "beroepen query profiel-onderdelen" in result.stderr


def test_whether_a_profile_has_a_matrix_comes_from_its_task_competence_links(shipped_graph):
    from beroepen.kennisgraaf.store import EmbeddedStore
    from beroepen.kennisgraaf.profielen import profielen
    bcp = URIRef("https://w3id.org/beroepen/id/profiel/bcp-vaktherapeut")
    zonder = Graph() + shipped_graph
    for taak in set(zonder.subjects(SKOS.inScheme, bcp)):
        zonder.remove((taak, BO.relatieMetCompetentie, None))
    with pytest.raises(matrix_core.GeenMatrix) as err:
        matrix_core.matrix(EmbeddedStore(zonder), "vaktherapeut")
    assert f"{holdings(zonder, bcp)['beroepstaak']} × beroepstaak" in str(err.value)
    met = Graph() + shipped_graph
    taak = URIRef(str(STW) + "/beroepstaak/99")
    competentie = next(met.subjects(SKOS.notation, Literal("A")))
    met += [(taak, RDF.type, BO.Beroepstaak), (taak, SKOS.inScheme, STW), (taak, BO.nummer, Literal(99)),
            (taak, SKOS.prefLabel, Literal("Proef", lang="nl")), (taak, BO.relatieMetCompetentie, competentie)]
    heeft = {p["slug"]: p["matrix"] for p in profielen(EmbeddedStore(met))}
    assert heeft == {"bcp-vaktherapeut": True, "stw": True}
    assert [r["nummer"] for r in matrix_core.matrix(EmbeddedStore(met), "stw")["rijen"]] == [99]


def test_profile_holdings_list_every_item_once_with_its_parts(shipped_graph):
    from beroepen.kennisgraaf.store import EmbeddedStore
    onderdelen = matrix_core.onderdelen(EmbeddedStore(shipped_graph), str(STW))
    seen = {o["iri"] for o in onderdelen} | {d["iri"] for o in onderdelen for v in o["verbanden"] for d in v["delen"]}
    assert seen == {str(s) for s in shipped_graph.subjects(SKOS.inScheme, STW)
                    if shipped_graph.value(s, SKOS.prefLabel) is not None}
    for o in onderdelen:
        for v in o["verbanden"]:
            for d in v["delen"]:
                assert any(shipped_graph.triples((URIRef(o["iri"]), None, URIRef(d["iri"]))))
    kerntaken = [o for o in onderdelen if o["soort"] == "kerntaak"]
    assert [o["notatie"] for o in kerntaken] == sorted((o["notatie"] for o in kerntaken), key=int)


def test_html_table_marks_its_column_and_row_headers():
    """Screen readers read a cell with its task and competence: th scope=col for the header
    row, th scope=row for each task number (the BCP's numbers, from the CSV)."""
    html = matrix_csv("--format", "html")
    numbers = [r[0] for r in csv.reader(io.StringIO(matrix_csv("--format", "csv")))][1:]
    assert re.findall(r'<th scope="row">([^<]*)</th>', html) == numbers
    assert html.count('<th scope="col">') == len(HEADER.split(","))
    assert len(re.findall(r"<th[ >]", html)) == len(numbers) + len(HEADER.split(","))
