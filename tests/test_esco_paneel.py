"""The ESCO panel (issue 12): a resource's crosswalk mappings on its page, in its `.json` and
`.csv` twins and in `beroepen show`, said once; the mapping record's own page; the crosswalk
as a download; language marking of ESCO's English labels and of our English translations.

The expected mappings are read from data/esco-crosswalk.sssom.tsv itself (with csv and yaml,
not with the product's reader), so every row of the table must come out on the page."""
import csv
import io
import re

import pytest
import yaml
from click.testing import CliRunner
from rdflib import URIRef

from support import graaf_zonder_engels
from beroepen.cli import main
from beroepen.resources import resource_dir
from beroepen.vocab import BO, ID, SKOS

CROSSWALK = resource_dir("data") / "esco-crosswalk.sssom.tsv"
TAAK_5 = "profiel/bcp-vaktherapeut/beroepstaak/5"
VAKTHERAPEUT = "beroep/vaktherapeut"
RECORD = "esco-mapping/beroep-muziektherapeut--3d616092"


def tsv_rows():
    """The crosswalk's rows with subject and object as full IRIs."""
    text = CROSSWALK.read_text(encoding="utf-8")
    header = "".join(line[1:] for line in text.splitlines(keepends=True) if line.startswith("#"))
    prefixes = yaml.safe_load(header)["curie_map"]
    table = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))
    expand = lambda curie: prefixes[curie.split(":", 1)[0]] + curie.split(":", 1)[1]
    return [dict(row, subject=expand(row["subject_id"]), object=expand(row["object_id"]))
            for row in csv.DictReader(io.StringIO(table), delimiter="\t")]


@pytest.fixture(scope="module")
def client(shipped_graph):
    from beroepen.web import create_app, pages
    app = create_app({"TESTING": True, "GRAPH": shipped_graph})
    yield app.test_client()
    pages.close(app)


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_json()


@pytest.mark.parametrize("pad", [TAAK_5, VAKTHERAPEUT, "beroep/muziektherapeut",
                                 "profiel/bcp-vaktherapeut/competentie/D"])
def test_panel_shows_every_tsv_row_of_the_subject(client, pad):
    expected = sorted((r["object"], r["predicate_id"], r["comment"], float(r["confidence"]), r["author_label"])
                      for r in tsv_rows() if r["subject"] == ID + pad)
    assert expected, f"the crosswalk has no row for {pad}"
    esco = get_json(client, f"/id/{pad}.json")["esco"]
    assert sorted((m["iri"], m["predicate"], m["justification"], m["confidence"], m["author"])
                  for m in esco) == expected
    for m in esco:
        assert m["label"] and m["record"].startswith(ID + "esco-mapping/")
        assert m["nagekeken"] is False  # the table has no reviewer_id column


def test_task_5_panel_in_the_page(client):
    html = client.get(f"/id/{TAAK_5}").get_data(as_text=True)
    panel = html[html.index('<section class="esco"'):]
    panel = panel[:panel.index("</section>")]
    rows = [r for r in tsv_rows() if r["subject"] == ID + TAAK_5]
    assert panel.count('class="esco-mapping"') == len(rows)
    for r in rows:
        link = re.search(r'<a class="extern" href="%s" rel="external noopener"([^>]*)>([^<]+)</a>'
                         % re.escape(r["object"]), panel)
        assert link, r["object"]
        assert link.group(1) == ' lang="en"' and link.group(2) == r["object_label"]
        assert r["comment"] in panel
    assert "omvat (ESCO is smaller)" in panel and "Het begrip van ESCO is smaller" in panel
    assert 'href="/esco-crosswalk.sssom.tsv"' in panel
    assert "niet beoordeeld door een vakinhoudelijk deskundige" in panel


def test_mappings_are_said_once_not_in_sentences_or_lists(client):
    d = get_json(client, f"/id/{TAAK_5}.json")
    gemapt = {m["iri"] for m in d["esco"]} | {m["record"] for m in d["esco"]}
    in_lists = {i.get("iri") for g in d["uitgaand"] + d["inkomend"] for i in g["items"]}
    in_sentences = {i.get("iri") for z in d["zinnen"] for i in z["items"]}
    assert not gemapt & (in_lists | in_sentences)
    html = client.get(f"/id/{TAAK_5}").get_data(as_text=True)
    assert "Onderbouwd in" not in html and "Omvat smallere begrippen" not in html
    assert "annotatedSource" not in html


def test_resource_without_mapping_has_no_panel(client):
    pad = TAAK_5 + "/activiteit/1"
    assert not any(r["subject"] == ID + pad for r in tsv_rows())
    assert get_json(client, f"/id/{pad}.json")["esco"] == []
    assert 'class="esco"' not in client.get(f"/id/{pad}").get_data(as_text=True)


def test_mapping_record_page_reads_as_a_record(client):
    row = next(r for r in tsv_rows() if r["subject"] == ID + "beroep/muziektherapeut"
               and r["object"].endswith("3d616092-b4fd-4c14-b0e9-a9119bbbd171"))
    d = get_json(client, f"/id/{RECORD}.json")
    assert d["esco_record"] is True and len(d["esco"]) == 1
    assert d["esco"][0]["justification"] == row["comment"]
    html = client.get(f"/id/{RECORD}").get_data(as_text=True)
    record = html[html.index('<section class="esco-record"'):]
    for text in ("Onderwerp", "Predicaat", "komt overeen met", "ESCO-concept", row["object_label"],
                 "Verantwoording", row["comment"], "Zekerheid", "0,90", "Gemaakt door", "Bron"):
        assert text in record, text
    assert "annotated" not in html and 'class="zinnen"' not in html


def test_csv_twin_carries_the_mappings(client):
    body = client.get(f"/id/{TAAK_5}.csv").get_data(as_text=True)
    rows = [r for r in csv.reader(io.StringIO(body)) if r[0] == "esco"]
    assert sorted((r[1], r[4]) for r in rows) == sorted(
        (r["predicate_id"], r["object"]) for r in tsv_rows() if r["subject"] == ID + TAAK_5)


@pytest.mark.parametrize("lang,woorden", [("nl", ("ESCO:", "zekerheid 0,", "omvat (ESCO is smaller)")),
                                          ("en", ("ESCO:", "confidence 0.", "includes (ESCO is narrower)"))])
def test_show_prints_an_esco_section(lang, woorden):
    result = CliRunner().invoke(main, ["show", TAAK_5, "--lang", lang])
    assert result.exit_code == 0, result.output
    section = result.output[result.output.index("\nESCO:\n"):]
    rows = [r for r in tsv_rows() if r["subject"] == ID + TAAK_5]
    for r in rows:
        assert f"{r['object_label']}  <{r['object']}>" in section
        assert f"      {r['comment']}\n" in section
    assert all(w in section for w in woorden)
    assert "Onderbouwd in" not in result.output and "owl:annotatedSource" not in result.output


def test_show_a_mapping_record_prints_the_record():
    result = CliRunner().invoke(main, ["show", RECORD])
    assert result.exit_code == 0, result.output
    assert "Mapping:\n  onderwerp: muziektherapeut  <beroep/muziektherapeut>\n" in result.output
    assert "  predicaat: komt overeen met (skos:closeMatch)" in result.output


def test_crosswalk_download_is_the_shipped_file(client):
    response = client.get("/esco-crosswalk.sssom.tsv")
    assert response.status_code == 200
    assert response.data == CROSSWALK.read_bytes()
    assert response.headers["Content-Type"] == "text/tab-separated-values; charset=utf-8"
    assert 'filename="esco-crosswalk.sssom.tsv"' in response.headers["Content-Disposition"]


def test_crosswalk_download_validates_with_sssom_py(client, tmp_path):
    from sssom.constants import SchemaValidationType as V
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate
    path = tmp_path / "download.sssom.tsv"
    path.write_bytes(client.get("/esco-crosswalk.sssom.tsv").data)
    msdf = parse_sssom_table(str(path))
    assert len(msdf.df) == len(tsv_rows())
    reports = validate(msdf, [V.JsonSchema, V.PrefixMapCompleteness], fail_on_error=False)
    assert {t.value: r.results for t, r in reports.items()} == {"JsonSchema": [], "PrefixMapCompleteness": []}


@pytest.mark.parametrize("pad", ["bron/esco", "bron/esco-crosswalk", TAAK_5, RECORD])
def test_download_is_linked(client, pad):
    assert 'href="/esco-crosswalk.sssom.tsv"' in client.get(f"/id/{pad}").get_data(as_text=True)


def test_esco_label_on_a_dutch_page_is_marked_english_and_not_on_an_english_page(client):
    nl = client.get(f"/id/{TAAK_5}").get_data(as_text=True)
    en = client.get(f"/id/{TAAK_5}?lang=en").get_data(as_text=True)
    label = next(r["object_label"] for r in tsv_rows() if r["subject"] == ID + TAAK_5)
    assert re.search(r'rel="external noopener" lang="en">%s<' % re.escape(label), nl)
    assert re.search(r'rel="external noopener">%s<' % re.escape(label), en)


def english_label(graph, pad):
    labels = [o for o in graph.objects(URIRef(ID + pad), SKOS.prefLabel) if o.language == "en"]
    assert labels, f"{pad} has no English label (data/*.en.ttl)"
    return str(labels[0])


@pytest.mark.parametrize("pad", [VAKTHERAPEUT, TAAK_5])
def test_english_page_shows_the_english_label_unmarked(client, shipped_graph, pad):
    label = english_label(shipped_graph, pad)
    html = client.get(f"/id/{pad}?lang=en").get_data(as_text=True)
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert f"<span>{label}</span>" in h1
    # the Dutch page marks nothing on its own Dutch name, the English one says where it comes from
    assert "English text translated from the Dutch source; the Dutch is authoritative." in html
    assert 'href="/id/bron/vertaling-en?lang=en"' in html
    assert "English text translated" not in client.get(f"/id/{pad}").get_data(as_text=True)


def test_dutch_fallback_on_an_english_page_is_marked_dutch(shipped_graph):
    """A resource without an English name (every one has one now, so made by removing task 5's
    from a copy of the graph): its Dutch name is shown, marked lang="nl"."""
    from beroepen.web import create_app, pages
    taak = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/5")
    app = create_app({"TESTING": True, "GRAPH": graaf_zonder_engels(shipped_graph, [taak])})
    try:
        client = app.test_client()
        pad = "profiel/bcp-vaktherapeut/beroepstaak/5"
        d = get_json(client, f"/id/{pad}.json?lang=en")
        html = client.get(f"/id/{pad}?lang=en").get_data(as_text=True)
    finally:
        pages.close(app)
    assert d["label_taal"] == "nl"
    assert d["label"] in {str(o) for o in shipped_graph.objects(taak, SKOS.prefLabel) if o.language == "nl"}
    assert re.search(r'<h1>.*<span lang="nl">', html, re.S)


def test_translation_page_counts_instead_of_listing(client, shipped_graph):
    vertaling = URIRef(ID + "bron/vertaling-en")
    vertaald = set(shipped_graph.subjects(BO.vertaling, vertaling))
    d = get_json(client, "/id/bron/vertaling-en.json")
    assert d["vertalingen"] == len(vertaald)
    assert not any(g["relatie"] == str(BO.vertaling) for g in d["inkomend"])
    html = client.get("/id/bron/vertaling-en").get_data(as_text=True)
    assert f"{len(vertaald)} resources halen hun Engelse naam" in html
    assert html.count("<a ") < 100


def test_a_reviewed_mapping_says_so_and_an_unreviewed_one_not(tmp_path):
    """SSSOM's reviewer_id column becomes sssom:reviewer_id on the record; the panel says
    'not reviewed' only for a record without one."""
    from beroepen.esco import crosswalk
    from beroepen.kennisgraaf.escopaneel import esco_mappings
    from beroepen.kennisgraaf.store import EmbeddedStore
    lines = CROSSWALK.read_text(encoding="utf-8").splitlines(keepends=True)
    header = [l for l in lines if l.startswith("#")]
    table = [l for l in lines if not l.startswith("#")]
    reviewed = table[1].rstrip("\n") + "\tberoepenid:agent/deskundige\n"
    path = tmp_path / "x.sssom.tsv"
    path.write_text("".join(header + [table[0].rstrip("\n") + "\treviewer_id\n", reviewed, table[2]]),
                    encoding="utf-8")
    store = EmbeddedStore(crosswalk.triples(path))
    subjects = [crosswalk.read(path)[1][i].subject for i in (0, 1)]
    found = {s: esco_mappings(store, s) for s in subjects}
    first = next(m for m in found[subjects[0]] if m["reviewer_id"])
    assert first["nagekeken"] is True and first["reviewer_id"] == ID + "agent/deskundige"
    assert any(m["nagekeken"] is False for s in subjects for m in found[s])


def test_esco_source_page_is_titled_by_its_title_in_english(client, shipped_graph):
    from rdflib.namespace import DCTERMS
    title = str(shipped_graph.value(URIRef(ID + "bron/esco"), DCTERMS.title))
    html = client.get("/id/bron/esco").get_data(as_text=True)
    assert f'<span lang="en">{title}</span></h1>' in html


def test_home_page_names_professions_in_english_unmarked(client, shipped_graph):
    label = english_label(shipped_graph, VAKTHERAPEUT)
    html = client.get("/?lang=en").get_data(as_text=True)
    assert f'<a href="/id/{VAKTHERAPEUT}?lang=en">{label}</a>' in html
    dutch = client.get("/").get_data(as_text=True)
    assert f'<a href="/id/{VAKTHERAPEUT}">vaktherapeut</a>' in dutch


def test_every_row_of_the_crosswalk_is_in_a_panel(client):
    """All 71 rows, each on its subject's page (a profession, discipline, task, werkzaamheid,
    competence or kerntaak), once."""
    per_subject = {}
    for r in tsv_rows():
        per_subject.setdefault(r["subject"], set()).add((r["object"], r["predicate_id"]))
    for subject, expected in per_subject.items():
        esco = get_json(client, f"/id/{subject[len(ID):]}.json")["esco"]
        assert sorted((m["iri"], m["predicate"]) for m in esco) == sorted(expected), subject


def test_a_mapping_records_page_has_an_english_title_on_english_pages(client):
    """The record's h1 and title were Dutch on ?lang=en ('ESCO-mapping: … is verwant aan …'):
    the crosswalk names records in Dutch only (outside test of issue 12)."""
    pad = "esco-mapping/profiel-bcp-vaktherapeut-beroepstaak-5--b734affd"
    en = client.get(f"/id/{pad}.json?lang=en").get_json()
    nl = client.get(f"/id/{pad}.json").get_json()
    onderwerp = en["esco"][0]["onderwerp"]["label"]
    assert en["label"] == f"ESCO mapping: {onderwerp} – related to – dance therapy"
    assert en["label_taal"] == "en" and nl["label"].startswith("ESCO-mapping: Hanteert")
