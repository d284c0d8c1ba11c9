"""Regressions from the outside test of issue 10: errors that crashed or carried the wrong kind."""
import shutil
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.web import create_app

REG = Path(__file__).parent / "registratie" / "files"


@contextmanager
def junk_store(body=b"<html>geen RDF</html>", content_type="text/html"):
    """A 'SPARQL store' on 127.0.0.1 that answers 200 with a body that is no RDF."""
    class Junk(BaseHTTPRequestHandler):
        def _answer(self):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self._answer()

        do_GET = _answer

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Junk)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


def test_herregistratie_against_a_store_answering_junk_is_exit_4_not_a_traceback():
    # Was: rdflib's ParserError as a traceback and exit 1, which reads as "does not meet".
    with junk_store() as url:
        result = CliRunner().invoke(main, ["herregistratie", str(REG / "praktijk.csv"),
                                           str(REG / "activiteiten.csv"), "--endpoint", url])
    assert result.exit_code == 4, result.output
    assert "geen geldige N-Triples" in result.stderr and "Traceback" not in result.output


def test_registratie_page_against_a_store_answering_junk_is_502_niet_beschikbaar():
    with junk_store() as url:
        client = create_app({"TESTING": True, "ENDPOINT": url, "STORE_TIMEOUT": 10}).test_client()
        data = {"soort": "herregistratie",
                "praktijk": ((REG / "praktijk.csv").open("rb"), "praktijk.csv"),
                "activiteiten": ((REG / "activiteiten.csv").open("rb"), "activiteiten.csv")}
        response = client.post("/registratie.json", data=data, content_type="multipart/form-data")
    assert response.status_code == 502
    assert response.get_json()["soort"] == "niet-beschikbaar"


@pytest.mark.parametrize("code", ["beroep/%zz", "\udcff", "\ufffd"])
def test_a_code_that_is_no_iri_is_not_found_not_a_traceback(code):
    # Was: on Oxigraph "expected IRI parsing failed" / UnicodeEncodeError as a traceback.
    result = CliRunner().invoke(main, ["show", code])
    assert result.exit_code == 2 and "geen geldige IRI" in result.stderr


@pytest.mark.parametrize("url", ["/id/beroep/%25zz.json", "/id/%ff%fe.json",
                                 "/vergelijk.json?a=beroep/%25zz&b=beroep/vaktherapeut"])
def test_a_page_for_something_that_is_no_iri_is_404(url):
    client = create_app({"TESTING": True}).test_client()
    response = client.get(url)
    assert response.status_code == 404 and response.get_json()["soort"] == "niet-gevonden"


def test_upload_against_a_store_that_is_down_says_niet_beschikbaar():
    from support import free_port
    client = create_app({"TESTING": True, "ENDPOINT": f"http://127.0.0.1:{free_port()}/query",
                         "STORE_TIMEOUT": 5}).test_client()
    data = {"soort": "herregistratie",
            "praktijk": ((REG / "praktijk.csv").open("rb"), "praktijk.csv"),
            "activiteiten": ((REG / "activiteiten.csv").open("rb"), "activiteiten.csv")}
    response = client.post("/registratie.json", data=data, content_type="multipart/form-data")
    assert response.status_code == 503 and response.get_json()["soort"] == "niet-beschikbaar"
    examples = Path(__file__).parents[1] / "data" / "examples"
    data = {"profiel": "stw", "curriculum": ((examples / "curriculum-stw.csv").open("rb"), "c.csv")}
    response = client.post("/opleiding/curriculum.json", data=data, content_type="multipart/form-data")
    assert response.status_code == 503 and response.get_json()["soort"] == "niet-beschikbaar"


def test_curriculum_for_an_unknown_profile_is_404_niet_gevonden():
    client = create_app({"TESTING": True}).test_client()
    examples = Path(__file__).parents[1] / "data" / "examples"
    data = {"profiel": "bestaat-niet",
            "curriculum": ((examples / "curriculum-stw.csv").open("rb"), "c.csv")}
    response = client.post("/opleiding/curriculum.json", data=data, content_type="multipart/form-data")
    assert response.status_code == 404 and response.get_json()["soort"] == "niet-gevonden"


def test_report_onto_an_input_file_is_refused_and_the_input_kept(tmp_path):
    # Was: `herregistratie p.csv a.csv -o a.csv` replaced the activity export with the report.
    for name in ("praktijk.csv", "activiteiten.csv"):
        shutil.copy(REG / name, tmp_path / name)
    before = (tmp_path / "activiteiten.csv").read_bytes()
    result = CliRunner().invoke(main, ["herregistratie", str(tmp_path / "praktijk.csv"),
                                       str(tmp_path / "activiteiten.csv"),
                                       "-o", str(tmp_path / "activiteiten.csv")])
    assert result.exit_code == 2 and "invoerbestand" in result.stderr
    assert (tmp_path / "activiteiten.csv").read_bytes() == before
