"""Threat: a JSON-LD dossier that makes the server fetch a URL or read a file (SSRF, issue 9 item 2).

A listener on 127.0.0.1 counts every connection; a FIFO stands in for a local file (opening it
for reading would block, so a parser that tries to read it hangs until the test's timeout).
Each hostile document is refused through the CLI and the web with no connection made; the
sandbox's layers are then tested one at a time with the outer ones switched off; and a
control run shows that rdflib on its own does connect, so the listener would see it.
"""
import io
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from beroepen.invoer import rdf as rdf_sandbox
from support import loopback_listener
from beroepen.cli import main


def documents(url):
    """Every place a JSON-LD context can name a document, each in a valid-looking dossier."""
    node = {"@id": "urn:x", "urn:p": 1}
    return {
        "nested list": {"@context": [[url], {"p": "urn:p"}], **node},
        "string": {"@context": url, **node},
        "deep list": [{"@context": [[[url]]], **node}],
        "@import": {"@context": {"@import": url}, **node},
        "scoped term context": {"@context": {"t": {"@id": "urn:t", "@context": url}}, "t": {"urn:q": 1}, **node},
        "node in @graph": {"@graph": [{"@context": [None, url], **node}]},
        "type-scoped": {"@context": {"T": {"@id": "urn:T", "@context": [{"@version": 1.1}, url]}},
                        "@type": "T", **node},
    }


CASES = list(documents("URL"))


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "context.jsonld"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("case", CASES)
def test_json_ld_context_is_never_fetched_through_the_cli(tmp_path, case):
    with loopback_listener() as (url, seen):
        path = tmp_path / "dossier.jsonld"
        path.write_text(json.dumps(documents(f"{url}context.jsonld")[case]))
        result = CliRunner().invoke(main, ["herregistratie", str(path)])
    assert seen == []
    assert result.exit_code == 2 and "@context of @import moet in het bestand zelf staan" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("case", CASES)
def test_json_ld_context_is_never_fetched_through_the_web(shipped_graph, case):
    from beroepen.web import create_app
    client = create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()
    with loopback_listener() as (url, seen):
        document = json.dumps(documents(f"{url}context.jsonld")[case]).encode()
        response = client.post("/registratie.json", content_type="multipart/form-data",
                               data={"dossier": (io.BytesIO(document), "dossier.jsonld")})
    assert seen == []
    assert response.status_code == 400
    assert "@context of @import" in response.get_data(as_text=True)


@pytest.mark.parametrize("case", CASES)
def test_a_file_context_is_never_read(shipped_graph, fifo, case):
    from beroepen.web import create_app
    # Opening the FIFO would block the parser until UPLOAD_MAX_SECONDS: a 413, not this 400.
    client = create_app({"TESTING": True, "GRAPH": shipped_graph, "UPLOAD_MAX_SECONDS": 30}).test_client()
    document = json.dumps(documents(fifo.as_uri())[case]).encode()
    response = client.post("/registratie.json", content_type="multipart/form-data",
                           data={"dossier": (io.BytesIO(document), "dossier.jsonld")})
    assert response.status_code == 400 and "@context" in response.get_data(as_text=True)


def sandbox(data, *, walk=True, loader=True):
    """Run rdf_sandbox.main in a child, with its outer layers switched off as asked."""
    code = (f"import importlib.util, sys\n"
            f"spec = importlib.util.spec_from_file_location('rdf_sandbox', {rdf_sandbox.__file__!r})\n"
            f"m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
            + ("" if walk else "m.remote_contexts = lambda *a: []\n")
            + ("" if loader else "m._refuse_fetch = m.jsonld_context.Context._fetch_context\n")
            + "sys.exit(m.main(['rdf_sandbox', 'json-ld', '1000', '512']))\n")
    child = subprocess.run([sys.executable, "-I", "-c", code], input=data, capture_output=True, timeout=60)
    return json.loads(child.stdout.partition(b"\n")[0])


@pytest.mark.parametrize("walk,loader,refusal", [
    (True, True, "moet in het bestand zelf staan"),        # the document walk
    (False, True, "moet in het bestand zelf staan"),       # rdflib's context loader, replaced
    (False, False, "probeerde iets buiten zichzelf te bereiken"),   # the audit hook
])
def test_each_layer_alone_stops_the_fetch(fifo, walk, loader, refusal):
    with loopback_listener() as (url, seen):
        for url in (f"{url}context.jsonld", fifo.as_uri()):
            status = sandbox(json.dumps(documents(url)["nested list"]).encode(), walk=walk, loader=loader)
            assert refusal in status["fout"], status
    assert seen == []


def test_control_rdflib_alone_does_connect():
    """Without the sandbox rdflib fetches the nested-list context: the listener sees it."""
    with loopback_listener() as (url, seen):
        document = json.dumps(documents(f"{url}context.jsonld")["nested list"])
        code = ("import sys; from rdflib import Graph\n"
                "try: Graph().parse(data=sys.stdin.read(), format='json-ld')\n"
                "except Exception: pass\n")
        subprocess.run([sys.executable, "-c", code], input=document.encode(), capture_output=True, timeout=60)
    assert len(seen) >= 1
