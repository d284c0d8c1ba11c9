"""The interface in the reader's language: `t("Zoek")` in a template (or in Python) is the
Dutch text itself, or its English translation under ?lang=en.

Translations live in web/i18n/*.json, one file per page family ({Dutch: English}); a text
without a translation stays Dutch and tests/web/test_taal.py names it. Content (labels and
definitions from the graph) is not translated here: it carries its own language tag.
"""
import functools
import json

from flask import has_request_context

from ..resources import resource_dir


@functools.lru_cache(maxsize=1)
def catalogue():
    """{Dutch text: English text} from every web/i18n/*.json, checked for clashes."""
    merged, origin = {}, {}
    for path in sorted((resource_dir("web") / "i18n").glob("*.json")):
        for nl, en in json.loads(path.read_text(encoding="utf-8")).items():
            if nl in merged and merged[nl] != en:
                raise ValueError(f"{path.name}: '{nl}' is ook vertaald in {origin[nl]} als '{merged[nl]}'")
            merged[nl], origin[nl] = en, path.name
    return merged


def translator(language):
    """t() for one language, the catalogue looked up once: a page calls it some 50 times."""
    names = catalogue() if language == "en" else {}

    def t_language(text, **values):
        text = names.get(text, text)
        return text.format(**values) if values else text
    return t_language


def t(text, **values):
    """`text` in the page's language, with {name} placeholders filled from `values`."""
    from .pages import lang
    return translator(lang() if has_request_context() else "nl")(text, **values)
