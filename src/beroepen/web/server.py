"""Running the web front-end with a production WSGI server, and loading a SPARQL store.

`serve()` starts waitress (not Flask's debug server) on the embedded graph or, with an
endpoint, on a SPARQL 1.1 store. `upload()` puts the release into a store with the SPARQL 1.1
Graph Store HTTP Protocol: PUT replaces the graph, POST adds to it.
"""
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..errors import BeroepenError, NietBeschikbaar

MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json"}


def serve(host="127.0.0.1", port=8000, endpoint=None, threads=8, sparql_workers=None,
          sparql_timeout=None, row_cap=None):
    """Serve the app; an argument left None keeps the settings file's value (or the default)."""
    from waitress import serve as waitress_serve
    from . import create_app
    from .sparql import runner
    given = {"ENDPOINT": endpoint, "SPARQL_WORKERS": sparql_workers,
             "SPARQL_TIMEOUT": sparql_timeout, "SPARQL_ROW_CAP": row_cap}
    app = create_app({key: value for key, value in given.items() if value is not None})
    runner(app)  # start the query workers now, not on the first request
    if not app.config["ENDPOINT"]:  # pages on a store are not cached; a slow store must not hold the start
        warm(app)
    waitress_serve(app, host=host, port=port, threads=threads, ident="beroepen",
                   **waitress_settings(app.config))


FORM_OVERHEAD = 64 * 1024  # multipart boundaries, part headers and the small form fields


def largest_body(config):
    """The largest request body any page accepts: the biggest upload cap plus form overhead."""
    from . import opleiding, registratie
    caps = (config.get("REGISTRATIE_MAX_BYTES", registratie.MAX_BYTES),
            config.get("CURRICULUM_MAX_BYTES", opleiding.MAX_BYTES),
            config.get("UPLOAD_MAX_BYTES", 0), config["SPARQL_MAX_QUERY_BYTES"])
    return max(caps) + FORM_OVERHEAD


def waitress_settings(config):
    """waitress adjustments that keep dossiers in memory and bound what a client can hold.

    waitress spools request bodies over `inbuf_overflow` (512 KB) and responses over
    `outbuf_overflow` (1 MB) to unlinked files in /tmp, and buffers bodies up to 1 GB before its
    413. Here a body larger than any page accepts is refused from its Content-Length (or once a
    chunked body passes it) before it is buffered, and smaller bodies and all responses stay in
    memory: dossiers and reports never touch the disk. Idle connections are closed after
    CHANNEL_TIMEOUT seconds, and at most CONNECTION_LIMIT are served at once (poll(), not
    select(), so the limit may pass select's 1024 descriptors).
    """
    body = largest_body(config)
    timeout = config["CHANNEL_TIMEOUT"]
    return {"max_request_body_size": body, "inbuf_overflow": body + 1,
            "outbuf_overflow": sys.maxsize,  # never to disk; outbuf_high_watermark still paces output
            "connection_limit": config["CONNECTION_LIMIT"], "asyncore_use_poll": True,
            "channel_timeout": timeout, "cleanup_interval": max(1, min(30, timeout // 2)),
            # waitress drops X-Forwarded-For & co. unless told to keep them; behind a proxy
            # (SPARQL_TRUSTED_PROXIES) the app reads the proxy's entry itself.
            "clear_untrusted_proxy_headers": not config.get("SPARQL_TRUSTED_PROXIES")}


def warm(app):
    """Fill the page cache (embedded graph) with the pages everyone opens first."""
    client = app.test_client()
    home = client.get("/home.json").get_json() or {}
    for path in ["/", "/index"] + [f"/matrix/{p['slug']}" for p in home.get("profielen", [])]:
        client.get(path)


def release_bytes(path=None):
    """(bytes, media type) of a release file, or of the shipped graph as Turtle."""
    if path is None:
        from ..kennisgraaf.graaf import load_graph
        return load_graph().serialize(format="turtle", encoding="utf-8"), "text/turtle"
    path = Path(path)
    if path.suffix not in MEDIA_TYPES:
        raise BeroepenError(f"verwacht een releasebestand ({', '.join(MEDIA_TYPES)})", file=path)
    try:
        return path.read_bytes(), MEDIA_TYPES[path.suffix]
    except OSError as err:
        raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None


def upload(graph_store, data, media_type="text/turtle", graph=None, replace=True, timeout=60):
    """Send `data` to a Graph Store Protocol URL (Oxigraph: http://host:port/store), into the
    default graph or the named `graph`. Returns {"url", "methode", "status"}."""
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    url = f"{graph_store}{'&' if '?' in graph_store else '?'}{query}"
    method = "PUT" if replace else "POST"
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": media_type + "; charset=utf-8"
                                              if media_type != "application/ld+json" else media_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return {"url": url, "methode": method, "status": response.status}
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace")[:500]
        raise BeroepenError(f"de store weigert de upload ({err.code}): {detail}", node=url) from None
    except (urllib.error.URLError, OSError) as err:
        raise NietBeschikbaar(f"store niet bereikbaar: {err}", node=url) from None
