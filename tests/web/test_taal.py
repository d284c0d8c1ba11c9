"""The interface under ?lang=en: every text a template or page module passes to t() has an
English translation in web/i18n/*.json, and t() gives it."""
import json
import re
from pathlib import Path

import pytest

from beroepen.web import create_app
from beroepen.web.taal import catalogue, t

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r"""\bt\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def texts_passed_to_t():
    files = list((ROOT / "web" / "templates").rglob("*.html"))
    files += [p for p in (ROOT / "src" / "beroepen" / "web").glob("*.py") if p.name != "taal.py"]
    found = {}
    for path in files:
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            found.setdefault(text.replace('\\"', '"').replace("\\'", "'"), path.name)
    return found


def test_every_interface_text_has_an_english_translation():
    missing = {text: where for text, where in texts_passed_to_t().items() if text not in catalogue()}
    assert not missing, f"zonder Engelse vertaling in web/i18n/*.json: {missing}"


def test_catalogue_files_are_flat_text_maps():
    for path in (ROOT / "web" / "i18n").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all(isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in data.items()), path.name


@pytest.mark.parametrize("query, expected", [("?lang=en", "en"), ("", "nl")])
def test_t_follows_the_page_language(query, expected):
    nl, en = "Zoek", catalogue()["Zoek"]
    app = create_app({"PAGE_CACHE": 0})
    with app.test_request_context("/" + query):
        assert t(nl) == (en if expected == "en" else nl)


def _texts_of(template):
    path = ROOT / "web" / "templates" / template
    return {m.group(1) if m.group(1) is not None else m.group(2)
            for m in LITERAL.finditer(path.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def embedded_client(shipped_graph):
    return create_app({"TESTING": True, "GRAPH": shipped_graph}).test_client()


def test_home_page_interface_is_english_under_lang_en(embedded_client):
    """Every interface text of the frame and the home page (on the shipped graph and on an
    empty one, which shows the texts for nothing found) appears in English, none in Dutch
    (where the two differ); <html lang> is the page's language."""
    from markupsafe import escape
    from rdflib import Graph
    empty = create_app({"TESTING": True, "GRAPH": Graph()}).test_client()
    pages = lambda query: "".join(c.get("/" + query).get_data(as_text=True) for c in (embedded_client, empty))
    english, dutch = pages("?lang=en"), pages("")
    assert '<html lang="en">' in english and '<html lang="nl">' in dutch
    texts = {nl for nl in _texts_of("base.html") | _texts_of("home.html") if "{" not in nl}
    changed = {nl: catalogue()[nl] for nl in texts if catalogue()[nl] != nl}
    assert len(changed) > 30
    for nl, en in changed.items():
        assert str(escape(en)) in english, en
        assert str(escape(nl)) in dutch, nl
        if nl not in en and len(nl) > 12:  # a short word can also be part of content
            assert str(escape(nl)) not in english, nl


def test_language_switch_names_the_other_language(embedded_client):
    switch = lambda html: re.search(r'<a class="taal" href="([^"]*)" lang="(\w+)"[^>]*>([^<]*)</a>', html).groups()
    assert switch(embedded_client.get("/matrix/bcp-vaktherapeut").get_data(as_text=True)) == (
        "/matrix/bcp-vaktherapeut?lang=en", "en", "English")
    assert switch(embedded_client.get("/matrix/bcp-vaktherapeut?lang=en").get_data(as_text=True)) == (
        "/matrix/bcp-vaktherapeut", "nl", "Nederlands")
