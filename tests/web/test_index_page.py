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
