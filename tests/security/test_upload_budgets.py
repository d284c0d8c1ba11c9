"""Threat: an upload that stalls the site or eats its memory (resource exhaustion, issue 9 item 4).

Every budget of uploads.UploadLimits is passed once, through the web (413 naming the setting)
and the CLI (exit 2, no traceback). Budgets are set small in the app's config so the tests are
cheap; what they pin is that reading stops at the budget, not how fast the machine is.
"""
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from beroepen.invoer import limieten as uploads
from beroepen.cli import main
from beroepen.registratie import Bestand, controleer

FILES = Path(__file__).resolve().parents[1] / "registratie" / "files"
PRAKTIJK = ("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n"
            "STW-1,Anna,nvrg-stw,2020-01-01,2024-12-31,2,ja\n")
KOP = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"


def activiteiten(n, nummer="STW-1"):
    return KOP + "".join(f"{nummer},nascholing,2021-03-{1 + i % 28:02d},1,NVRG,Module {i}\n" for i in range(n))


@pytest.fixture(scope="module")
def web(shipped_graph):
    from beroepen.web import create_app

    def client(**settings):
        return create_app({"TESTING": True, "GRAPH": shipped_graph, **settings}).test_client()
    return client


def post_csv(client, praktijk, acts):
    return client.post("/registratie.json", content_type="multipart/form-data", data={
        "praktijk": (io.BytesIO(praktijk.encode()), "praktijk.csv"),
        "activiteiten": (io.BytesIO(acts.encode()), "activiteiten.csv")})


def post_dossier(client, data, name="dossier.ttl"):
    return client.post("/registratie.json", content_type="multipart/form-data",
                       data={"dossier": (io.BytesIO(data), name)})


def melding(response):
    return json.loads(response.get_data(as_text=True))["fouten"][0]["melding"]


def test_538k_activity_rows_for_one_practitioner_stop_at_the_row_budget_not_after_ten_minutes(tmp_path):
    # Regression: a 19 MB activities file for one practitioner ran past 600 s at 8.6 GB, because
    # the auto engine ran pySHACL (~2 ms per activity) on the one huge dossier.
    (tmp_path / "p.csv").write_text(PRAKTIJK)
    (tmp_path / "a.csv").write_text(activiteiten(538_000))
    result = CliRunner().invoke(main, ["herregistratie", str(tmp_path / "p.csv"), str(tmp_path / "a.csv")])
    assert result.exit_code == 2, result.output
    assert f"regel {uploads.CLI.max_rows_per_dossier + 2}" in result.stderr
    assert "UPLOAD_MAX_ROWS_PER_DOSSIER" in result.stderr and "Traceback" not in result.output


def test_rows_per_practitioner_budget_on_the_web(web):
    response = post_csv(web(UPLOAD_MAX_ROWS_PER_DOSSIER=50), PRAKTIJK, activiteiten(51))
    assert response.status_code == 413 and "UPLOAD_MAX_ROWS_PER_DOSSIER" in melding(response)
    assert post_csv(web(UPLOAD_MAX_ROWS_PER_DOSSIER=50), PRAKTIJK, activiteiten(50)).status_code == 200


def test_rows_per_file_budget(web):
    praktijk = PRAKTIJK + "".join(f"STW-{i},B,nvrg-stw,2020-01-01,2024-12-31,2,ja\n" for i in range(2, 40))
    acts = KOP + "".join(activiteiten(3, f"STW-{i}")[len(KOP):] for i in range(1, 40))
    response = post_csv(web(UPLOAD_MAX_ROWS=100), praktijk, acts)     # 117 activity rows
    assert response.status_code == 413 and "meer dan 100 regels" in melding(response)


def test_bytes_per_file_budget(web):
    response = post_csv(web(UPLOAD_MAX_BYTES=2000), PRAKTIJK, activiteiten(100))
    assert response.status_code == 413 and "UPLOAD_MAX_BYTES" in melding(response)
    response = post_dossier(web(UPLOAD_MAX_BYTES=2000), (FILES / "dossier-stw-0004.ttl").read_bytes())
    assert response.status_code == 413


def test_triples_budget_stops_a_graph_dossier_before_pyshacl(web):
    # Regression: a 14 MB Turtle dossier took 170 s and 2.7 GB (pySHACL, ~0.3 ms per triple).
    data = (FILES / "dossier-stw-0004.ttl").read_bytes()       # 182 triples
    response = post_dossier(web(UPLOAD_MAX_TRIPLES=150), data)
    assert response.status_code == 413 and "meer dan 150 triples" in melding(response)
    assert post_dossier(web(UPLOAD_MAX_TRIPLES=200), data).status_code == 200


def test_a_huge_turtle_dossier_is_refused_at_the_default_triples_budget():
    body = "".join(f"d:a{i} a bo:Bewijsactiviteit ; bo:datum \"2021-05-10\"^^xsd:date .\n" for i in range(15_000))
    data = ((FILES / "dossier-stw-0004.ttl").read_text() + body).encode()
    with pytest.raises(uploads.LimitExceeded, match="UPLOAD_MAX_TRIPLES"):
        controleer("herregistratie", [Bestand("groot.ttl", data)], limits=uploads.WEB)


def test_time_budget_of_a_graph_dossier(web):
    response = post_dossier(web(UPLOAD_MAX_SECONDS=0.001), (FILES / "dossier-stw-0004.ttl").read_bytes())
    assert response.status_code == 413 and "UPLOAD_MAX_SECONDS" in melding(response)


def test_time_budget_of_a_csv_file(web):
    praktijk = PRAKTIJK + "".join(f"STW-{i},B,nvrg-stw,2020-01-01,2024-12-31,2,ja\n" for i in range(2, 5000))
    response = post_csv(web(UPLOAD_MAX_SECONDS=0), praktijk, KOP)
    assert response.status_code == 413 and "UPLOAD_MAX_SECONDS" in melding(response)


def test_memory_budget_of_a_graph_dossier(web):
    nodes = [{"@id": f"urn:x:{i}", "urn:p": [f"waarde {i} " * 5, i]} for i in range(20_000)]
    response = post_dossier(web(UPLOAD_MAX_MEMORY_MB=64, UPLOAD_MAX_TRIPLES=10 ** 6),
                            json.dumps(nodes).encode(), "dossier.jsonld")
    assert response.status_code == 413 and "UPLOAD_MAX_MEMORY_MB" in melding(response)


def test_a_deeply_nested_document_is_bad_input_not_a_crash(web):
    response = post_dossier(web(), b"[" * 200_000 + b"]" * 200_000, "dossier.jsonld")
    assert response.status_code == 400 and "te diep genest" in melding(response)


def test_a_file_larger_than_the_budget_is_refused_when_read_from_disk(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(activiteiten(100))
    klein = uploads.UploadLimits(**{**uploads.CLI.__dict__, "max_bytes": 1000})
    with pytest.raises(uploads.LimitExceeded, match="UPLOAD_MAX_BYTES"):
        Bestand.lees(path, klein)
    assert len(Bestand.lees(path).data) == path.stat().st_size


def test_every_budget_is_a_documented_web_setting():
    from beroepen.web import DEFAULTS
    assert {k: DEFAULTS[k] for k in uploads.SETTINGS} == uploads.web_defaults()
    assert uploads.from_config({"UPLOAD_MAX_TRIPLES": 7}).max_triples == 7


def post_curriculum(client, text, name="curriculum.csv"):
    return client.post("/opleiding/curriculum.json", content_type="multipart/form-data", data={
        "profiel": "bcp-vaktherapeut", "curriculum": (io.BytesIO(text.encode()), name)})


def curriculum_csv(n):
    return "module,omschrijving,studiebelasting,competenties,beroepstaken\n" + "".join(
        f"Module {i},,10,1;A,1\n" for i in range(n))


def test_a_curriculum_upload_past_its_module_budget_is_413_before_the_shacl_check(web):
    # Regression: a 2 MB curriculum (some 50,000 modules) was checked by pySHACL at ~5 ms a module.
    client = web(CURRICULUM_MAX_MODULES=20)
    refused = post_curriculum(client, curriculum_csv(21))
    assert refused.status_code == 413
    assert "CURRICULUM_MAX_MODULES" in refused.get_data(as_text=True)
    assert post_curriculum(client, curriculum_csv(20)).status_code == 200



def test_uploads_past_uploads_at_once_get_503_not_a_queue(web):
    # Regression (outside test): 8 heavy registers at once from one client took 2 minutes each
    # and 6.9 GB; checks beyond UPLOADS_AT_ONCE are now refused at once.
    client = web(UPLOADS_AT_ONCE=1)
    slots = client.application.extensions["beroepen.uploads"]
    assert post_csv(client, PRAKTIJK, activiteiten(3)).status_code == 200
    assert post_csv(client, PRAKTIJK, activiteiten(3)).status_code == 200   # the slot was given back
    slots.acquire()                                                          # a check still running
    try:
        busy = post_csv(client, PRAKTIJK, activiteiten(3))
        assert busy.status_code == 503 and busy.headers["Retry-After"]
        assert post_curriculum(client, curriculum_csv(2)).status_code == 503
        assert client.get("/registratie").status_code == 200                # the form still opens
    finally:
        slots.release()
    assert post_curriculum(client, curriculum_csv(2)).status_code == 200
