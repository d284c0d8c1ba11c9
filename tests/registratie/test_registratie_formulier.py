"""The registratie form teaches (issue 11): the Regeling choices are the rule data's
soort/scheme combinations, shown by label; the codes, columns and units beside the form come
from the rules; every example file is a valid upload that gets the verdicts the page states;
a column the scheme does not read is reported; the report page holds its JSON and CSV for
the in-browser downloads, safely escaped, with no inline script."""
import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from rdflib import Graph

from beroepen.cli import main
from beroepen.registratie import regels
from beroepen.web import create_app

from registratie_hulp import FILES
from test_registratie_regels_als_data import OWN_SCHEME


class Elementen(HTMLParser):
    """Every start tag as (tag, attrs), and the text inside each <script>."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.scripts, self._in = [], [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = dict(attrs)
            self.scripts.append([self._in, ""])

    def handle_data(self, data):
        if self._in is not None:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def keuzes(html):
    """The Regeling select's options: {value: label}."""
    return dict(re.findall(r'<option value="([^"]*/[^"]*)"[^>]*>([^<]*)</option>', html))


def post(client, url, bestanden, **fields):
    data = dict(fields)
    for veld, (naam, inhoud) in bestanden.items():
        data[veld] = (io.BytesIO(inhoud if isinstance(inhoud, bytes) else inhoud.encode()), naam)
    return client.post(url, data=data, content_type="multipart/form-data")


def test_the_regeling_choices_are_the_rule_datas_combinations(client):
    choices = keuzes(client.get("/registratie").get_data(as_text=True))
    boek = regels.shipped()
    assert set(choices) == {f"{r.soort}/{r.code}" for r in boek.regelingen}
    assert "herregistratie/register-vaktherapie" not in choices     # no herregistratie rules for it
    for r in boek.regelingen:
        assert choices[f"{r.soort}/{r.code}"] == r.label              # labels, not raw codes


def test_a_registrys_own_scheme_is_offered_only_for_its_kind(shipped_graph):
    graph = Graph()
    graph += shipped_graph
    graph.parse(data=OWN_SCHEME, format="turtle")
    page = create_app({"TESTING": True, "GRAPH": graph}).test_client().get("/registratie").get_data(as_text=True)
    choices = keuzes(page)
    assert choices["herregistratie/eigen"] == "Eigen regeling van een register"
    assert "registratie/eigen" not in choices


def test_the_form_lists_codes_columns_and_units_from_the_rules(client):
    page = client.get("/registratie").get_data(as_text=True)
    boek = regels.shipped()
    for code, iri in boek.soorten.items():
        assert f"<code>{code}</code>" in page and boek.soortlabels[iri] in page
    for regeling in boek.regelingen:
        for kolom in regeling.kolommen():
            assert f"<code>{kolom}</code>" in page
        for eis in regeling.eisen:
            if eis.eenheid:
                assert eis.eenheid in page
    assert "<code>NVRG</code>" in page
    assert "de regeling rekent met 5 jaar" in page            # bo:periodeJaren of the STW herregistratie
    twin = client.get("/registratie.json").get_json()
    assert {k["waarde"] for k in twin["keuzes"]} == {f"{r.soort}/{r.code}" for r in boek.regelingen}


def test_every_example_file_is_a_valid_upload_with_the_stated_verdicts(client):
    twin = client.get("/registratie.json").get_json()
    page = client.get("/registratie").get_data(as_text=True)
    gezien = set()
    for r in twin["regelingen"]:
        basis = f"/registratie/voorbeeld/{r['soort']}/{r['code']}/"
        bestanden = {"praktijk": ("praktijk.csv", client.get(basis + "praktijk.csv").data)}
        if r["activiteiten"]:
            bestanden["activiteiten"] = ("activiteiten.csv", client.get(basis + "activiteiten.csv").data)
            assert f'href="{basis}activiteiten.csv"' in page
        else:
            assert client.get(basis + "activiteiten.csv").status_code == 404
        response = post(client, "/registratie.json", bestanden, regeling=f"{r['soort']}/{r['code']}")
        assert response.status_code == 200, response.get_data(as_text=True)
        uitslagen = response.get_json()
        verwacht = [(v["registratienummer"], v["voldoet"], set(v["niet_gehaald"])) for v in r["voorbeeld"]]
        assert [(u["registratienummer"], u["voldoet"], {e["eis"] for e in u["eisen"] if e["voldoet"] is False})
                for u in uitslagen] == verwacht
        gezien |= {v[1] for v in verwacht}
        dossier = client.get(basis + "dossier.ttl")
        assert dossier.headers["Content-Disposition"].endswith(f'{r["soort"]}-{r["code"]}-dossier.ttl"')
        [u] = post(client, "/registratie.json", {"dossier": ("dossier.ttl", dossier.data)},
                   regeling=f"{r['soort']}/{r['code']}").get_json()
        assert (u["registratienummer"], u["voldoet"]) == verwacht[0][:2]
    assert gezien == {True, False, None}       # the examples show each of the three verdicts


def test_the_examples_follow_a_changed_threshold(shipped_graph):
    graph = Graph()
    graph += shipped_graph
    graph.parse(data=OWN_SCHEME, format="turtle")
    client = create_app({"TESTING": True, "GRAPH": graph}).test_client()
    activiteiten = client.get("/registratie/voorbeeld/herregistratie/eigen/activiteiten.csv").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(activiteiten)))
    drempel = next(e for r in client.get("/registratie.json").get_json()["regelingen"] if r["code"] == "eigen"
                   for e in r["eisen"])["drempel"]
    assert sum(1 for row in rows if row["registratienummer"] == "VB-0001") == drempel


EXTRA = ("registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht,EC\n"
         "A-1,Anna,nvrg-stw,2020-01-01,2024-12-31,2,ja,5\n")
ACTIVITEITEN = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving\nA-1,intervisie,2021-01-01,,,x\n"


def test_an_unknown_column_is_a_warning_on_the_page(client):
    response = post(client, "/registratie", {"praktijk": ("mijn-praktijk.csv", EXTRA),
                                             "activiteiten": ("a.csv", ACTIVITEITEN)})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "data-voldoet" in page        # a warning, not an error
    assert re.search(r"<code>mijn-praktijk\.csv</code>: <span>kolom &#39;ec&#39; wordt niet gelezen", page)


def test_an_unknown_column_is_a_warning_in_the_cli(tmp_path):
    praktijk, activiteiten = tmp_path / "praktijk.csv", tmp_path / "activiteiten.csv"
    praktijk.write_text(EXTRA)
    activiteiten.write_text(ACTIVITEITEN.replace("omschrijving", "omschrijving,uren").replace(",x", ",x,3"))
    result = CliRunner().invoke(main, ["herregistratie", str(praktijk), str(activiteiten), "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)[0]["registratienummer"] == "A-1"
    assert f"let op: {praktijk}: kolom 'ec' wordt niet gelezen" in result.stderr
    assert f"let op: {activiteiten}: kolom 'uren' wordt niet gelezen" in result.stderr


def test_the_report_page_has_no_inline_script_and_holds_the_report(client):
    bestanden = {"praktijk": ("praktijk.csv", (FILES / "praktijk.csv").read_bytes()),
                 "activiteiten": ("activiteiten.csv", (FILES / "activiteiten.csv").read_bytes())}
    response = post(client, "/registratie", bestanden, regeling="herregistratie/nvrg-stw")
    assert response.headers["Cache-Control"] == "no-store"
    html = Elementen(response.get_data(as_text=True))
    for attrs, text in html.scripts:          # the CSP runs no inline script: each has a src or is data
        assert attrs.get("src") or (attrs.get("type") == "application/json" and text.strip())
        assert not any(name.startswith("on") for _, a in html.tags for name in a)
    data = {attrs["id"]: json.loads(text) for attrs, text in html.scripts if attrs.get("type") == "application/json"}
    assert data["rapport-data"] == post(client, "/registratie.json", bestanden).get_json()
    assert data["rapport-csv"] == list(csv.reader(io.StringIO(
        post(client, "/registratie.csv", bestanden).get_data(as_text=True))))
    knoppen = {a["data-download"]: a for tag, a in html.tags if tag == "button" and "data-download" in a}
    assert set(knoppen) == {"json", "csv", "html"} and all(a["type"] == "button" for a in knoppen.values())
    assert ("script", {"src": "/static/download.js"}) in html.tags


def test_a_hostile_name_cannot_end_the_report_json(client):
    naam = "</script><script>alert(1)</script><!-- 'x' & \"y\""
    praktijk = ("registratienummer,naam,register,vooropleiding_afgerond,erkende_opleiding_afgerond,dagdelen_per_week\n"
                f'H-1,"{naam.replace(chr(34), chr(34) * 2)}",nvrg-stw,ja,ja,2\n')
    response = post(client, "/registratie", {"praktijk": ("p.csv", praktijk)}, regeling="registratie/nvrg-stw")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = Elementen(page)
    blokken = {attrs["id"]: text for attrs, text in html.scripts if attrs.get("type") == "application/json"}
    assert set(blokken) == {"rapport-data", "rapport-csv"}      # the name opened no script of its own
    for text in blokken.values():
        assert "</" not in text and "<!--" not in text
    assert json.loads(blokken["rapport-data"])[0]["naam"] == naam
    assert json.loads(blokken["rapport-csv"])[1][1] == naam


def test_a_regeling_the_rules_do_not_define_is_refused(client):
    bestanden = {"praktijk": ("praktijk.csv", (FILES / "vaktherapie-praktijk.csv").read_bytes())}
    response = post(client, "/registratie.json", bestanden, regeling="herregistratie/register-vaktherapie")
    assert response.status_code == 400 and "data-voldoet" not in response.get_data(as_text=True)
    assert "onbekend register 'register-vaktherapie' voor herregistratie" in response.get_json()["fout"]
    page = post(client, "/registratie", bestanden, regeling="herregistratie/register-vaktherapie")
    assert page.status_code == 400 and "onbekend register" in page.get_data(as_text=True)


def test_the_report_names_its_scheme_by_label_linked_to_its_page(client):
    voorbeeld = "/registratie/voorbeeld/herregistratie/nvrg-stw/"
    praktijk = client.get(voorbeeld + "praktijk.csv").get_data()
    activiteiten = client.get(voorbeeld + "activiteiten.csv").get_data()
    page = client.post("/registratie", data={
        "regeling": "herregistratie/nvrg-stw", "peildatum": "2025-01-01",
        "praktijk": (io.BytesIO(praktijk), "praktijk.csv"),
        "activiteiten": (io.BytesIO(activiteiten), "activiteiten.csv")}).get_data(as_text=True)
    link = re.search(r'href="/id/regeling/nvrg-stw-herregistratie"[^>]*>([^<]+)</a>', page)
    assert link and "nvrg-stw" not in link.group(1)
    assert "<code>https://w3id.org/beroepen/id/regeling/" not in page
