"""`beroepen load` into a real store, and `beroepen serve` (waitress) on both stores, over loopback."""
import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Namespace
from rdflib.namespace import SKOS

from beroepen.cli import main
from beroepen.vocab import ID

from support import STORES, free_port, store_endpoint, wait_for

BO = Namespace("https://w3id.org/beroepen/def#")
BEROEPEN = str(Path(sys.executable).with_name("beroepen"))


def count(base, graph=None):
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"})
    request = urllib.request.Request(f"{base}/query?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def test_load_puts_the_release_in_the_store(empty_oxigraph, shipped_graph, tmp_path):
    result = CliRunner().invoke(main, ["load", "--endpoint", empty_oxigraph + "/store"])
    assert result.exit_code == 0, result.output
    assert count(empty_oxigraph) == len(shipped_graph)
    again = CliRunner().invoke(main, ["load", "--endpoint", empty_oxigraph + "/store"])
    assert again.exit_code == 0 and count(empty_oxigraph) == len(shipped_graph)  # PUT replaces
    release = tmp_path / "beroepen.nt"
    release.write_bytes(shipped_graph.serialize(format="nt", encoding="utf-8"))
    added = CliRunner().invoke(main, ["load", "--endpoint", empty_oxigraph + "/store",
                                      "--bestand", str(release), "--graph", "urn:x-test:kopie",
                                      "--toevoegen"])
    assert added.exit_code == 0, added.output
    assert count(empty_oxigraph, "urn:x-test:kopie") == len(shipped_graph)
    assert count(empty_oxigraph) == len(shipped_graph)


def test_load_bad_input_exits_2_and_an_unreachable_store_4(tmp_path):
    unreachable = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(main, ["load", "--endpoint", unreachable])
    assert result.exit_code == 4 and "niet bereikbaar" in result.output
    wrong = tmp_path / "release.txt"
    wrong.write_text("x")
    result = CliRunner().invoke(main, ["load", "--endpoint", unreachable, "--bestand", str(wrong)])
    assert result.exit_code == 2 and "release.txt" in result.output


@pytest.mark.parametrize("mode", ["embedded", *STORES])
def test_serve_runs_every_page_over_http(mode, request, shipped_graph):
    port = free_port()
    command = [BEROEPEN, "serve", "--port", str(port), "--sparql-workers", "1"]
    if mode != "embedded":
        command += ["--endpoint", store_endpoint(request, mode)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(base + "/", 60), process.stderr.read1().decode() if process.poll() else "no answer"
        task = next(iter(sorted(shipped_graph.subjects(BO.relatieMetCompetentie, None))))
        with urllib.request.urlopen(f"{base}/id/{str(task)[len(ID):]}", timeout=10) as response:
            html = response.read().decode("utf-8")
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["Server"] == "beroepen"  # waitress, not the debug server
        assert next(str(l) for l in shipped_graph.objects(task, SKOS.prefLabel) if l.language == "nl").replace("'", "&#39;") in html
        query = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{base}/sparql?{query}", timeout=10) as response:
            assert json.load(response)["boolean"] is True
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_pages_say_503_when_the_store_is_gone():
    from beroepen.web import create_app
    app = create_app({"TESTING": True, "ENDPOINT": f"http://127.0.0.1:{free_port()}/query",
                      "STORE_TIMEOUT": 2})
    response = app.test_client().get("/index.json")
    assert response.status_code == 503 and "niet bereikbaar" in response.get_json()["fout"]
    assert app.test_client().get("/").status_code == 503


@pytest.mark.parametrize("setting", ["REGISTRATIE_MAX_BYTES", "CURRICULUM_MAX_BYTES", "UPLOAD_MAX_BYTES",
                                     "SPARQL_MAX_QUERY_BYTES"])
def test_waitress_takes_every_upload_a_page_accepts_and_keeps_it_in_memory(setting):
    # waitress refuses a body at max_request_body_size before the page sees it, and spools one
    # over inbuf_overflow to /tmp: a raised upload cap must raise both.
    from beroepen.web.server import waitress_settings
    from beroepen.web import create_app
    app = create_app({"TESTING": True, setting: 64 * 2 ** 20})
    settings = waitress_settings(app.config)
    assert settings["max_request_body_size"] > 64 * 2 ** 20
    assert settings["inbuf_overflow"] > settings["max_request_body_size"]


def test_serve_stops_on_sigterm_with_connections_open():
    # Regression: waitress' event loop swallowed the exception SIGTERM raised and kept serving.
    # waitress ends its loop on KeyboardInterrupt (and so on SIGTERM): a clean stop, exit 0.
    import socket
    port = free_port()
    process = subprocess.Popen([BEROEPEN, "serve", "--port", str(port), "--sparql-workers", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/", 60)
        idle = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(5)]
        idle[0].sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        for sock in idle:
            sock.close()
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0 and "Traceback" not in stderr, stderr


@pytest.mark.parametrize("proxies, seen", [(0, ""), (1, "203.0.113.7")])
def test_x_forwarded_for_reaches_the_app_only_behind_trusted_proxies(proxies, seen):
    # Regression: waitress dropped X-Forwarded-For before the app saw it, so behind nginx
    # (SPARQL_TRUSTED_PROXIES = 1) every client was nginx's address and shared one share.
    import threading
    from waitress import create_server
    from beroepen.web.server import waitress_settings
    from beroepen.web import create_app

    def echo(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [environ.get("HTTP_X_FORWARDED_FOR", "").encode()]

    config = create_app({"TESTING": True, "SPARQL_TRUSTED_PROXIES": proxies}).config
    server = create_server(echo, host="127.0.0.1", port=0, **waitress_settings(config))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{server.effective_port}/",
                                         headers={"X-Forwarded-For": "203.0.113.7"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read().decode() == seen
    finally:
        server.close()
