"""/sparql: the SPARQL 1.1 Protocol over the safe core in beroepen.sparql.endpoint.

Query by GET (or HEAD), by POST form and by POST application/sparql-query. Updates are
refused (403), so is anything the protocol does not allow (400, 405, 415). Without a query:
the service description (or, for a browser, the editor). Every query is parsed and checked
in a worker process (beroepen.sparql.workers), never in a web thread.
"""
import json
import threading

from flask import Blueprint, Response, current_app, redirect, render_template, request
from rdflib import Graph

from ..sparql import endpoint as core
from ..kennisgraaf.graaf import parse_turtle
from ..sparql.workers import QueryPool
from .pages import href, store

bp = Blueprint("sparql", __name__)
_lock = threading.Lock()


def setting(name, app=None):
    """A setting (DEFAULTS in beroepen.web say what each means)."""
    return (app or current_app).config[name]


def runner(app=None):
    """The app's query runner, started on first use: workers that gate and evaluate on the
    embedded graph, or workers that gate and a proxy to ENDPOINT."""
    app = app or current_app
    with _lock:
        if "beroepen.sparql" not in app.extensions:
            cfg = app.config
            named = cfg["SPARQL_NAMED_GRAPHS"] or {}
            graphs = {iri: (parse_turtle(path) if path else Graph()) for iri, path in named.items()}
            pool = QueryPool(None if cfg["ENDPOINT"] else app.extensions["beroepen.store"].graph,
                             graphs, cfg["SPARQL_WORKERS"], cfg["SPARQL_TIMEOUT"],
                             cfg["SPARQL_ROW_CAP"], memory_mb=cfg["SPARQL_WORKER_MEMORY_MB"],
                             per_client=setting("SPARQL_PER_CLIENT", app),
                             queue_wait=setting("SPARQL_QUEUE_WAIT", app))
            if cfg["ENDPOINT"]:
                pool = core.RemoteRunner(cfg["ENDPOINT"], pool, cfg["SPARQL_TIMEOUT"],
                                         cfg["SPARQL_ROW_CAP"], setting("SPARQL_PER_CLIENT", app),
                                         max_bytes=cfg["SPARQL_MAX_ANSWER_BYTES"])
            app.extensions["beroepen.sparql"] = pool
        return app.extensions["beroepen.sparql"]


def _error(message, status):
    return Response(message + "\n", status=status, mimetype="text/plain")


def _one(values, name):
    found = values.getlist(name)
    if len(found) > 1:
        raise core.QueryError(f"De parameter '{name}' mag maar één keer voorkomen.")
    return found[0] if found else None


def _protocol_request():
    """(query text or None, default graphs, named graphs) from the request, as the protocol says."""
    limit = current_app.config["SPARQL_MAX_QUERY_BYTES"]
    if (request.content_length or 0) > limit:
        raise core.QueryError(f"De query is groter dan {limit} bytes.", 413)
    if "update" in request.args or "update" in request.form:
        raise core.QueryError("Dit endpoint is alleen-lezen: SPARQL Update wordt niet uitgevoerd.", 403)
    default = request.args.getlist("default-graph-uri")
    named = request.args.getlist("named-graph-uri")
    if request.method in ("GET", "HEAD"):
        return _one(request.args, "query"), default, named
    mimetype = request.mimetype
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise core.QueryError(f"Alleen UTF-8 wordt aanvaard, niet '{charset}'.", 415)
    if mimetype == "application/sparql-update":
        raise core.QueryError("Dit endpoint is alleen-lezen: SPARQL Update wordt niet uitgevoerd.", 403)
    if mimetype == "application/x-www-form-urlencoded":
        default += request.form.getlist("default-graph-uri")
        named += request.form.getlist("named-graph-uri")
        if "query" in request.args:
            raise core.QueryError("Geef de query in de body of in de URL, niet in beide.")
        return _one(request.form, "query"), default, named
    if mimetype == "application/sparql-query":
        try:
            text = request.get_data().decode("utf-8")
        except UnicodeDecodeError:
            raise core.QueryError("De query is geen geldige UTF-8.", 415) from None
        return text, default, named
    raise core.QueryError("Stuur een query met GET, als formulier (application/x-www-form-"
                          "urlencoded) of als application/sparql-query.", 415)


@bp.route("/sparql", methods=["GET", "HEAD", "POST"])
@bp.route("/sparql/", methods=["GET", "HEAD", "POST"], endpoint="endpoint_slash")
def endpoint():
    try:
        text, default, named = _protocol_request()
        run = runner()
        if text is None:
            if request.method == "POST":
                raise core.QueryError("Er is geen query meegestuurd (parameter 'query').")
            return _service_description(run)
        if not text.strip():
            raise core.QueryError("De query is leeg.")
        limit = current_app.config["SPARQL_MAX_QUERY_BYTES"]
        if len(text.encode("utf-8")) > limit:
            raise core.QueryError(f"De query is groter dan {limit} bytes.", 413)
        asked = core.QueryRequest(text, tuple(default), tuple(named), request.headers.get("Accept"),
                                  request.values.get("format"), _wants_html())
        checked, answer = run.run(asked, _client())
    except core.QueryError as err:
        return _error(err.message, err.status)
    if asked.browser:
        return _html(text, checked, answer)
    response = Response(answer.body, content_type=answer.content_type)
    response.headers["X-Beroepen-Truncated"] = "true" if answer.truncated else "false"
    response.headers["X-Beroepen-Row-Cap"] = str(current_app.config["SPARQL_ROW_CAP"])
    return response


def _client():
    """Who asks, for the per-client share: the connection's address, or behind
    SPARQL_TRUSTED_PROXIES proxies the address the nearest of them put in X-Forwarded-For
    (entries further left are the client's own word and are not trusted)."""
    hops = setting("SPARQL_TRUSTED_PROXIES")
    route = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
    route.append(request.remote_addr)
    return route[max(0, len(route) - 1 - hops)]


@bp.after_request
def _vary(response):
    """The answer depends on Accept (format, or the HTML page for a browser)."""
    response.headers.add("Vary", "Accept")
    if response.status_code == 429:
        response.headers["Retry-After"] = "5"
    return response


def _wants_html():
    """A browser asks for HTML; SPARQL clients (SPARQLWrapper, YASGUI, curl) never do."""
    return "text/html" in request.headers.get("Accept", "") and not request.values.get("format")


def _service_description(run):
    if _wants_html():
        return redirect(href("queries.editor"))
    graph = store().graph if hasattr(store(), "graph") else None
    fmt = core.negotiate("CONSTRUCT", request.headers.get("Accept"), request.args.get("format"))
    public = setting("PUBLIC_URL")
    answer = core.service_description(public.rstrip("/") + request.path if public else request.path,
                                      fmt, len(graph) if graph is not None else None, run.held)
    return Response(answer.body, content_type=answer.content_type)


def _html(text, checked, answer):
    data = {"query": text, "vorm": checked.form, "afgekapt": answer.truncated}
    if checked.form in core.GRAPH_FORMS:
        data["turtle"] = answer.body.decode("utf-8")
    else:
        result = json.loads(answer.body)
        if "boolean" in result:
            data["boolean"] = result["boolean"]
        else:
            data["kolommen"] = result["head"]["vars"]
            data["rijen"] = [[row.get(v, {}) for v in data["kolommen"]]
                             for row in result["results"]["bindings"]]
    return render_template("sparql.html", data=data)
