"""Data at rest: a dossier upload and its report never reach the disk of the server.

Against a real `beroepen serve` on 127.0.0.1, watching the server's open files in
/proc/PID/fd: waitress spooled request bodies over 512 KB and responses over 1 MB to unlinked
files in /tmp (issue 9, item 7), and buffered bodies up to 1 GB before its 413.
"""
import pytest

from server_hulp import beroepen_serve, multipart, open_temp_files, read_response

NAAM = "Anna de Wit"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with beroepen_serve(tmp_path_factory.mktemp("serve")) as server:
        yield server


def dossier_upload(regels=22):
    """A register of one practitioner whose activities hold 2 MB (22 rows) of text with her name:
    over waitress' 512 KB input spool, and a report page (2 MB) over its 1 MB output spool."""
    praktijk = ("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,"
                f"verklaring_tuchtrecht\nSTW-0001,{NAAM},nvrg-stw,2020-01-01,2024-12-31,2,ja\n").encode()
    regel = f'STW-0001,nascholing,2021-03-15,10,NVRG,"{(NAAM + " ") * 8000}"\n'.encode()
    activiteiten = b"registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n" + regel * regels
    return multipart({"soort": "herregistratie", "register": "nvrg-stw"},
                     {"praktijk": ("praktijk.csv", praktijk), "activiteiten": ("activiteiten.csv", activiteiten)})


def request_head(path, content_type, length):
    return (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {length}\r\nConnection: close\r\n\r\n").encode()


def test_a_2mb_dossier_upload_and_its_report_never_touch_tmp(server):
    body, content_type = dossier_upload()
    assert len(body) > 2_000_000
    seen = set()
    with server.connect(rcvbuf=16384) as sock:
        sock.sendall(request_head("/registratie", content_type, len(body)) + body[:-64])
        server.wait_until_read(sock)        # the server now holds 2 MB of an unfinished body
        seen |= server.temp_files()
        sock.sendall(body[-64:])
        response = b""
        while chunk := sock.recv(16384):    # read slowly: most of the report waits in the server
            response += chunk
            seen |= server.temp_files()
    assert response.startswith(b"HTTP/1.1 200"), response[:300]
    assert NAAM.encode() in response and len(response) > 2_000_000
    assert b"Cache-Control: no-store" in response.partition(b"\r\n\r\n")[0]
    assert seen == set()


def test_a_body_over_the_largest_upload_cap_is_refused_before_it_is_sent(server):
    # Regression: waitress read (and spooled to /tmp) bodies up to 1 GB, the page then said 413.
    rss = server.rss_kb()
    with server.connect() as sock:
        sock.sendall(request_head("/registratie", "multipart/form-data; boundary=x", 30 * 1024 * 1024))
        status, _, _ = read_response(sock)  # no body sent: the answer comes from the header alone
    assert status == 413
    assert server.rss_kb() - rss < 30 * 1024
    assert server.temp_files() == set()


@pytest.mark.parametrize("pagina, veld, kern", [
    ("/registratie", "praktijk", "beroepen.web.registratie.controleer"),
    ("/opleiding/curriculum", "curriculum", "beroepen.web.opleiding.core.toets"),
])
def test_an_upload_over_500kb_is_parsed_in_memory(pagina, veld, kern, monkeypatch):
    # Regression: Flask's request.files spooled file parts over 500 KB to /tmp.
    from beroepen.errors import BeroepenError
    from beroepen.web import create_app

    before = open_temp_files()  # pytest's own output capture lives there
    seen = []

    def core(*args, **kwargs):  # runs while the parsed upload is held by the request
        seen.extend(open_temp_files() - before)
        raise BeroepenError("gestopt door de test")

    monkeypatch.setattr(kern, core)
    upload = (f"module,omschrijving\nM1,{(NAAM + ' ') * 70000}\n").encode()
    body, content_type = multipart({}, {veld: ("bestand.csv", upload)})  # as bytes: the test client
    response = create_app({}).test_client().post(  # would spool a dict of files itself
        pagina, data=body, content_type=content_type)
    assert response.status_code == 400 and "gestopt door de test" in response.get_data(as_text=True)
    assert seen == []


@pytest.mark.parametrize("pagina, data", [
    ("/registratie", {"praktijk": ("praktijk.csv", "registratienummer,naam\nSTW-0001,Anna de Wit\n")}),
    ("/registratie", {"praktijk": ("praktijk.csv", (
        "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
        "STW-0001,Anna de Wit,nvrg-stw,2020-01-01,2024-12-31,2,ja\n"))}),
    ("/registratie.json", {"praktijk": ("praktijk.csv", "x" * 70000)}),
    ("/opleiding/curriculum", {"curriculum": ("c.csv", "module,competenties\nM1,A\n")}),
    ("/opleiding/curriculum.csv", {"curriculum": ("c.csv", "module,competenties\nM1,Z\n")}),
])
def test_every_answer_to_an_upload_says_no_store(pagina, data):
    # Regression: the HTML registration report (and every error page) could be kept by a cache.
    from beroepen.web import create_app
    body, content_type = multipart({}, {k: (v[0], v[1].encode()) for k, v in data.items()})
    app = create_app({"REGISTRATIE_MAX_BYTES": 64 * 1024})
    response = app.test_client().post(pagina, data=body, content_type=content_type)
    assert response.headers["Cache-Control"] == "no-store", (response.status_code, response.headers)
