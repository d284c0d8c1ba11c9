"""/case/<profiel>.json on every store (embedded graph, Oxigraph server, Virtuoso): the same
bytes as the CASE export from the embedded graph, so no engine changes a package."""
import pytest

from beroepen.kennisgraaf.profielen import resolve_profiel
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.uitwisseling import case


@pytest.fixture(scope="module")
def verwacht(shipped_graph):
    store = EmbeddedStore(shipped_graph)
    return {naam: case.als_json(case.pakket(store, resolve_profiel(store, naam))).encode("utf-8")
            for naam in ("vaktherapeut", "stw")}


@pytest.mark.parametrize("naam", ["vaktherapeut", "stw"])
def test_case_package_is_the_same_on_every_store(client, verwacht, naam):
    response = client.get(f"/case/{naam}.json")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"] == "application/json"
    assert response.data == verwacht[naam]


def test_case_package_of_an_unknown_profile_is_404_on_every_store(client):
    response = client.get("/case/onbekend.json")
    assert response.status_code == 404
    assert response.get_json()["soort"] == "niet-gevonden"
