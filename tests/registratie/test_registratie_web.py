"""The registratie web page: upload, report with filters, downloads, limits, nothing kept."""
import csv
import io
import json
import tempfile

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.web import create_app

from registratie_hulp import FILES, generator


def upload(client, url="/registratie", praktijk="praktijk.csv", activiteiten="activiteiten.csv", **fields):
    data = dict(fields)
    if praktijk:
        data["praktijk"] = (io.BytesIO((FILES / praktijk).read_bytes()), praktijk)
    if activiteiten:
        data["activiteiten"] = (io.BytesIO((FILES / activiteiten).read_bytes()), activiteiten)
    return client.post(url, data=data, content_type="multipart/form-data")


def test_an_upload_gives_the_report_table_with_filters(client):
    response = upload(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('<tr data-voldoet="nee"') == 7 and page.count('<tr data-voldoet="ja"') == 2
    assert 'id="filter-eis"' in page and "Bram Visser" in page
    assert "<script>" not in page and "/static/registratie.js" in page    # CSP: no inline script


def test_the_json_download_is_the_cli_json(client):
    response = upload(client, "/registratie.json")
    cli = CliRunner().invoke(main, ["herregistratie", str(FILES / "praktijk.csv"), str(FILES / "activiteiten.csv"),
                                    "--format", "json"])
    strip = lambda data: [{k: v for k, v in u.items() if k != "invoer"} for u in data]
    assert response.headers["Content-Disposition"] == 'attachment; filename="herregistratie.json"'
    assert strip(json.loads(response.get_data(as_text=True))) == strip(json.loads(cli.stdout))


def test_csv_and_html_downloads(client):
    rows = list(csv.DictReader(io.StringIO(upload(client, "/registratie.csv").get_data(as_text=True))))
    assert len(rows) == 36
    html = upload(client, "/registratie.html").get_data(as_text=True)
    assert html.startswith("<!doctype html>") and 'id="filter-oordeel"' in html


def test_a_peildatum_and_registratie_from_the_form(client):
    response = upload(client, "/registratie.json", praktijk="registratie-praktijk.csv", activiteiten=None,
                      soort="registratie", register="nvrg-stw")
    assert [u["voldoet"] for u in json.loads(response.get_data(as_text=True))] == [True, False, False, False]
    peil = upload(client, "/registratie.json", peildatum="2023-06-30")
    punten = json.loads(peil.get_data(as_text=True))[1]["eisen"][0]
    assert punten["nog_nodig"] == 0.5


def test_a_turtle_dossier_upload(client):
    data = {"dossier": (io.BytesIO((FILES / "dossier-stw-0004.ttl").read_bytes()), "dossier-stw-0004.ttl")}
    response = client.post("/registratie.json", data=data, content_type="multipart/form-data")
    [u] = json.loads(response.get_data(as_text=True))
    assert (u["registratienummer"], u["voldoet"]) == ("STW-0004", False)


def test_bad_rows_are_all_listed_and_no_report_is_given(client):
    response = upload(client, praktijk="fout-praktijk.csv", activiteiten="fout-activiteiten.csv")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "17 fouten in de invoer" in page and "data-voldoet" not in page
    assert "congres" in page and "STW-9999" in page
    as_json = json.loads(upload(client, "/registratie.json", praktijk="fout-praktijk.csv",
                                activiteiten="fout-activiteiten.csv").get_data(as_text=True))
    assert as_json["totaal"] == 17 and {"bestand", "regel", "melding"} <= set(as_json["fouten"][0])


def test_uploads_above_the_limit_are_refused(shipped_graph):
    small = create_app({"TESTING": True, "GRAPH": shipped_graph, "REGISTRATIE_MAX_BYTES": 4096})
    response = upload(small.test_client())
    assert response.status_code == 413 and "groter dan" in response.get_data(as_text=True)


def test_nothing_is_written_to_disk_or_added_to_the_graph(client, app, monkeypatch, shipped_graph):
    def no_disk(*args, **kwargs):
        raise AssertionError("an upload went to a temporary file")
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "TemporaryFile", no_disk)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", no_disk)
    size = len(shipped_graph)
    praktijk, activiteiten = generator()(200)      # > 500 kB: werkzeug's default would spool it to disk
    assert len(activiteiten) > 500_000
    data = {"praktijk": (io.BytesIO(praktijk.encode()), "p.csv"),
            "activiteiten": (io.BytesIO(activiteiten.encode()), "a.csv")}
    response = client.post("/registratie.csv", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert len(shipped_graph) == size
    assert response.headers["Cache-Control"] == "no-store"


def test_the_filter_script_is_served(client):
    response = client.get("/static/registratie.js")
    assert response.mimetype == "text/javascript" and "filter-oordeel" in response.get_data(as_text=True)


def test_a_dossier_that_cannot_be_judged_is_handmatig_beoordelen_on_the_page(client):
    # Regression: Register Vaktherapie practitioners without deskundigheidsbevordering or
    # intercollegiale toetsing were shown as "voldoet".
    response = upload(client, praktijk="vaktherapie-praktijk.csv", activiteiten=None,
                      soort="registratie", register="register-vaktherapie")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count('<tr data-voldoet="handmatig"') == 1 and page.count('<tr data-voldoet="nee"') == 1
    assert '<td class="handmatig">handmatig beoordelen</td>' in page
    assert '<option value="handmatig">handmatig beoordelen</option>' in page
    assert '<strong class="handmatig">1</strong> handmatig te beoordelen' in page
    data = json.loads(upload(client, "/registratie.json", praktijk="vaktherapie-praktijk.csv", activiteiten=None,
                             soort="registratie", register="register-vaktherapie").get_data(as_text=True))
    assert [u["voldoet"] for u in data] == [None, False]


def test_engines_that_disagree_are_a_500_with_a_clear_message(client, monkeypatch):
    import beroepen.registratie as registratie
    echt = registratie.beoordeel

    def fout(dossier, regelboek):       # an evaluator bug: one number off
        uitslag = echt(dossier, regelboek)
        uitslag["eisen"][1]["behaald"] += 1
        return uitslag
    monkeypatch.setattr(registratie, "beoordeel", fout)
    for url in ("/registratie", "/registratie.json"):
        response = upload(client, url)
        text = response.get_data(as_text=True)
        assert response.status_code == 500
        assert "de regelevaluatie en pySHACL (de referentie) verschillen" in text
        assert "eis intervisie: behaald volgens de regels" in text and "Traceback" not in text
