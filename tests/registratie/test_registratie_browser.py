"""The registratie report in headless Chromium under the app's own CSP: Enter in the text
filter filters and keeps the report, the downloads built by download.js equal the server's
.json and .csv twins, and no console error. (The user journeys are tests/web/test_journeys.py.)"""
import csv
import io
import json
import shutil
import threading

import pytest

from beroepen.web import create_app, pages

from registratie_hulp import FILES



@pytest.fixture(scope="module")
def server(shipped_graph):
    if not shutil.which("chromium"):
        pytest.skip("chromium not installed (Debian package chromium)")
    from waitress import create_server
    app = create_app({"GRAPH": shipped_graph})
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=2)   # a free loopback port
    threading.Thread(target=wsgi.run, daemon=True).start()
    yield app, f"http://127.0.0.1:{wsgi.effective_port}"
    wsgi.close()
    pages.close(app)


@pytest.mark.parametrize("width", [1280, 390])
def test_enter_filters_and_downloads_are_the_twins(server, browser, width, tmp_path):
    app, base = server
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "/registratie")
    page.set_input_files("#praktijk", str(FILES / "praktijk.csv"))
    page.set_input_files("#activiteiten", str(FILES / "activiteiten.csv"))
    page.get_by_role("button", name="Toon rapport").click()
    page.wait_for_selector("table.registratie-rapport")
    page.select_option("#filter-oordeel", "nee")
    page.fill("#filter-tekst", "bram")
    page.press("#filter-tekst", "Enter")
    shown = page.locator("table.registratie-rapport tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()
    assert shown == ["Bram Visser"] and page.locator("#rapport-data").count() == 1   # the report stayed
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    files = {}
    for soort in ("json", "csv", "html"):
        with page.expect_download() as download:
            page.click(f"button[data-download={soort}]")
        assert download.value.suggested_filename == f"herregistratie.{soort}"
        download.value.save_as(tmp_path / soort)
        files[soort] = (tmp_path / soort).read_text(encoding="utf-8")
    context.close()
    assert errors == []
    client = app.test_client()
    upload = lambda fmt: client.post(f"/registratie.{fmt}", content_type="multipart/form-data", data={
        "praktijk": (io.BytesIO((FILES / "praktijk.csv").read_bytes()), "praktijk.csv"),
        "activiteiten": (io.BytesIO((FILES / "activiteiten.csv").read_bytes()), "activiteiten.csv")})
    assert json.loads(files["json"]) == upload("json").get_json()
    assert list(csv.reader(io.StringIO(files["csv"]))) == list(csv.reader(io.StringIO(upload("csv").get_data(as_text=True))))
    assert files["html"].startswith("<!doctype html>") and "Bram Visser" in files["html"]
    assert "data-download" not in files["html"] and "<script" not in files["html"]
    assert files["html"].count('<tr data-voldoet=') == 9          # every row, not the filtered view
