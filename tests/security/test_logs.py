"""Nothing about a dossier in any log line, at any level, even on errors (issue 9, items 7-8).

Every bad-input and crash path of the upload pages runs with the root logger at DEBUG; then the
captured log (messages, arguments, tracebacks) must hold no name or registration number of
the upload. A crash is forced by making the core raise with the dossier's name in its message.
"""
import io
import json
import logging

import pytest

from beroepen.web import create_app

from server_hulp import beroepen_serve, multipart

NAAM, NUMMER = "Anna de Wit", "STW-7301"
KOP = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
GOED = f"{KOP}{NUMMER},{NAAM},nvrg-stw,2020-01-01,2024-12-31,2,ja\n"
ACTIVITEITEN = ("registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"
                f"{NUMMER},nascholing,2021-03-15,10,NVRG,Cursus van {NAAM}\n")


def bestand(naam, tekst):
    return (naam, tekst)


def form(data):
    """A fresh test-client form: files (naam, tekst) as new streams, other fields as they are."""
    return {k: (io.BytesIO(v[1].encode()), v[0]) if isinstance(v, tuple) else v for k, v in data.items()}


def turtle_dossier(extra=""):
    return f"""@prefix bo: <https://w3id.org/beroepen/def#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<urn:beroepen:dossier:t/{NUMMER}> a bo:Herregistratiedossier ; rdfs:label "{NAAM}" ;
    bo:registratienummer "{NUMMER}" {extra} ."""


REGISTRATIE = {  # bad input of every kind the page answers 400 or 413 to
    "bad rows": {"praktijk": bestand("praktijk.csv", f"{KOP}{NUMMER},{NAAM},nvrg-stw,2020-13-01,x,y,misschien\n"),
                 "activiteiten": bestand("activiteiten.csv", ACTIVITEITEN.replace("nascholing", f"soort {NAAM}"))},
    "unknown register": {"register": f"register {NAAM}", "praktijk": bestand("praktijk.csv", GOED)},
    "bad peildatum": {"peildatum": f"{NAAM}", "praktijk": bestand("praktijk.csv", GOED)},
    "duplicate numbers": {"praktijk": bestand("praktijk.csv", GOED + GOED.split("\n", 1)[1])},
    "turtle with a bad literal": {"dossier": bestand("dossier.ttl", turtle_dossier(
        f'; rdfs:comment "{NAAM}"^^xsd:integer'))},
    "broken turtle": {"dossier": bestand("dossier.ttl", turtle_dossier(f'; rdfs:comment "{NAAM}'))},
    "json-ld with a bad IRI": {"dossier": bestand("dossier.jsonld", json.dumps(
        {"@id": f"urn:x {NAAM}", "http://www.w3.org/2000/01/rdf-schema#label": NAAM}))},
    "too large": {"praktijk": bestand("praktijk.csv", GOED + f"# {NAAM}\n" * 2000)},
}

CURRICULUM = {
    "unknown codes": f"module,omschrijving,studiebelasting,competenties,beroepstaken\n{NAAM},x,5,G,99\n",
    "bad study load": f"module,omschrijving,studiebelasting,competenties,beroepstaken\n{NAAM},x,{NAAM},A,1\n",
    "broken turtle": f'@prefix bo: <https://w3id.org/beroepen/def#> . <urn:m> a bo:Module ; bo:naam "{NAAM}',
    "too large": "module,omschrijving,studiebelasting,competenties,beroepstaken\n" + f"{NAAM},x,5,A,1\n" * 2000,
}


@pytest.fixture
def app():
    # Not TESTING: errors are handled (and logged) as in production, not raised into the test.
    return create_app({"REGISTRATIE_MAX_BYTES": 32 * 1024, "CURRICULUM_MAX_BYTES": 32 * 1024})


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("rdflib", "pyshacl", "werkzeug", "waitress", "beroepen"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def assert_nothing_personal(log):
    text = log.text + "".join(str(r.args) + str(r.exc_info) for r in log.records)
    for word in (NAAM, NUMMER, "Anna"):
        assert word not in text, text


@pytest.mark.parametrize("geval", sorted(REGISTRATIE))
@pytest.mark.parametrize("pagina", ["/registratie", "/registratie.json", "/registratie.csv"])
def test_bad_registration_uploads_log_nothing_personal(app, log, pagina, geval):
    response = app.test_client().post(pagina, data=form(REGISTRATIE[geval]), content_type="multipart/form-data")
    assert response.status_code in (400, 413, 500), response.status_code
    assert_nothing_personal(log)


@pytest.mark.parametrize("geval", sorted(CURRICULUM))
@pytest.mark.parametrize("pagina", ["/opleiding/curriculum", "/opleiding/curriculum.json"])
def test_bad_curriculum_uploads_log_nothing_personal(app, log, pagina, geval):
    naam = "curriculum.ttl" if "turtle" in geval else "curriculum.csv"
    response = app.test_client().post(pagina, data=form({"curriculum": bestand(naam, CURRICULUM[geval])}),
                                      content_type="multipart/form-data")
    assert response.status_code in (400, 413), response.status_code
    assert_nothing_personal(log)


def crash(*args, **kwargs):
    try:
        raise KeyError(NUMMER)
    except KeyError as err:
        raise ValueError(f"dossier {NUMMER} van {NAAM} voldoet half") from err


@pytest.mark.parametrize("pagina, kern, data", [
    ("/registratie", "beroepen.web.registratie.controleer", {"praktijk": bestand("praktijk.csv", GOED)}),
    ("/registratie.html", "beroepen.web.registratie.controleer", {"praktijk": bestand("praktijk.csv", GOED)}),
    ("/opleiding/curriculum", "beroepen.web.opleiding.core.toets",
     {"curriculum": bestand("c.csv", f"module,omschrijving,studiebelasting,competenties,beroepstaken\n{NAAM},x,5,A,1\n")}),
    ("/opleiding/curriculum.json", "beroepen.web.opleiding.core.toets",
     {"curriculum": bestand("c.csv", f"module,omschrijving,studiebelasting,competenties,beroepstaken\n{NAAM},x,5,A,1\n")}),
])
def test_a_crash_on_an_upload_logs_only_the_exception_type_and_path(app, log, monkeypatch, pagina, kern, data):
    monkeypatch.setattr(kern, crash)
    response = app.test_client().post(pagina, data=form(data), content_type="multipart/form-data")
    assert response.status_code == 500
    assert NAAM not in response.get_data(as_text=True)
    assert_nothing_personal(log)
    logged = [r.getMessage() for r in log.records if r.levelno >= logging.ERROR]
    assert any("ValueError" in m and pagina in m for m in logged), logged  # the crash is still logged


def test_a_crash_elsewhere_keeps_its_traceback(app, log, monkeypatch):
    # The guard is for upload requests only: other pages log what went wrong in full.
    monkeypatch.setattr("beroepen.web.registratie._keuzes", crash)
    assert app.test_client().get("/registratie").status_code == 500
    assert "voldoet half" in log.text


def test_the_server_log_holds_no_dossier_after_bad_uploads(tmp_path):
    # The same through a real `beroepen serve`: what waitress and Flask write to its stderr.
    import urllib.error
    import urllib.request
    with beroepen_serve(tmp_path) as server:
        for geval in sorted(REGISTRATIE):
            fields = {k: v for k, v in REGISTRATIE[geval].items() if not isinstance(v, tuple)}
            files = {k: (v[0], v[1].encode()) for k, v in REGISTRATIE[geval].items() if isinstance(v, tuple)}
            body, content_type = multipart(fields, files)
            request = urllib.request.Request(server.base + "/registratie", data=body,
                                             headers={"Content-Type": content_type})
            try:
                urllib.request.urlopen(request, timeout=60).close()
            except urllib.error.HTTPError as err:
                assert err.code in (400, 413, 500)
    text = server.log.read_text()
    for word in (NAAM, NUMMER):
        assert word not in text, text
