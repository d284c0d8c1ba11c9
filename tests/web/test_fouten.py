"""Errors: one kind decides the exit code and the HTTP status (errors.SOORTEN), and every
.json twin answers an error in the one shape {"fout", "soort", "plaats"}."""
import pytest
from click.testing import CliRunner

from beroepen import errors
from beroepen.cli import main
from beroepen.errors import BeroepenError, NietEenduidig, NietGevonden, SOORTEN
from beroepen.kennisgraaf.opzoeken import resolve
from beroepen.kennisgraaf.profielen import resolve_profiel
from beroepen.kennisgraaf.store import EmbeddedStore

# (url, status, kind): a wrong request of each page family, answered by its .json twin
ERRORS = [
    ("/id/beroep/bestaat-niet.json", 404, errors.NIET_GEVONDEN),
    ("/id/beroep/be%00staat.json", 404, errors.NIET_GEVONDEN),
    ("/matrix/geen-profiel.json", 404, errors.NIET_GEVONDEN),
    ("/matrix/stw.json", 404, errors.NIET_GEVONDEN),
    ("/zoek.json?q=therapeut&pagina=nul", 400, errors.FOUTE_INVOER),
    ("/vergelijk.json?a=beroep/bestaat-niet&b=beroep/vaktherapeut", 404, errors.NIET_GEVONDEN),
    ("/vergelijk.json?a=3&b=beroep/vaktherapeut", 400, errors.NIET_EENDUIDIG),
    ("/queries/bestaat-niet.json", 404, errors.NIET_GEVONDEN),
    ("/queries/competenties-per-beroepstaak.json?nummer=drie", 400, errors.FOUTE_INVOER),
]


def assert_error_shape(body, kind):
    assert set(body) >= {"fout", "soort", "plaats"}, body
    assert isinstance(body["fout"], str) and body["fout"]
    assert body["soort"] == kind
    assert isinstance(body["plaats"], dict) and set(body["plaats"]) <= {"bestand", "regel", "node"}


@pytest.mark.parametrize("url,status,kind", ERRORS)
def test_every_json_twin_answers_an_error_in_one_shape(client, url, status, kind):
    response = client.get(url)
    assert response.status_code == status, (url, response.get_data(as_text=True))
    assert response.mimetype == "application/json"
    assert_error_shape(response.get_json(), kind)


@pytest.mark.parametrize("url,status,kind", ERRORS[:3])
def test_the_html_page_has_the_same_status(client, url, status, kind):
    response = client.get(url.replace(".json", "", 1))
    assert response.status_code == status and response.mimetype == "text/html"


def test_a_profile_without_matrix_says_what_it_holds_beside_the_error(client):
    body = client.get("/matrix/stw.json").get_json()
    assert_error_shape(body, errors.NIET_GEVONDEN)
    assert body["matrix"] is None and body["onderdelen"]


def test_a_bad_upload_row_is_named_in_the_error_shape(client):
    praktijk = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht\n" \
               "STW-1,Test,nvrg-stw,2019-01-01,2023-12-31,veel,ja\n"
    import io
    response = client.post("/registratie.json", data={
        "soort": "herregistratie", "register": "nvrg-stw",
        "praktijk": (io.BytesIO(praktijk.encode()), "praktijk.csv"),
        "activiteiten": (io.BytesIO(b"registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\n"),
                         "activiteiten.csv")}, content_type="multipart/form-data")
    assert response.status_code == 400, response.get_data(as_text=True)
    body = response.get_json()
    assert_error_shape(body, errors.FOUTE_INVOER)
    assert body["fouten"][0]["bestand"] == "praktijk.csv" and body["fouten"][0]["regel"] == 2


def test_a_store_that_is_gone_is_niet_beschikbaar_503(empty_oxigraph):
    from beroepen.web import create_app, pages
    from support import free_port
    app = create_app({"TESTING": True, "ENDPOINT": f"http://127.0.0.1:{free_port()}/query"})
    try:
        response = app.test_client().get("/home.json")
        assert response.status_code == 503
        assert_error_shape(response.get_json(), errors.NIET_BESCHIKBAAR)
    finally:
        pages.close(app)


def test_an_unknown_code_is_niet_gevonden_and_an_ambiguous_one_niet_eenduidig(shipped_graph):
    store = EmbeddedStore(shipped_graph)
    with pytest.raises(NietGevonden):
        resolve(store, "beroep/bestaat-niet")
    with pytest.raises(NietGevonden):
        resolve_profiel(store, "geen-profiel")
    with pytest.raises(NietEenduidig) as found:
        resolve(store, "3")
    assert "beroepstaak/3" in str(found.value)


def test_the_kind_decides_exit_code_and_status():
    assert (BeroepenError("x").exit_code, BeroepenError("x").status) == SOORTEN[errors.FOUTE_INVOER]
    for kind, (code, status) in SOORTEN.items():
        err = BeroepenError("x", soort=kind)
        assert (err.exit_code, err.status) == (code, status)
    assert SOORTEN[errors.FOUTE_INVOER][0] == 2          # the README's promise
    assert SOORTEN[errors.INTERN][0] == 3                # registration's 'engines disagree'
    with pytest.raises(ValueError):
        BeroepenError("x", soort="bestaat-niet")


def test_cli_exit_codes_follow_the_kind():
    run = lambda *args: CliRunner().invoke(main, list(args))
    unknown = run("show", "beroep/bestaat-niet")
    assert unknown.exit_code == 2 and "onbekende resource" in unknown.stderr
    ambiguous = run("show", "3")
    assert ambiguous.exit_code == 2 and "niet eenduidig" in ambiguous.stderr
    assert "Traceback" not in unknown.output + ambiguous.output


def test_an_upload_past_its_budget_is_te_groot_413_and_exit_2():
    from beroepen.invoer.limieten import LimitExceeded
    err = LimitExceeded("te veel rijen", "UPLOAD_MAX_ROWS", file="praktijk.csv")
    assert (err.soort, err.status, err.exit_code) == (errors.TE_GROOT, 413, 2)
    assert err.as_dict()["plaats"] == {"bestand": "praktijk.csv"}
