"""The index's <li>s are escaped once per graph; each request still gets its own links."""
import re

from beroepen.web import create_app


def test_index_links_follow_each_requests_root_and_language(shipped_graph):
    client = create_app({"TESTING": True, "GRAPH": shipped_graph, "PAGE_CACHE": 0}).test_client()
    plain = client.get("/index").get_data(as_text=True)
    under_root = client.get("/index", environ_overrides={"SCRIPT_NAME": "/app"}).get_data(as_text=True)
    english = client.get("/index?lang=en").get_data(as_text=True)
    links = lambda html: [href for ul in re.findall(r'<ul class="index">(.*?)</ul>', html, re.S)
                          for href in re.findall(r'<a href="([^"]+)"', ul)]
    assert links(plain) and all(l.startswith("/id/") for l in links(plain))
    assert all(l.startswith("/app/id/") for l in links(under_root))
    assert all(l.startswith("/id/") and l.endswith("?lang=en") for l in links(english))
    assert len(links(under_root)) == len(links(english)) == len(links(plain)) > 100


def test_soort_links_are_what_url_for_builds(shipped_graph):
    """The home page's class links skip url_for per link; they must stay what it builds."""
    from flask import url_for
    from beroepen.web.pages import soort_href
    app = create_app({"TESTING": True, "GRAPH": shipped_graph, "PAGE_CACHE": 0})
    for query, extra in (("/", {}), ("/?lang=en", {"lang": "en"})):
        for root in ("", "/app"):
            with app.test_request_context(query, environ_overrides={"SCRIPT_NAME": root}):
                for klasse in ("https://w3id.org/beroepen/def#Beroep", "x#a b&c/é'!?=", "geen-hekje"):
                    assert soort_href(klasse) == url_for("home.index", soort=klasse.split("#")[-1], **extra)
