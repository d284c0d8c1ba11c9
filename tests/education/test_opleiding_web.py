"""The education pages: the same dicts as the CLI, a diagram per profession, curriculum upload."""
import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.resources import resource_dir
from beroepen.web import create_app, pages

EXAMPLES = resource_dir("data") / "examples"


@pytest.fixture(scope="module")
def client(shipped_graph):
    app = create_app({"TESTING": True, "GRAPH": shipped_graph, "CURRICULUM_MAX_BYTES": 4096})
    yield app.test_client()
    pages.close(app)


def cli_json(*args):
    return json.loads(CliRunner().invoke(main, list(args) + ["--format", "json"]).stdout)


def upload(client, path, profiel, fmt=""):
    data = {"profiel": profiel, "curriculum": (io.BytesIO(path.read_bytes()), path.name)}
    return client.post(f"/opleiding/curriculum{fmt}", data=data, content_type="multipart/form-data")


def test_index_lists_every_profession_with_a_route(client):
    response = client.get("/opleiding.json")
    names = {b["naam"] for b in response.get_json()["beroepen"]}
    assert {"speltherapeut", "systeemtherapeutisch werker", "danstherapeut"} <= names
    page = client.get("/opleiding").get_data(as_text=True)
    assert 'href="/opleiding/route/speltherapeut"' in page


@pytest.mark.parametrize("beroep, vanaf", [("speltherapeut", None), ("systeemtherapeutisch-werker", "opleiding/havo"),
                                           ("speltherapeut", "opleiding/hbo-bachelor-social-work"),
                                           ("systeemtherapeutisch-werker", "kwalificatieniveau/nlqf-6")])
def test_route_json_twin_equals_the_cli(client, beroep, vanaf):
    url = f"/opleiding/route/{beroep}.json" + (f"?vanaf={vanaf}" if vanaf else "")
    args = ["route", "--naar", beroep] + (["--vanaf", vanaf] if vanaf else [])
    assert client.get(url).get_json() == cli_json(*args)


def professions(client):
    return [b["slug"] for b in client.get("/opleiding.json").get_json()["beroepen"]]


def ways_in(route):
    """A route's steps up to its programme (without the start): routes sharing them share a branch."""
    stappen = [s for s in route["stappen"] if s["stap"] != "vooropleiding"]
    return json.dumps(stappen[:[s["stap"] for s in stappen].index("opleiding")], sort_keys=True)


def diagram_parts(page):
    """(branches, programme items with their route number) of the page's one route diagram."""
    [kaart] = re.findall(r'<section class="routekaart".*?</section>', page, re.S)
    takken = re.findall(r'<li class="tak[ "]', kaart)
    routes = re.findall(r'<li class="route" data-zekerheid="(\w+)" data-route="(\d+)"', kaart)
    return kaart, takken, routes


@pytest.mark.parametrize("vanaf", [None, "opleiding/havo"])
def test_one_diagram_per_profession_with_the_ways_in_as_branches(client, vanaf):
    query = f"?vanaf={vanaf}" if vanaf else ""
    for beroep in professions(client):
        data = client.get(f"/opleiding/route/{beroep}.json{query}").get_json()
        page = client.get(f"/opleiding/route/{beroep}{query}").get_data(as_text=True)
        kaart, takken, routes = diagram_parts(page)
        assert page.count('class="routekaart"') == 1, beroep
        # every route once, as a programme of a branch; a branch per distinct way in, plus one per blocked rule
        assert sorted(int(n) for _, n in routes) == list(range(1, len(data["routes"]) + 1)), beroep
        assert [z for z, _ in sorted(routes, key=lambda r: int(r[1]))] == [r["zekerheid"] for r in data["routes"]]
        blocked = {json.dumps(g["blokkades"], sort_keys=True) for g in data["geblokkeerd"]}
        assert len(takken) == len({ways_in(r) for r in data["routes"]}) + len(blocked), beroep
        programmes = re.findall(r'<div class="stap opleiding"><span class="soort">[^<]*</span>\s*<a [^>]*>([^<]*)</a>', kaart)
        expected = [r["opleiding"]["naam"] for r in data["routes"]] + [g["opleiding"]["naam"] for g in data["geblokkeerd"]]
        assert sorted(programmes) == sorted(html.escape(n) for n in expected), beroep


def test_vaktherapeut_routes_are_three_ways_in_not_fourteen_diagrams(client):
    data = client.get("/opleiding/route/vaktherapeut.json").get_json()
    page = client.get("/opleiding/route/vaktherapeut").get_data(as_text=True)
    kaart, takken, routes = diagram_parts(page)
    assert len(data["routes"]) == len(routes) == 14
    assert len(takken) == 3   # bachelors (NLQF 4 rule), the wo-bachelor (no rule known), masters (derived rule)
    # the register step is drawn once per distinct chain after the programmes, not once per route
    assert 1 <= kaart.count('class="stap registratie"') < len(routes)
    assert "Register Vaktherapie" in kaart and "NVAO" in kaart
    # what all programmes of a way in share (NVAO accreditation, source, certainty) is said once for it
    assert 1 <= kaart.count("geaccrediteerd door") < len(routes)


@pytest.mark.parametrize("beroep, tekst", [("beeldend-therapeut", "1 haalbare route."),
                                            ("vaktherapeut", "14 haalbare routes, waarvan 1 met onbekende stappen."),
                                            ("systeemtherapeut", "0 haalbare routes.")])
def test_route_counts_use_dutch_plurals(client, beroep, tekst):
    data = client.get(f"/opleiding/route/{beroep}.json").get_json()
    page = client.get(f"/opleiding/route/{beroep}").get_data(as_text=True)
    assert f'<p class="route-telling">{tekst}</p>' in page
    assert int(tekst.split()[0]) == len(data["routes"])
    assert "route(s)" not in page and "opleiding(en)" not in page


def test_route_page_in_english_names_the_programme_in_english(client):
    """Its English name from data/opleidingen-vaktherapie.en.ttl, unmarked; a name without
    English is marked lang="nl" (tests/web/test_engelse_paginas.py)."""
    from markupsafe import escape
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS
    twin = Graph().parse(Path(__file__).resolve().parents[2] / "data" / "opleidingen-vaktherapie.en.ttl")
    naam = twin.value(URIRef("https://w3id.org/beroepen/id/opleiding/master-speltherapie"), SKOS.prefLabel)
    page = client.get("/opleiding/route/speltherapeut?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "1 feasible route." in page
    assert f'<a href="/id/opleiding/master-speltherapie?lang=en">{escape(naam)}</a>' in page


def test_refused_diploma_shows_the_blocking_requirement(client):
    url = "/opleiding/route/systeemtherapeutisch-werker?vanaf=opleiding/hbo-bachelor-buiten-zorg-en-welzijn"
    page = client.get(url).get_data(as_text=True)
    assert 'class="stap geblokkeerd"' in page and "zorg- of welzijnssector" in page


def zekerheden(page):
    """The certainty labels the page shows per step and route, in page order."""
    return re.findall(r'class="zekerheid (bron|afgeleid|onbekend)"', page)


def test_route_from_social_work_bachelor_is_not_refused_on_the_web(client):
    url = "/opleiding/route/speltherapeut?vanaf=opleiding/hbo-bachelor-social-work"
    data = client.get(url.replace("speltherapeut?", "speltherapeut.json?")).get_json()
    page = client.get(url).get_data(as_text=True)
    assert data["haalbaar"] and not data["geblokkeerd"]
    assert 'class="stap geblokkeerd"' not in page and "Geblokkeerd" not in page
    [route] = data["routes"]
    assert page.count('<li class="route" data-zekerheid="onbekend"') == 1
    assert 'class="stap toelating onbekend"' in page
    assert 'class="onbekende-stappen"' in page and html.escape(route["onbekend"][0]["redenering"]) in page


def test_route_page_shows_the_certainty_of_every_step(client):
    data = client.get("/opleiding/route/systeemtherapeutisch-werker.json?vanaf=opleiding/havo").get_json()
    page = client.get("/opleiding/route/systeemtherapeutisch-werker?vanaf=opleiding/havo").get_data(as_text=True)
    [route] = data["routes"]
    shown = zekerheden(page.split('<section class="routekaart"', 1)[1])
    assert route["zekerheid"] == "afgeleid" and '<li class="route" data-zekerheid="afgeleid" data-route="1">' in page
    stappen = [s for s in route["stappen"] if s["stap"] != "vooropleiding"]   # the start is the user's own
    tussen = stap_of(route, "tussenstap")
    expected = [o["zekerheid"] for o in tussen["opleidingen"]] + [s["zekerheid"] for s in stappen]
    assert shown == expected


def stap_of(route, soort):
    return next(s for s in route["stappen"] if s["stap"] == soort)


def test_master_vaktherapie_is_only_a_broader_programme_on_the_speltherapeut_page(client):
    data = client.get("/opleiding/route/speltherapeut.json").get_json()
    page = client.get("/opleiding/route/speltherapeut").get_data(as_text=True)
    assert "Master vaktherapie" not in {r["opleiding"]["naam"] for r in data["routes"]}
    [breder] = [o for o in data["breder"] if o["naam"] == "Master vaktherapie"]
    routes_part, breder_part = page.split('<ul class="breder">')
    assert "Master vaktherapie</a>" not in routes_part.split("</form>", 1)[1]
    assert "Master vaktherapie</a>" in breder_part and html.escape(breder["redenering"]) in breder_part


def test_havo_to_wo_bachelor_is_not_invented_on_the_web(client):
    data = client.get("/opleiding/route/psychomotorisch-therapeut.json?vanaf=opleiding/havo").get_json()
    [route] = [r for r in data["routes"] if r["opleiding"]["naam"].startswith("Wo-bachelor")]
    assert stap_of(route, "toelating")["zekerheid"] == "onbekend"
    page = client.get("/opleiding/route/psychomotorisch-therapeut?vanaf=opleiding/havo").get_data(as_text=True)
    kaart, _, _ = diagram_parts(page)
    [tak] = [t for t in kaart.split('<li class="tak')[1:] if re.search(r'<li class="route"[^>]*><div class="stap opleiding">'
                                                                       r'<span class="soort">[^<]*</span>\s*<a [^>]*>Wo-bachelor', t)]
    assert '<li class="route" data-zekerheid="onbekend"' in tak and "de bronnen noemen geen toelatingseis" in tak
    assert "de bron noemt geen toelatingseisen" in page   # the reasoning, listed once and referred to


def test_sector_unknown_is_not_refused_on_the_web(client):
    response = client.get("/opleiding/route/systeemtherapeutisch-werker?vanaf=kwalificatieniveau/nlqf-6")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="stap geblokkeerd"' not in page
    assert 'class="stap toelating onbekend"' in page and "de bronnen noemen de sector van NLQF 6 niet" in page


def test_unknown_start_is_a_client_error_with_suggestions(client):
    response = client.get("/opleiding/route/speltherapeut.json?vanaf=hovo")
    assert response.status_code in (400, 404)
    assert "havo" in response.get_json()["fout"]


def test_form_redirects_to_the_route_page(client):
    response = client.get("/opleiding/route?naar=danstherapeut&vanaf=opleiding/vwo")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/opleiding/route/danstherapeut?vanaf=opleiding/vwo")


def test_curriculum_upload_shows_heatmaps_and_gaps(client):
    response = upload(client, EXAMPLES / "curriculum-vaktherapie.csv", "bcp-vaktherapeut")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count('class="heatmap"') == 2
    rapport = CliRunner().invoke(main, ["curriculum", str(EXAMPLES / "curriculum-vaktherapie.csv"), "--format", "json"])
    gaps = json.loads(rapport.stdout)["ongedekte_beroepstaken"]
    assert f"Ongedekte taken: <strong>{', '.join(map(str, gaps))}</strong>" in page


@pytest.mark.parametrize("fmt, mimetype", [(".json", "application/json"), (".csv", "text/csv"), (".html", "text/html")])
def test_curriculum_report_downloads(client, fmt, mimetype):
    response = upload(client, EXAMPLES / "curriculum-stw.csv", "stw", fmt)
    assert response.status_code == 200 and response.mimetype == mimetype
    assert "attachment" in response.headers["Content-Disposition"]
    if fmt == ".json":
        expected = json.loads(CliRunner().invoke(main, ["curriculum", "--profiel", "stw",
                                                        str(EXAMPLES / "curriculum-stw.csv"), "--format", "json"]).stdout)
        got = response.get_json()
        assert {k: v for k, v in got.items() if k != "bron"} == {k: v for k, v in expected.items() if k != "bron"}


def test_curriculum_with_unknown_codes_lists_every_one(client):
    path = Path(__file__).parent / "files" / "onbekende-codes.csv"
    response = upload(client, path, "bcp-vaktherapeut", ".json")
    assert response.status_code == 400
    body = response.get_json()
    assert body["soort"] == "foute-invoer" and body["totaal"] == 4
    assert len(body["fouten"]) == 4 and all(f["regel"] > 0 and f["melding"] for f in body["fouten"])


def test_curriculum_upload_over_the_limit_is_refused(client):
    data = {"profiel": "stw", "curriculum": (io.BytesIO(b"module\n" + b"x" * 5000), "groot.csv")}
    response = client.post("/opleiding/curriculum", data=data, content_type="multipart/form-data")
    assert response.status_code == 413


def test_turtle_curriculum_upload_gives_the_csv_report(client):
    files = Path(__file__).parent / "files"
    from_ttl = upload(client, files / "curriculum.ttl", "bcp-vaktherapeut", ".json").get_json()
    from_csv = upload(client, files / "deels-gedekt.csv", "bcp-vaktherapeut", ".json").get_json()
    assert from_ttl["ongedekte_competenties"] == from_csv["ongedekte_competenties"]
    assert from_ttl["ongedekte_beroepstaken"] == from_csv["ongedekte_beroepstaken"]


def test_broken_turtle_upload_names_file_and_line(client):
    data = {"profiel": "stw", "curriculum": (io.BytesIO(b"@prefix bo: <x> .\nbo:a bo:b ;;; .\n"), "kapot.ttl")}
    response = client.post("/opleiding/curriculum.json", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    body = response.get_json()
    [fout] = body["fouten"]
    assert fout["bestand"] == "kapot.ttl" and fout["regel"] == 2
    assert body["plaats"] == {"bestand": "kapot.ttl", "regel": 2}


def test_a_profession_no_programme_leads_to_is_unknown_on_the_web(client):
    data = client.get("/opleiding/route/systeemtherapeut.json?vanaf=havo").get_json()
    page = client.get("/opleiding/route/systeemtherapeut?vanaf=havo").get_data(as_text=True)
    assert data["haalbaar"] is None
    assert 'class="onbekend-beroep"' in page and html.escape(data["onbekend"]) in page


def test_a_route_answer_is_kept_on_the_embedded_graph_and_not_asked_again(shipped_graph):
    app = create_app({"TESTING": True, "GRAPH": shipped_graph, "PAGE_CACHE": 0})
    store = app.extensions["beroepen.store"]
    asked = []
    select = store.select
    store.select = lambda query, bindings=None: asked.append(query) or select(query, bindings)
    client = app.test_client()
    try:
        first = client.get("/opleiding/route/systeemtherapeutisch-werker.json?vanaf=havo")
        assert first.status_code == 200 and asked
        asked.clear()
        second = client.get("/opleiding/route/systeemtherapeutisch-werker.json?vanaf=havo")
        assert second.get_json() == first.get_json() and not asked
        assert client.get("/opleiding/route/systeemtherapeutisch-werker?vanaf=havo").status_code == 200
        assert not asked
        assert client.get("/opleiding/route/systeemtherapeutisch-werker.json?vanaf=onzin").status_code in (400, 404)
        asked.clear()   # an error is not kept: it is asked again
        client.get("/opleiding/route/systeemtherapeutisch-werker.json?vanaf=onzin")
        assert asked
    finally:
        pages.close(app)


def test_unknown_and_ambiguous_route_names_answer_by_their_kind(client):
    """The route pages answered every unknown name 400, as bad input; now by the error's kind."""
    unknown = client.get("/opleiding/route/bestaatniet.json")
    assert unknown.status_code == 404
    assert unknown.get_json()["soort"] == "niet-gevonden"
    assert "onbekend beroep 'bestaatniet'" in unknown.get_json()["fout"]


def test_curriculum_upload_errors_have_the_one_error_shape(client):
    data = {"profiel": "stw", "curriculum": (io.BytesIO(b""), "")}
    response = client.post("/opleiding/curriculum.json", data=data, content_type="multipart/form-data")
    body = response.get_json()
    assert response.status_code == 400
    assert set(body) == {"fout", "soort", "plaats", "fouten", "totaal"}
    assert body["fouten"] == [{"bestand": "", "regel": 0, "melding": body["fout"]}]


def script_json(page, ident):
    match = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', page, re.S)
    return json.loads(match.group(1))


def post(client, naam, data, profiel, fmt=""):
    form = {"profiel": profiel, "curriculum": (io.BytesIO(data), naam)}
    return client.post(f"/opleiding/curriculum{fmt}", data=form, content_type="multipart/form-data")


def test_unknown_column_is_a_warning_on_the_web(client):
    data = b"module;EC;competenties;beroepstaken\nA;5;1 A;1\n"
    page = post(client, "met-ec.csv", data, "bcp-vaktherapeut").get_data(as_text=True)
    body = post(client, "met-ec.csv", data, "bcp-vaktherapeut", ".json").get_json()
    [waarschuwing] = body["waarschuwingen"]
    assert waarschuwing["kolom"] == "ec" and waarschuwing["bestand"] == "met-ec.csv"
    [blok] = re.findall(r'<div class="waarschuwingen".*?</div>', page, re.S)
    assert f"met-ec.csv: {waarschuwing['melding']}" in html.unescape(blok)


@pytest.mark.parametrize("profiel", ["bcp-vaktherapeut", "stw"])
def test_template_download_parses_back_as_a_valid_upload(client, profiel):
    form = client.get(f"/opleiding/curriculum?profiel={profiel}").get_data(as_text=True)
    [link] = re.findall(rf'<a href="([^"]+)" download data-sjabloon="{profiel}">', form)
    sjabloon = client.get(link)
    assert sjabloon.status_code == 200 and sjabloon.mimetype == "text/csv"
    assert "attachment" in sjabloon.headers["Content-Disposition"]
    rapport = post(client, "sjabloon.csv", sjabloon.data, profiel, ".json")
    assert rapport.status_code == 200
    body = rapport.get_json()
    assert body["waarschuwingen"] == [] and [m["module"] for m in body["modules"]] == ["Voorbeeldmodule"]
    assert body["modules"][0]["beroepstaken"]


def test_form_links_the_shipped_examples_as_they_are(client):
    form = client.get("/opleiding/curriculum").get_data(as_text=True)
    links = dict((slug, url) for url, slug in re.findall(r'<a href="([^"]+)" download data-voorbeeld="([^"]+)">', form))
    assert set(links) == {"bcp-vaktherapeut", "stw"}
    assert client.get(links["stw"]).data == (EXAMPLES / "curriculum-stw.csv").read_bytes()
    assert client.get("/opleiding/curriculum/voorbeeld-bestaatniet.csv").status_code == 404


def test_form_lists_the_valid_codes_of_every_profile_with_labels(client):
    uitleg = client.get("/opleiding/curriculum.json").get_json()
    page = client.get("/opleiding/curriculum?profiel=stw").get_data(as_text=True)
    assert '<details id="codes-stw" data-profiel="stw" open>' in page
    assert '<details id="codes-bcp-vaktherapeut" data-profiel="bcp-vaktherapeut">' in page
    for profiel in uitleg["profielen"]:
        section = page.split(f'<details id="codes-{profiel["slug"]}"')[1].split("</details>")[0]
        for c in profiel["competenties"]:
            assert f'<tr><td>{c["code"]}</td><td><a href="' in section and f'>{html.escape(c["naam"])}</a>' in section
        for taak in profiel["taken"]:
            assert f'<tr><td>{taak["nummer"]}</td>' in section and f'>{html.escape(taak["naam"])}</a>' in section
    [stw] = [p for p in uitleg["profielen"] if p["slug"] == "stw"]
    assert stw["competenties"] == [] and "kerntaken" in stw["taakkolommen"]
    assert uitleg["kolommen"] == ["module", "omschrijving", "studiebelasting", "competenties", "beroepstaken"]


def test_report_page_holds_the_json_and_the_download_buttons(client):
    path = EXAMPLES / "curriculum-vaktherapie.csv"
    response = upload(client, path, "bcp-vaktherapeut")
    page = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store" or "no-store" in response.headers.get("Cache-Control", "")
    assert script_json(page, "rapport-data") == upload(client, path, "bcp-vaktherapeut", ".json").get_json()
    server_csv = list(csv.reader(io.StringIO(upload(client, path, "bcp-vaktherapeut", ".csv").get_data(as_text=True))))
    assert script_json(page, "rapport-csv") == server_csv
    buttons = re.findall(r'<button type="button" data-download="(\w+)" data-bestand="curriculumdekking">', page)
    assert buttons == ["json", "csv", "html"]
    assert '<script src="/static/download.js"></script>' in page
    # no inline script: only the JSON blocks and scripts from /static
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all('type="application/json"' in s or 'src="/static/' in s for s in scripts), scripts
    assert " on" not in " ".join(re.findall(r"<[a-z]+ [^>]*\bon[a-z]+=", page))


def test_a_module_named_like_a_closing_script_tag_stays_inside_the_json(client):
    naam = "</script><script>alert(1)</script>"
    data = f'module,competenties,beroepstaken\n"{naam}",1,1\n'.encode()
    page = post(client, "kwaad.csv", data, "bcp-vaktherapeut").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert [m["module"] for m in script_json(page, "rapport-data")["modules"]] == [naam]
    assert script_json(page, "rapport-csv")[1][4].startswith(naam)


def test_report_tables_sit_in_focusable_scroll_containers(client):
    page = upload(client, EXAMPLES / "curriculum-vaktherapie.csv", "bcp-vaktherapeut").get_data(as_text=True)
    rapport = page.split('<section class="curriculum"', 1)[1].split("</section>", 1)[0]
    tables = rapport.count("<table")
    wraps = re.findall(r'<div class="tabel-wrap" tabindex="0" role="region" aria-labelledby="([\w-]+)">\s*<table', rapport)
    assert tables == len(wraps) == 4
    assert all(f'id="{ident}"' in rapport for ident in wraps)


def _engelse_naam(iri):
    """The English skos:prefLabel of `iri` in data/*.en.ttl."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS
    for path in sorted((Path(__file__).resolve().parents[2] / "data").glob("*.en.ttl")):
        for naam in Graph().parse(path).objects(URIRef(iri), SKOS.prefLabel):
            return html.escape(str(naam), quote=True).replace("&#x27;", "&#39;")
    pytest.fail(f"no English name for {iri}")


def test_curriculum_pages_in_english_name_the_profile_in_english(client):
    """The English names come from the .en.ttl twins; a Dutch fallback is marked lang="nl"
    (tests/web/test_engelse_paginas.py)."""
    stw = _engelse_naam("https://w3id.org/beroepen/id/profiel/stw")
    form = client.get("/opleiding/curriculum?lang=en").get_data(as_text=True)
    assert "Check a curriculum against a profile" in form and "Valid codes per profile" in form
    assert f'<option value="stw">{stw}</option>' in form
    response = client.post("/opleiding/curriculum?lang=en", data={
        "profiel": "stw", "curriculum": (io.BytesIO((EXAMPLES / "curriculum-stw.csv").read_bytes()), "stw.csv")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Curriculum coverage:" in page and "Per task" in page and "linked competences without a module" in page
    assert f'<span>{stw}</span>' in page
