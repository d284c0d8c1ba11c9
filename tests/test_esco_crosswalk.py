"""The ESCO crosswalk (data/esco-crosswalk.sssom.tsv): coverage of what the graph holds, SSSOM
validity (sssom-py), every ESCO URI in the snapshot, the triples in the graph, and bad tables
refused with file and line."""
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF

from beroepen.cli import main
from beroepen.esco import crosswalk, extract, snapshot
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.graaf import load_graph, load_store, shipped_data_files
from beroepen.resources import resource_dir
from beroepen.vocab import BO, INST, SKOS

CROSSWALK = resource_dir("data") / "esco-crosswalk.sssom.tsv"
SSSOM = Namespace("https://w3id.org/sssom/")
MATCHES = {SKOS[p] for p in ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")}


@pytest.fixture(scope="module")
def mappings():
    return crosswalk.read(CROSSWALK)[1]


def gemapt(graph):
    return set(graph.objects(None, OWL.annotatedSource))


def test_every_profession_has_a_mapping(shipped_graph):
    beroepen = set(shipped_graph.subjects(RDF.type, BO.Beroep))
    assert len(beroepen) >= 12
    assert sorted(map(str, beroepen - gemapt(shipped_graph))) == []


@pytest.mark.parametrize("klasse, profiel, aantal", [
    (BO.Beroepstaak, "profiel/bcp-vaktherapeut", 11),
    (BO.GeneriekeCompetentie, "profiel/bcp-vaktherapeut", 6),
    (BO.SpecifiekeCompetentie, "profiel/bcp-vaktherapeut", 6),
    (BO.Kerntaak, "profiel/stw", 5),
])
def test_every_task_competence_and_kerntaak_has_a_mapping(shipped_graph, klasse, profiel, aantal):
    leden = {s for s in shipped_graph.subjects(RDF.type, klasse)
             if (s, SKOS.inScheme, INST[profiel]) in shipped_graph}
    assert len(leden) == aantal
    assert sorted(map(str, leden - gemapt(shipped_graph))) == []


def test_crosswalk_validates_with_sssom_py():
    from sssom.constants import SchemaValidationType as V
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate
    msdf = parse_sssom_table(str(CROSSWALK))
    assert len(msdf.df) == len(crosswalk.read(CROSSWALK)[1])
    reports = validate(msdf, [V.JsonSchema, V.PrefixMapCompleteness, V.StrictCurieFormat], fail_on_error=False)
    assert {t.value: r.results for t, r in reports.items()} == {
        "JsonSchema": [], "PrefixMapCompleteness": [], "StrictCurieFormat": []}


def test_sssom_py_refuses_a_confidence_above_one(tmp_path):
    """The validation above can fail: the same table with one confidence of 1.9 does not pass."""
    from sssom.constants import SchemaValidationType as V
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate
    bad = tmp_path / "bad.sssom.tsv"
    text = CROSSWALK.read_text(encoding="utf-8")
    bad.write_text(text.replace("\t0.90\t", "\t1.90\t", 1), encoding="utf-8")
    with pytest.raises(Exception, match="validation error"):
        validate(parse_sssom_table(str(bad)), [V.JsonSchema], fail_on_error=True)


def test_every_esco_uri_exists_in_the_snapshot_with_its_label(mappings):
    snap = snapshot.load()
    for m in mappings:
        concept = snap.get(m.object)
        assert concept is not None, f"regel {m.regel}: {m.object}"
        assert concept.tekst.startswith(m.object_label), f"regel {m.regel}: {m.object_label}"
        if not m.subject.startswith(str(INST["beroep/"])):  # tasks and competences: skills only
            assert concept.soort == "skill", f"regel {m.regel}: {m.object}"


def test_shipped_extract_is_what_the_snapshot_gives():
    """data/esco.ttl is written from the crosswalk and the snapshot (`beroepen esco extract`)."""
    text = extract.turtle(snapshot.load(), [CROSSWALK])
    assert text == (resource_dir("data") / "esco.ttl").read_text(encoding="utf-8")


def test_mapping_triples_and_records_are_in_both_loaded_graphs(mappings, shipped_graph):
    import pyoxigraph
    store = load_store()
    for m in mappings:
        triple = (URIRef(m.subject), SKOS[m.predicaat.split(":")[1]], URIRef(m.object))
        assert triple in shipped_graph
        assert (m.iri, SSSOM.confidence, None) in shipped_graph
        quad = [pyoxigraph.NamedNode(str(t)) for t in triple]
        assert list(store.quads_for_pattern(*quad)), triple
    in_graph = {(s, p, o) for s, p, o in shipped_graph if p in MATCHES and "/esco/" in str(o)
                and "model#" not in str(o)}
    assert len(in_graph) == len(mappings)


def test_show_prints_the_mappings():
    result = CliRunner().invoke(main, ["show", "beroep/muziektherapeut", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "http://data.europa.eu/esco/occupation/3d616092-b4fd-4c14-b0e9-a9119bbbd171" in result.output


def test_the_crosswalk_is_a_shipped_data_file():
    assert CROSSWALK in shipped_data_files()


BAD_ROWS = [
    ("skos:closeMatch", "owl:sameAs", "geen SKOS-mappingpredicaat"),
    ("\t0.90\t", "\t1.5\t", "geen getal van 0 tot 1"),
    ("escoocc:3d616092", "nergens:3d616092", "geen CURIE met een prefix uit de curie_map"),
    ("escoocc:3d616092-b4fd-4c14-b0e9-a9119bbbd171\tmusic", "beroep:muziek\tmusic", "geen ESCO-URI"),
    ("beroep:muziektherapeut\t", "beroep:muziek>therapeut\t", "geen geldige IRI"),
]


@pytest.mark.parametrize("old, new, message", BAD_ROWS, ids=[b[2] for b in BAD_ROWS])
def test_a_bad_row_names_file_and_line(tmp_path, old, new, message):
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    regel = next(i for i, line in enumerate(lines, 1) if old in line and "muziektherapeut" in line)
    lines[regel - 1] = lines[regel - 1].replace(old, new, 1)
    bad = tmp_path / "esco-crosswalk.sssom.tsv"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BeroepenError, match=message) as err:
        crosswalk.read(bad)
    assert (err.value.file, err.value.line) == (bad, regel)


def test_a_row_without_justification_is_refused(tmp_path):
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    regel = next(i for i, line in enumerate(lines, 1) if line.startswith("beroep:danstherapeut"))
    cells = lines[regel - 1].rstrip("\n").split("\t")
    lines[regel - 1] = "\t".join(cells[:-1] + [""]) + "\n"
    bad = tmp_path / "x.sssom.tsv"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(BeroepenError, match="verantwoording") as err:
        crosswalk.read(bad)
    assert err.value.line == regel


def test_a_duplicate_mapping_is_refused(tmp_path):
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "x.sssom.tsv"
    bad.write_text("".join(lines + [lines[-1]]), encoding="utf-8")
    with pytest.raises(BeroepenError, match="staan al in regel") as err:
        crosswalk.read(bad)
    assert err.value.line == len(lines) + 1


def test_bad_yaml_metadata_is_refused(tmp_path):
    bad = tmp_path / "x.sssom.tsv"
    bad.write_text("#curie_map: [niet: goed\n" + "\t".join(crosswalk.KOLOMMEN) + "\n", encoding="utf-8")
    with pytest.raises(BeroepenError, match="YAML"):
        crosswalk.read(bad)


def test_build_with_a_bad_crosswalk_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "esco-crosswalk.sssom.tsv"
    bad.write_text(CROSSWALK.read_text(encoding="utf-8").replace("skos:closeMatch", "skos:sameAs", 1),
                   encoding="utf-8")
    data = [str(p) for p in shipped_data_files() if p.name != bad.name] + [str(bad)]
    args = ["build", "--no-reason", "-o", str(tmp_path / "dist")]
    for p in data:
        args += ["--data", p]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "esco-crosswalk.sssom.tsv" in result.output and "geen SKOS-mappingpredicaat" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "dist").exists()


def test_a_mapping_to_a_concept_the_extract_lacks_fails_the_shacl_gate(tmp_path):
    """The shapes judge the loaded crosswalk: a row naming an ESCO concept data/esco.ttl does not
    hold (here: a real ESCO skill) makes the graph not conform."""
    from beroepen.kennisgraaf.validation import validate
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    extra = lines[-1].split("\t")
    extra[1:5] = [extra[1], "skos:relatedMatch", "escoskill:000709ed-2be5-4193-b056-45a97698d828",
                  "apply anti-oppressive practices"]
    bad = tmp_path / "esco-crosswalk.sssom.tsv"
    shutil.copy(CROSSWALK, bad)
    with bad.open("a", encoding="utf-8") as f:
        f.write("\t".join(extra))
    graph = load_graph([p for p in shipped_data_files() if p.name != bad.name] + [bad])
    report = validate(graph)
    assert "bs:EscoMappingShape-concept" in {f.shape for f in report.violations}


def test_subject_labels_are_the_graphs_own(mappings, shipped_graph):
    """subject_label is for a reader of the table; it must say what the graph calls the resource."""
    for m in mappings:
        labels = {str(o) for o in shipped_graph.objects(URIRef(m.subject), SKOS.prefLabel) if o.language == "nl"}
        assert m.subject_label in labels, f"regel {m.regel}: {m.subject_label!r} not in {labels}"


def test_some_werkzaamheden_are_mapped(shipped_graph):
    activiteiten = set(shipped_graph.subjects(RDF.type, BO.Activiteit))
    assert len(activiteiten & gemapt(shipped_graph)) >= 10


def test_quotes_and_backslashes_in_a_justification_stay_one_literal(tmp_path):
    """The triples are written as N-Triples text: a comment holding quotes, a backslash and what
    looks like a triple stays one rdfs:comment, and adds no triple of its own."""
    from rdflib.namespace import RDFS
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    regel = next(i for i, line in enumerate(lines, 1) if line.startswith("beroep:danstherapeut"))
    cells = lines[regel - 1].rstrip("\n").split("\t")
    sneaky = 'Zie "dit" \\ en dat" . <urn:a> <urn:b> <urn:c> . #'
    lines[regel - 1] = "\t".join(cells[:-1] + [sneaky]) + "\n"
    file = tmp_path / "x.sssom.tsv"
    file.write_text("".join(lines), encoding="utf-8")
    graph = crosswalk.triples(file)
    m = next(m for m in crosswalk.read(file)[1] if m.regel == regel)
    assert [str(c) for c in graph.objects(m.iri, RDFS.comment)] == [sneaky]
    assert (URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")) not in graph
    assert len(graph) == len(crosswalk.triples(CROSSWALK))
