"""The CASE 1.1 export (issue 13): `beroepen export --format case` and /case/<profiel>.json.

What the package must hold is read here from the graph's own triples (rdflib patterns), not
through the export's named queries, so a query that loses a part or a cell fails a test.
The package is checked against tests/files/case-v1p1-package.schema.json, a schema written
from the CASE 1.1 information model (the published one is not available offline).
"""
import json
import uuid
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from beroepen.cli import main
from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.uitwisseling import case
from beroepen.web import create_app

BO = Namespace("https://w3id.org/beroepen/def#")
ID = "https://w3id.org/beroepen/id/"
SCHEMA = json.loads((Path(__file__).parent / "files" / "case-v1p1-package.schema.json")
                    .read_text(encoding="utf-8"))
PROFIELEN = {"vaktherapeut": URIRef(ID + "profiel/bcp-vaktherapeut"), "stw": URIRef(ID + "profiel/stw")}
TAKEN = (BO.Beroepstaak, BO.Kerntaak)
COMPETENTIES = (BO.GeneriekeCompetentie, BO.SpecifiekeCompetentie)
INDICATOREN = (BO.Gedragskenmerk, BO.Bekwaamheid)


def export(tmp_path, profiel, name="pakket.json"):
    """(exit code, stderr, bytes written or None) of `beroepen export --format case`."""
    uit = tmp_path / name
    result = CliRunner().invoke(main, ["export", "--profiel", profiel, "--format", "case",
                                       "--uit", str(uit)])
    return result.exit_code, result.stderr, uit.read_bytes() if uit.exists() else None


@pytest.fixture(scope="module")
def pakketten(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("case")
    found = {}
    for profiel in PROFIELEN:
        code, err, body = export(tmp, profiel, f"{profiel}.json")
        assert code == 0, err
        found[profiel] = body
    return found


def geladen(pakketten, profiel):
    return json.loads(pakketten[profiel])


def delen(graph, profiel, klassen):
    return {s for k in klassen for s in graph.subjects(RDF.type, k)
            if (s, SKOS.inScheme, profiel) in graph}


def nl(graph, s, p):
    return next(str(o) for o in graph.objects(s, p) if getattr(o, "language", None) == "nl")


def items_per_uri(pakket):
    per_uri = Counter(i["uri"] for i in pakket["CFItems"])
    assert all(n == 1 for n in per_uri.values()), [u for u, n in per_uri.items() if n > 1]
    return {i["uri"]: i for i in pakket["CFItems"]}


def ouders(pakket):
    """{child uri: [parent uris]} of the isChildOf associations."""
    found = {}
    for a in pakket["CFAssociations"]:
        if a["associationType"] == "isChildOf":
            found.setdefault(a["originNodeURI"]["uri"], []).append(a["destinationNodeURI"]["uri"])
    return found


@pytest.mark.parametrize("profiel", PROFIELEN)
def test_case_export_validates_against_the_case_schema(pakketten, profiel):
    pakket = geladen(pakketten, profiel)
    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(pakket), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert pakket["CFItems"] and pakket["CFAssociations"]


@pytest.mark.parametrize("breuk, pad", [
    (lambda p: p["CFDocument"].pop("creator"), ["CFDocument"]),
    (lambda p: p["CFItems"][0].update(identifier="5"), ["CFItems", 0, "identifier"]),
    (lambda p: p["CFItems"][0].update(identifier=p["CFItems"][0]["identifier"].upper()),
     ["CFItems", 0, "identifier"]),
    (lambda p: p["CFAssociations"][0].update(associationType="isParentOf"),
     ["CFAssociations", 0, "associationType"]),
    (lambda p: p["CFAssociations"][0].update(lastChangeDateTime="2020-04"),
     ["CFAssociations", 0, "lastChangeDateTime"]),
    (lambda p: p["CFDocument"].update(caseVersion="1.0"), ["CFDocument", "caseVersion"]),
    (lambda p: p["CFItems"][0].update(statement="x"), ["CFItems", 0]),
])
def test_the_schema_refuses_a_package_the_specification_does_not_allow(pakketten, breuk, pad):
    pakket = geladen(pakketten, "vaktherapeut")
    breuk(pakket)
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(pakket))
    assert [list(e.absolute_path) for e in errors] == [pad]


@pytest.mark.parametrize("profiel", PROFIELEN)
def test_every_task_competence_and_indicator_appears_once_with_its_code(pakketten, shipped_graph, profiel):
    g, iri = shipped_graph, PROFIELEN[profiel]
    items = items_per_uri(geladen(pakketten, profiel))
    taken, competenties = delen(g, iri, TAKEN), delen(g, iri, COMPETENTIES)
    indicatoren = delen(g, iri, INDICATOREN)
    assert taken and (competenties or profiel == "stw")
    for deel in taken | competenties:
        item = items[str(deel)]
        assert item["humanCodingScheme"] == str(g.value(deel, SKOS.notation))
        assert item["fullStatement"] == nl(g, deel, SKOS.prefLabel)
        assert item["language"] == "nl"
    parent_of = ouders(geladen(pakketten, profiel))
    for indicator in indicatoren:
        item = items[str(indicator)]
        assert item["listEnumeration"] == str(g.value(indicator, BO.volgorde))
        assert parent_of[str(indicator)] == [str(g.value(None, BO.indicator, indicator))]
    for activiteit in delen(g, iri, [BO.Activiteit]):
        assert parent_of[str(activiteit)] == [str(g.value(None, BO.activiteit, activiteit))]
    for taak in taken:
        groep = g.value(taak, BO.taakgroep)
        assert parent_of[str(taak)] == [str(groep) if groep else str(iri)]
    every_part = {s for s in g.subjects(SKOS.inScheme, iri)
                  if not set(g.objects(s, RDF.type)) & {BO.Profielversie}}
    assert set(items) == {str(s) for s in every_part}


def test_the_bcp_package_counts_what_the_source_has(pakketten, shipped_graph):
    """11 tasks, 12 competences, every indicator: the numbers the BCP's text gives."""
    soorten = Counter(i["CFItemType"] for i in geladen(pakketten, "vaktherapeut")["CFItems"])
    g, iri = shipped_graph, PROFIELEN["vaktherapeut"]
    assert soorten["beroepstaak"] == 11
    assert soorten["generieke competentie"] + soorten["specifieke vaktherapeutische competentie"] == 12
    assert soorten["gedragskenmerk"] + soorten["bekwaamheid"] == len(delen(g, iri, INDICATOREN))


@pytest.mark.parametrize("profiel", PROFIELEN)
def test_the_ischildof_tree_has_one_root_and_no_orphans(pakketten, profiel):
    pakket = geladen(pakketten, profiel)
    root = pakket["CFDocument"]["uri"]
    parent_of = ouders(pakket)
    items = items_per_uri(pakket)
    assert set(parent_of) == set(items)       # every item is someone's child, the document no one's
    assert all(len(p) == 1 for p in parent_of.values())
    for uri in items:
        seen = [uri]
        while seen[-1] != root:
            seen.append(parent_of[seen[-1]][0])
            assert seen[-1] in items or seen[-1] == root, f"{uri}: parent {seen[-1]} not in the package"
            assert len(seen) == len(set(seen)), f"cycle: {seen}"


@pytest.mark.parametrize("profiel", PROFIELEN)
def test_every_matrix_cell_of_the_graph_is_one_association_and_no_other(pakketten, shipped_graph, profiel):
    g, iri = shipped_graph, PROFIELEN[profiel]
    cellen = {(str(t), str(c)) for t in g.subjects(SKOS.inScheme, iri)
              for c in g.objects(t, BO.relatieMetCompetentie)}
    related = [a for a in geladen(pakketten, profiel)["CFAssociations"]
               if a["associationType"] == "isRelatedTo"]
    found = Counter((a["originNodeURI"]["uri"], a["destinationNodeURI"]["uri"]) for a in related)
    assert set(found) == cellen and all(n == 1 for n in found.values())
    assert (len(cellen) > 50) == (profiel == "vaktherapeut")
    assert all(a["notes"].startswith("relatie met competentie") for a in related)
    types = {a["associationType"] for a in geladen(pakketten, profiel)["CFAssociations"]}
    assert types <= {"isChildOf", "isRelatedTo"}


@pytest.mark.parametrize("profiel", PROFIELEN)
def test_identifiers_are_stable_across_runs_and_unique(pakketten, tmp_path, profiel):
    code, err, again = export(tmp_path, profiel)
    assert code == 0, err
    assert again == pakketten[profiel]                 # byte-identical: no "now" anywhere
    pakket = json.loads(again)
    objecten = [pakket["CFDocument"], *pakket["CFItems"], *pakket["CFAssociations"],
                *pakket["CFDefinitions"]["CFItemTypes"]]
    identifiers = [o["identifier"] for o in objecten]
    assert len(identifiers) == len(set(identifiers))
    for o in [pakket["CFDocument"], *pakket["CFItems"], *pakket["CFDefinitions"]["CFItemTypes"]]:
        assert o["identifier"] == str(uuid.uuid5(uuid.NAMESPACE_URL, o["uri"]))


def test_document_metadata_comes_from_the_graph(pakketten, shipped_graph):
    g = shipped_graph
    bcp, stw = geladen(pakketten, "vaktherapeut")["CFDocument"], geladen(pakketten, "stw")["CFDocument"]
    versie = g.value(PROFIELEN["vaktherapeut"], BO.versie)
    assert bcp["title"] == nl(g, PROFIELEN["vaktherapeut"], SKOS.prefLabel)
    assert bcp["version"] == "2020" and bcp["caseVersion"] == "1.1"
    assert bcp["lastChangeDateTime"].startswith(str(g.value(versie, DCTERMS.issued)))
    assert bcp["creator"] == bcp["publisher"] == "Federatie Vaktherapeutische Beroepen (FVB)"
    assert bcp["officialSourceURL"] == str(g.value(PROFIELEN["vaktherapeut"], DCTERMS.source))
    assert bcp["adoptionStatus"] == "Adopted" and "vastgesteld" in bcp["notes"]
    assert "adoptionStatus" not in stw           # the factsheet says nothing of an adoption
    beroep = g.value(PROFIELEN["vaktherapeut"], BO.profielVan)
    assert bcp["subject"] == [nl(g, beroep, SKOS.prefLabel)] and bcp["subjectURI"][0]["uri"] == str(beroep)
    assert stw["creator"].endswith("(NVRG)") and stw["lastChangeDateTime"].startswith("2022")


@pytest.mark.parametrize("naam, slug", [("vaktherapeut", "vaktherapeut"), ("bcp-vaktherapeut", "vaktherapeut"),
                                        ("STW", "stw"), ("systeemtherapeutisch-werker", "stw")])
def test_profile_names_resolve_like_elsewhere(pakketten, tmp_path, naam, slug):
    code, err, body = export(tmp_path, naam)
    assert code == 0, err
    assert body == pakketten[slug]


def test_unknown_profile_is_exit_2_and_nothing_written(tmp_path):
    code, err, body = export(tmp_path, "timmerman")
    assert code == 2 and body is None
    assert "onbekend profiel 'timmerman'" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def client(shipped_graph):
    return create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()


@pytest.mark.parametrize("naam, profiel", [("vaktherapeut", "vaktherapeut"), ("bcp-vaktherapeut", "vaktherapeut"),
                                           ("stw", "stw")])
def test_web_route_serves_the_cli_package_as_json(client, pakketten, naam, profiel):
    response = client.get(f"/case/{naam}.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    slug = PROFIELEN[profiel].rsplit("/", 1)[-1]
    assert response.headers["Content-Disposition"] == f'inline; filename="{slug}.case.json"'
    assert response.data == pakketten[profiel]


def test_web_route_unknown_profile_is_a_404_json_error(client):
    response = client.get("/case/timmerman.json")
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert response.get_json()["soort"] == "niet-gevonden"
    assert "timmerman" in response.get_json()["fout"]


def zonder_uitgever(g, bron):
    g.remove((bron, DCTERMS.publisher, None))
    g.remove((bron, DCTERMS.creator, None))


def twee_uitgevers(g, bron):
    g.add((bron, DCTERMS.publisher, URIRef(ID + "organisatie/fvb")))


@pytest.mark.parametrize("wijziging, melding", [(zonder_uitgever, "CASE vraagt een 'creator'"),
                                                (twee_uitgevers, "meer dan één uitgever")])
def test_source_without_one_maker_is_refused_naming_the_profile(shipped_graph, wijziging, melding):
    g = Graph()
    for triple in shipped_graph:
        g.add(triple)
    for bron in list(g.objects(PROFIELEN["stw"], DCTERMS.source)):
        wijziging(g, bron)
    profiel = {"iri": str(PROFIELEN["stw"]), "slug": "stw"}
    with pytest.raises(BeroepenError) as err:
        case.pakket(EmbeddedStore(g), profiel)
    assert str(PROFIELEN["stw"]) in str(err.value) and melding in str(err.value)


def test_part_with_two_parents_is_refused_naming_the_part(shipped_graph):
    g = Graph()
    for triple in shipped_graph:
        g.add(triple)
    indicator = URIRef(ID + "profiel/bcp-vaktherapeut/competentie/A/gedragskenmerk/1")
    g.add((URIRef(ID + "profiel/bcp-vaktherapeut/competentie/B"), BO.indicator, indicator))
    profiel = {"iri": str(PROFIELEN["vaktherapeut"]), "slug": "bcp-vaktherapeut"}
    with pytest.raises(BeroepenError) as err:
        case.pakket(EmbeddedStore(g), profiel)
    assert str(indicator) in str(err.value) and "ouder" in str(err.value)
