"""describe() and resolve() against the shipped graph; expectations come from the graph itself."""
import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import SKOS, DCTERMS

from beroepen.cli import main
from beroepen.kennisgraaf.describe import describe
from beroepen.kennisgraaf.opzoeken import resolve
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")
PROFIEL = URIRef(ID + "profiel/bcp-vaktherapeut")


@pytest.fixture(scope="module")
def store(shipped_graph):
    return EmbeddedStore(shipped_graph)


def tasks(graph):
    found = sorted(graph.subjects(SKOS.inScheme, PROFIEL))
    found = [t for t in found if (t, None, BO.Beroepstaak) in graph]
    assert found, "no beroepstaken in data/"
    return found


def group(groups, relatie):
    return next((g for g in groups if g["relatie"] == str(relatie)), {"items": []})


def test_every_task_shows_its_competences_both_ways(store, shipped_graph):
    for task in tasks(shipped_graph):
        d = describe(store, task)
        expected = {str(c) for c in shipped_graph.objects(task, BO.relatieMetCompetentie)}
        shown = {i["iri"] for i in group(d["uitgaand"], BO.relatieMetCompetentie)["items"]}
        assert shown == expected, task
        assert d["label"] == next(str(l) for l in shipped_graph.objects(task, SKOS.prefLabel) if l.language == "nl")  # one Dutch label
        for competence in expected:
            back = describe(store, competence)
            assert str(task) in {i["iri"] for i in
                                 group(back["inkomend"], BO.relatieMetCompetentie)["items"]}


def test_source_document_and_section_are_shown(store, shipped_graph):
    task = tasks(shipped_graph)[0]
    d = describe(store, task)
    assert d["bron"]["documenten"][0]["iri"] == str(shipped_graph.value(task, DCTERMS.source))
    assert d["bron"]["secties"] == [str(s) for s in shipped_graph.objects(task, BO.bronsectie)]
    assert d["bron"]["documenten"][0]["label"]  # the source's own name, not its IRI


def test_codes_resolve_within_the_profile(store, shipped_graph):
    by_code = {}
    for concept in shipped_graph.subjects(SKOS.inScheme, PROFIEL):
        for code in shipped_graph.objects(concept, SKOS.notation):
            by_code.setdefault(str(code), []).append(str(concept))
    unique = {code: iris[0] for code, iris in by_code.items() if len(iris) == 1}
    assert unique, "the profile has codes"
    for code, iri in unique.items():
        assert resolve(store, code) == iri
    for code, iris in by_code.items():
        if len(iris) > 1:  # '3' is task 3 and competence 3: say so, name the paths
            with pytest.raises(BeroepenError) as err:
                resolve(store, code)
            assert all(f"'{i[len(str(PROFIEL)) + 1:]}'" in str(err.value) for i in iris)


def test_paths_and_iris_resolve(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])
    assert resolve(store, task) == task
    assert resolve(store, task[len(ID):]) == task
    assert resolve(store, "/id/" + task[len(ID):]) == task


def test_unknown_name_lists_close_matches(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])[len(ID):]
    with pytest.raises(BeroepenError) as err:
        resolve(store, task[:-1] + "x9")
    assert "bedoelde u" in str(err.value)


def test_english_labels_where_the_graph_has_them(store, shipped_graph):
    with_en = [s for s, o in shipped_graph.subject_objects(SKOS.prefLabel)
               if getattr(o, "language", None) == "en" and str(s).startswith(ID)]
    assert with_en, "no English labels in the data"
    iri = with_en[0]
    english = {str(o) for o in shipped_graph.objects(iri, SKOS.prefLabel) if o.language == "en"}
    assert describe(store, iri, "en")["label"] in english


def test_show_json_is_the_describe_dict(store, shipped_graph):
    task = str(tasks(shipped_graph)[0])
    result = CliRunner().invoke(main, ["show", task[len(ID):], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == describe(store, task)


def test_show_text_names_links_and_source(shipped_graph):
    task = tasks(shipped_graph)[0]
    result = CliRunner().invoke(main, ["show", str(task)])
    assert result.exit_code == 0
    assert next(str(l) for l in shipped_graph.objects(task, SKOS.prefLabel) if l.language == "nl") in result.output
    for section in shipped_graph.objects(task, BO.bronsectie):
        assert str(section) in result.output


def test_show_unknown_exits_2_with_suggestions():
    result = CliRunner().invoke(main, ["show", "beroep/vaktherapeutt"])
    assert result.exit_code == 2
    assert "beroep/vaktherapeut" in result.output and "Traceback" not in result.output


def test_show_on_a_sparql_store_prints_the_same(store, shipped_graph, sparql_store):
    task = str(tasks(shipped_graph)[0])
    result = CliRunner().invoke(main, ["show", task[len(ID):], "--format", "json",
                                       "--endpoint", sparql_store])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == describe(store, task)


def test_show_with_an_unknown_profile_names_the_profile():
    # Regression: the message said the code was unknown, not the profile.
    result = CliRunner().invoke(main, ["show", "D", "--profiel", "bestaat-niet"])
    assert result.exit_code == 2
    assert "onbekend profiel 'bestaat-niet'" in result.output


DESCRIPTION_IN_A_FRESH_PROCESS = """
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from beroepen.kennisgraaf.describe import describe
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID
iri = URIRef(ID + "beroep/x")
graph = Graph()
graph.add((iri, SKOS.prefLabel, Literal("x", lang="nl")))
graph.add((iri, SKOS.definition, Literal("de definitie", lang="nl")))
graph.add((iri, DCTERMS.description, Literal("de lange beschrijving", lang="nl")))
print(describe(EmbeddedStore(graph), iri)["beschrijving"])
"""


def test_description_is_the_same_in_every_process():
    """A page showed the definition or the description, by the process's string hashes."""
    import os
    import subprocess
    import sys
    shown = set()
    for seed in ("1", "2", "3", "4"):
        out = subprocess.run([sys.executable, "-c", DESCRIPTION_IN_A_FRESH_PROCESS], check=True,
                             capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, PYTHONHASHSEED=seed))
        shown.add(out.stdout.strip())
    assert shown == {"de definitie"}


def test_a_description_beside_a_definition_is_shown_among_the_properties():
    """The head shows the definition; the description (a longer text from the source) was
    dropped from the page entirely once the head chose the definition."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, SKOS
    from beroepen.kennisgraaf.describe import describe
    from beroepen.kennisgraaf.store import EmbeddedStore
    from beroepen.vocab import ID
    iri = URIRef(ID + "beroep/x")
    graph = Graph()
    graph.add((iri, SKOS.prefLabel, Literal("x", lang="nl")))
    graph.add((iri, SKOS.definition, Literal("de definitie", lang="nl")))
    graph.add((iri, DCTERMS.description, Literal("de lange beschrijving", lang="nl")))
    d = describe(EmbeddedStore(graph), iri)
    shown = {(g["label"], i["waarde"]) for g in d["eigenschappen"] for i in g["items"]}
    assert d["beschrijving"] == "de definitie"
    assert ("beschrijving", "de lange beschrijving") in shown


# --- the summary: breadcrumbs, sentences, where next, source sections (issue 11 item 1) ---

from rdflib import RDF  # noqa: E402
from support import BCP_SEED, require_shared  # noqa: E402

from beroepen.kennisgraaf import zinnen  # noqa: E402
from beroepen.kennisgraaf.labels import anker  # noqa: E402

TAAK_5 = URIRef(ID + "profiel/bcp-vaktherapeut/beroepstaak/5")


def sentence(d, relatie):
    return next(z for z in d["zinnen"] if str(relatie) in z["relaties"])


def codes(graph, nodes):
    """Notations of `nodes`, numbers before letters as the BCP lists them."""
    found = [str(graph.value(n, SKOS.notation)) for n in nodes]
    return sorted(found, key=lambda c: (not c.isdigit(), c.zfill(3)))


def test_task_5_says_which_competences_it_goes_with_as_the_bcp_does(store, shipped_graph):
    d = describe(store, TAAK_5)
    z = sentence(d, BO.relatieMetCompetentie)
    expected = codes(shipped_graph, shipped_graph.objects(TAAK_5, BO.relatieMetCompetentie))
    assert z["zin"] == "Hangt samen met competenties " + ", ".join(expected[:-1]) + " en " + expected[-1] + "."
    # the BCP's fifth "Relatie met ... competenties" pair is beroepstaak 5's (ch. 4, tasks in order)
    text = require_shared(BCP_SEED).read_text(encoding="utf-8")
    generiek = text.split("Relatie met generieke competenties:")[5].split("\n")[0].split()
    specifiek = text.split("Relatie met vaktherapeutische competenties:")[5].split("\n")[0].split()
    assert [i["notatie"] for i in z["items"]] == generiek + specifiek


def test_competence_reads_the_task_link_from_its_own_side(store, shipped_graph):
    d_iri = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/D")
    z = sentence(describe(store, d_iri), BO.relatieMetCompetentie)
    taken = codes(shipped_graph, shipped_graph.subjects(BO.relatieMetCompetentie, d_iri))
    assert z["richting"] == "inkomend" and len(taken) > 1
    assert z["zin"].startswith("Hangt samen met beroepstaken " + ", ".join(taken[:-1]) + " en " + taken[-1])


def test_breadcrumb_of_a_werkzaamheid_names_its_beroepstaak_and_taakgroep(store, shipped_graph):
    activiteit = sorted(shipped_graph.objects(TAAK_5, BO.activiteit))[0]
    taakgroep = shipped_graph.value(TAAK_5, BO.taakgroep)
    profiel = shipped_graph.value(TAAK_5, SKOS.inScheme)
    beroep = shipped_graph.value(profiel, BO.profielVan)
    d = describe(store, activiteit)
    assert [k["iri"] for k in d["kruimelpad"]] == [str(beroep), str(profiel), str(taakgroep), str(TAAK_5)]
    assert sentence(d, BO.activiteit)["zin"] == "Hoort bij beroepstaak 5."  # one task: singular


def test_breadcrumb_of_a_gedragskenmerk_ends_with_its_competence(store, shipped_graph):
    competentie = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/D")
    kenmerk = sorted(shipped_graph.objects(competentie, BO.indicator))[0]
    pad = describe(store, kenmerk)["kruimelpad"]
    assert [k["iri"] for k in pad[-2:]] == [str(PROFIEL), str(competentie)]


def test_summary_has_no_skos_words_and_no_backwards_links(store):
    for pad in ("beroep/vaktherapeut", "profiel/bcp-vaktherapeut", "profiel/bcp-vaktherapeut/competentie/D",
                "profiel/bcp-vaktherapeut/taakgroep/clientgebonden", "beroep/beeldend-therapeut"):
        text = " ".join(z["zin"] for z in describe(store, ID + pad)["zinnen"]).lower()
        for word in ("topconcept", "relatie met", "skos", "valt onder beeldend"):
            assert word not in text, (pad, word)


def test_parent_profession_says_it_contains_its_disciplines(store, shipped_graph):
    vaktherapeut = URIRef(ID + "beroep/vaktherapeut")
    z = sentence(describe(store, vaktherapeut), BO.valtOnder)
    disciplines = set(shipped_graph.subjects(BO.valtOnder, vaktherapeut))
    assert z["begin"] == f"Omvat {len(disciplines)} beroepen"
    assert {i["iri"] for i in z["items"]} == {str(b) for b in disciplines}


def test_english_sentences_on_request(store):
    z = sentence(describe(store, TAAK_5, lang="en"), BO.relatieMetCompetentie)
    assert z["zin"].startswith("Goes with competences ") and " and " in z["zin"]


def test_dutch_list_joining():
    assert zinnen.join([]) == "" and zinnen.join(["1"]) == "1"
    assert zinnen.join(["1", "3"]) == "1 en 3"
    assert zinnen.join(["1", "3", "5"]) == "1, 3 en 5"
    assert zinnen.join(["a", "b"], "en") == "a and b"


def test_every_property_in_the_sentence_table_is_in_the_ontology():
    from rdflib import Graph
    from beroepen.resources import resource_dir
    ontologie = Graph().parse(resource_dir("ontology") / "beroepen.ttl")
    for prop in zinnen.ZINNEN:
        if prop.startswith(str(BO)):
            assert (URIRef(prop), None, None) in ontologie, f"{prop} staat in zinnen.ZINNEN maar niet in de ontologie"


def test_profession_leads_to_what_exists_for_it(store, shipped_graph):
    vak = describe(store, ID + "beroep/vaktherapeut")["vervolg"]
    assert [p["slug"] for p in vak["matrix"]] == ["bcp-vaktherapeut"]
    assert vak["route"] and vak["vergelijk"]
    assert {r["iri"] for r in vak["registers"]} == {str(r) for r in shipped_graph.objects(URIRef(ID + "beroep/vaktherapeut"), BO.register)}
    stw = describe(store, ID + "beroep/systeemtherapeutisch-werker")["vervolg"]
    assert stw["matrix"] == []  # the STW factsheet links no task to a competence
    assert stw["route"] and stw["registers"]
    assert describe(store, TAAK_5)["vervolg"] is None  # not a profession


def test_source_page_lists_section_5_2_with_the_resources_that_cite_it(store, shipped_graph):
    bron = URIRef(ID + "bron/bcp-vaktherapeut")
    secties = {s["sectie"]: s for s in describe(store, bron)["bron_secties"]}
    vijf_twee = [s for s in secties if "§5.2" in s]
    assert vijf_twee, "geen sectie §5.2 op de bronpagina"
    for naam in vijf_twee:
        citing = {str(r) for r in shipped_graph.subjects(BO.bronsectie, None)
                  if (r, DCTERMS.source, bron) in shipped_graph
                  and naam in {str(s) for s in shipped_graph.objects(r, BO.bronsectie)}}
        assert {i["iri"] for i in secties[naam]["items"]} == citing
        assert secties[naam]["aantal"] == len(citing)


def test_every_section_of_a_source_has_its_own_anchor(shipped_graph):
    for bron in shipped_graph.subjects(RDF.type, BO.Bron):
        secties = {str(s) for r in shipped_graph.subjects(DCTERMS.source, bron)
                   for s in shipped_graph.objects(r, BO.bronsectie)}
        ankers = {anker(s) for s in secties}
        assert len(ankers) == len(secties), f"{bron}: twee secties met hetzelfde anker"


def test_a_source_reference_points_to_its_documents_section(store):
    verwijzingen = describe(store, TAAK_5)["bron"]["verwijzingen"]
    assert [(v["sectie"], v["document"]["pad"]) for v in verwijzingen] == \
        [("BCP Vaktherapeut §4.1, beroepstaak 5", "bron/bcp-vaktherapeut")]
    assert verwijzingen[0]["anker"] == anker("BCP Vaktherapeut §4.1, beroepstaak 5")


def test_every_link_between_resources_reads_as_a_sentence(shipped_graph):
    """A property the sentence table lacks gets a clumsy 'Verwijst hiernaar met …': a new
    property in data/ needs its wording in zinnen.ZINNEN."""
    used = {str(p) for s, p, o in shipped_graph
            if isinstance(o, URIRef) and (str(s).startswith(ID) or str(o).startswith(ID))}
    assert not used - set(zinnen.ZINNEN), "zonder formulering in zinnen.ZINNEN"


def test_each_source_section_links_to_its_own_document_on_a_resource_with_two_sources(store, shipped_graph):
    """vaktherapeut cites the BCP and Pilot Helmond: every section linked to the first document
    (Pilot Helmond sections to the BCP's page), and each document's page listed the other's
    sections. A section belongs to the document its single-source citers name."""
    def eigen(sectie):
        return {str(b) for r in shipped_graph.subjects(BO.bronsectie, Literal(sectie))
                for b in shipped_graph.objects(r, DCTERMS.source)
                if len(set(shipped_graph.objects(r, DCTERMS.source))) == 1}

    vaktherapeut = URIRef(ID + "beroep/vaktherapeut")
    verwijzingen = describe(store, vaktherapeut)["bron"]["verwijzingen"]
    assert len({v["document"]["iri"] for v in verwijzingen}) == 2
    for v in verwijzingen:
        assert eigen(v["sectie"]) in (set(), {v["document"]["iri"]}), v["sectie"]
    for bron in ("bron/pilot-helmond", "bron/bcp-vaktherapeut"):
        secties = [s["sectie"] for s in describe(store, URIRef(ID + bron))["bron_secties"]]
        assert secties and not [s for s in secties if eigen(s) - {ID + bron}], bron


def test_show_in_english_has_english_headings():
    """`beroepen show … --lang en` printed 'Samenvatting:' and 'Bron:' (outside test of issue 12)."""
    en = CliRunner().invoke(main, ["show", "beroepstaak/5", "--lang", "en"])
    nl = CliRunner().invoke(main, ["show", "beroepstaak/5"])
    assert en.exit_code == 0 and nl.exit_code == 0
    for dutch, english in (("Samenvatting:", "Summary:"), ("Bron:", "Source:"), ("soort:", "kind:")):
        assert dutch in nl.output and english not in nl.output
        assert english in en.output and dutch not in en.output
