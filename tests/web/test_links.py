"""Links to resource pages are built without url_for per link (the index has ~2,000 of them):
they must be exactly what url_for builds, for every resource of the graph, in both languages."""
from flask import url_for

from beroepen.kennisgraaf.labels import id_path
from beroepen.web import pages


def test_resource_links_equal_url_for_for_every_resource(app, shipped_graph):
    paths = sorted({id_path(s) for s in shipped_graph.subjects() if id_path(s)})
    assert len(paths) > 500
    odd = ["a b", "ë/é", "x?y#z", "100%", "a'b(c)"]
    for query in ("", "?lang=en"):
        with app.test_request_context("/" + query):
            for pad in paths + odd:
                expected = url_for("resource.page", pad=pad, **({"lang": "en"} if query else {}))
                assert pages.res_href({"iri": "", "pad": pad}) == expected, pad
            assert pages.res_href({"pad": "beroep/x"}, ".ttl") == \
                url_for("resource.page", pad="beroep/x.ttl", **({"lang": "en"} if query else {}))


def test_links_outside_id_are_the_iri_or_nothing(app):
    with app.test_request_context("/"):
        assert pages.res_href({"iri": "https://example.org/x", "pad": None}) == "https://example.org/x"
        assert pages.res_href({"iri": "javascript:alert(1)", "pad": None}) == "#"
