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
