"""The versions pages (issue 13): /versies/<profiel>, the diff page and its twins agree with
`beroepen diff`, bad versions are refused with 400, the profile page links it all; in the
browser: no axe violation, no overflow at 1280 and 390 px."""
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph

import browsing
from beroepen.cli import main

DIFF = "/versies/bcp-vaktherapeut/diff"


def cli(fmt):
    result = CliRunner().invoke(main, ["diff", "--profiel", "vaktherapeut", "--van", "2020", "--naar", "voorbeeld",
                                       "--format", fmt])
    assert result.exit_code == 1, result.output      # 1: there are differences
    return result.stdout


@pytest.fixture(scope="module")
def cli_json():
    return json.loads(cli("json"))


def test_the_diff_page_json_twin_is_the_cli_answer(client, cli_json):
    response = client.get(DIFF + ".json?van=2020&naar=voorbeeld")
    assert response.status_code == 200
    assert response.get_json() == cli_json


def test_the_diff_page_csv_twin_is_the_cli_csv(client):
    response = client.get(DIFF + ".csv?van=2020&naar=voorbeeld")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True) == cli("csv")


def test_the_diff_page_opens_on_the_graph_version_against_the_example(client):
    assert client.get(DIFF + ".json").get_json() == client.get(DIFF + ".json?van=2020&naar=voorbeeld").get_json()


def test_the_diff_page_shows_the_summary_first_then_every_change(client, cli_json):
    html = client.get(DIFF + "?van=2020&naar=voorbeeld").get_data(as_text=True)
    s = cli_json["samenvatting"]
    summary = f"{s['totaal']} verschillen: {s['toegevoegd']} toegevoegd, {s['verwijderd']} verwijderd, {s['gewijzigd']} gewijzigd."
    assert summary in html
    first_table = html.index('class="wijzigingen"')
    assert html.index(summary) < first_table
    for w in cli_json["wijzigingen"]:
        assert w["sleutel"].replace("×", "×") in html
        for side in ("van", "naar"):
            for sectie in (w[side] or {}).get("bronsectie", []):
                assert sectie in html
    assert "voorbeeld, verzonnen, geen bron" in html


@pytest.mark.parametrize("query, wanted", [
    ("?van=2019&naar=2020", "onbekende versie '2019' van profiel bcp-vaktherapeut; bekend: 2020, voorbeeld"),
    ("?van=2020&naar=../../../etc/passwd", "onbekende versie '../../../etc/passwd'"),
    ("?van=2020&naar=data/examples/bcp-vaktherapeut-voorbeeld.ttl", "onbekende versie"),   # never a path
    ("?van=" + "x" * 201, "een versienaam is hooguit 200 tekens"),
])
def test_a_version_the_graph_does_not_know_is_refused_with_400(client, query, wanted):
    response = client.get(DIFF + ".json" + query)
    assert response.status_code == 400
    assert wanted in response.get_json()["fout"]
    assert client.get(DIFF + query).status_code == 400


def test_an_unknown_profile_is_not_found(client):
    assert client.get("/versies/bestaat-niet").status_code == 404
    assert client.get("/versies/bestaat-niet/diff.json").status_code == 404


def test_the_versions_page_lists_the_graph_version_and_the_example_marked_as_such(client):
    data = client.get("/versies/vaktherapeut.json").get_json()
    [versie] = data["versies"]
    assert (versie["naam"], versie["vastgesteld"], versie["geldig"], versie["inhoud"]) == \
        ("2020", "2020-04", "start=2020-04;", True)
    [voorbeeld] = data["voorbeelden"]
    assert voorbeeld["voorbeeld"] and voorbeeld["herziet_naam"] == "2020"
    html = client.get("/versies/vaktherapeut").get_data(as_text=True)
    assert "Voorbeeld (verzonnen, geen bron)" in html and "vanaf 2020-04" in html
    rows = client.get("/versies/vaktherapeut.csv").get_data(as_text=True).splitlines()
    assert rows[0].startswith("naam,") and len(rows) == 3


def test_the_stw_profile_has_its_factsheet_version_without_a_validity(client):
    [versie] = client.get("/versies/stw.json").get_json()["versies"]
    assert (versie["naam"], versie["geldig"]) == ("2022", "")
    assert client.get("/versies/stw/diff.json").get_json()["samenvatting"]["totaal"] == 0


@pytest.mark.parametrize("pad", ["/id/profiel/bcp-vaktherapeut", "/id/beroep/vaktherapeut", "/id/beroep/systeemtherapeutisch-werker"])
def test_the_profile_and_profession_pages_link_versions_diff_and_downloads(client, pad):
    html = client.get(pad).get_data(as_text=True)
    assert 'class="versies-downloads"' in html
    for soort in ("versies", "diff", "release-ttl", "release-nt"):
        assert f'data-versies="{soort}"' in html
    slug = "stw" if "systeem" in pad else "bcp-vaktherapeut"
    assert f'href="/versies/{slug}/diff"' in html


def test_the_release_download_is_the_whole_graph(client, shipped_graph):
    response = client.get("/release/beroepen.nt")
    assert response.status_code == 200 and response.mimetype == "application/n-triples"
    assert len(Graph().parse(data=response.get_data(), format="nt")) == len(shipped_graph)
    assert client.get("/release/beroepen.xml").status_code == 400


def test_the_release_names_its_charset_once(client):
    """/release/beroepen.ttl answered 'text/turtle; charset=utf-8; charset=utf-8' (outside test)."""
    for fmt, soort in (("ttl", "text/turtle"), ("nt", "application/n-triples")):
        assert client.get(f"/release/beroepen.{fmt}").headers["Content-Type"] == f"{soort}; charset=utf-8"


WIDTHS = pytest.mark.parametrize("page", browsing.WIDTHS, indirect=True)


@WIDTHS
def test_the_versions_pages_have_no_axe_violations(page, live_server):
    browsing.require_chromium()
    axe = browsing.require_axe()
    found = []
    for path in ("/versies/bcp-vaktherapeut", DIFF, DIFF + "?van=2020&naar=voorbeeld&lang=en",
                 "/id/profiel/bcp-vaktherapeut"):
        assert page.goto(live_server + path).status == 200, path
        found += [f"{path}: {v['id']} {v['nodes'][:3]}" for v in browsing.axe_violations(page, axe)]
        page.watch.check(path)
    assert found == []
