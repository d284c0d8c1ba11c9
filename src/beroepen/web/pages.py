"""What every page shares: the store, the language, `.json`/`.csv` twins, headers, errors,
and keeping uploads (dossiers) out of temporary files, caches and logs."""
import functools
import io
import logging
import threading
import traceback
from collections import OrderedDict

from urllib.parse import quote, quote_plus, urlencode

from markupsafe import Markup, escape

from flask import Request, Response, current_app, g, has_request_context, render_template, request, url_for

from .. import formats
from .taal import translator
from ..kennisgraaf.labels import id_path
from ..vocab import is_ontology_term
from ..errors import BeroepenError, InterneFout, NietBeschikbaar, NietGevonden
from ..kennisgraaf.store import EmbeddedStore, RemoteStore

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self' "
                                "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
                                "font-src 'self' data:; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

# Pages whose requests carry personal data (registration dossiers) or a user's own file.
UPLOAD_PATHS = ("/registratie", "/opleiding/curriculum")


def holds_upload():
    """Whether the current request may carry an upload (POST and the like to an upload page)."""
    return request.method not in ("GET", "HEAD", "OPTIONS") and request.path.startswith(UPLOAD_PATHS)


class MemoryRequest(Request):
    """Uploaded files are parsed into memory: werkzeug would spool parts over 500 KB to /tmp.
    The body itself is capped before it is read (serve.waitress_settings, the pages' caps)."""

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def init_app(app):
    endpoint = app.config["ENDPOINT"]
    if endpoint:
        store = RemoteStore(endpoint, timeout=app.config["STORE_TIMEOUT"])
    else:
        store = EmbeddedStore(app.config["GRAPH"])  # None: the shipped graph, no rdflib parse
    app.extensions["beroepen.store"] = store
    if not endpoint and app.config["PAGE_CACHE"]:
        app.extensions["beroepen.cache"] = PageCache(app.config["PAGE_CACHE"])
    app.request_class = MemoryRequest
    _install_log_guard()
    app.extensions["beroepen.uploads"] = threading.BoundedSemaphore(app.config["UPLOADS_AT_ONCE"])
    app.before_request(_upload_slot)
    app.teardown_request(_free_upload_slot)
    app.after_request(_headers)
    app.register_error_handler(BeroepenError, _bad_input)
    app.register_error_handler(404, _no_such_page)
    app.register_error_handler(500, _server_error)
    app.context_processor(lambda: {"href": href, "lang": lang(), "res": res_href, "item_html": item_html, "soort_href": soort_href,
                                   "is_ontology_term": is_ontology_term,
                                   "other_lang": other_lang_url, "t": translator(lang()), "lang_attr": lang_attr, "lang_of": lang_of,
                                   "view_functions": current_app.view_functions})


UPLOAD_PAGES = ("registratie.toets", "opleiding.curriculum")


def _upload_slot():
    """An upload check costs seconds of CPU and up to a GB of memory: at most UPLOADS_AT_ONCE
    run at once, the others get 503 at once instead of queueing up (and piling up memory)."""
    if request.method != "POST" or request.endpoint not in UPLOAD_PAGES:
        return None
    if not current_app.extensions["beroepen.uploads"].acquire(blocking=False):
        err = NietBeschikbaar("Er worden nu al genoeg bestanden gecontroleerd; probeer het over een minuut opnieuw.")
        response = fout_response(err, upload_fouten([err]))
        response = current_app.make_response(response)
        response.headers["Retry-After"] = "60"
        return response
    request.environ["beroepen.upload_slot"] = True
    return None


def _free_upload_slot(_exc=None):
    if request.environ.pop("beroepen.upload_slot", False):
        current_app.extensions["beroepen.uploads"].release()


def close(app):
    runner = app.extensions.pop("beroepen.sparql", None)
    if runner is not None and hasattr(runner, "close"):
        runner.close()


class PageCache:
    """What the core returned for a page, kept while the app runs (least recently used out).

    Only on the embedded graph: it does not change while the app serves it. A store behind
    ENDPOINT can be reloaded at any time, so its pages are always computed afresh.
    """

    def __init__(self, size):
        self.size, self.data, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, compute):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        value = compute()  # errors propagate and are not kept
        with self.lock:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


def cached(key, compute):
    """compute(), or its kept answer for `key` on the embedded graph."""
    cache = current_app.extensions.get("beroepen.cache")
    return compute() if cache is None else cache.get(key, compute)


def store():
    return current_app.extensions["beroepen.store"]


def lang():
    return "en" if request.args.get("lang") == "en" else "nl"


def href(endpoint, **values):
    """url_for that keeps ?lang=en."""
    if lang() == "en":
        values.setdefault("lang", "en")
    return url_for(endpoint, **values)


def other_lang_url():
    """This page in the other label language."""
    args = request.args.to_dict()
    if lang() == "en":
        args.pop("lang", None)
    else:
        args["lang"] = "en"
    if request.endpoint is None:  # an address no route answers (the 404 page)
        return request.script_root + quote(request.path, safe=PATH_SAFE) + (
            "?" + urlencode(args) if args else "")
    return url_for(request.endpoint, **dict(request.view_args or {}, **args))


# What werkzeug's path converter leaves unquoted (BaseConverter.to_url).
PATH_SAFE = "!$&'()*+,/:;=@"


def resource_link():
    """('/id/' under the app's root, '?lang=en' or ''), built once per request: a page links to
    hundreds of resources (the index to some 2,000), and url_for for each cost more than the
    page's queries."""
    link = g.get("beroepenresource_link")
    if link is None:
        link = g.beroepenresource_link = (url_for("resource.page", pad="x")[:-1],
                                           "?lang=en" if lang() == "en" else "")
    return link


@functools.lru_cache(maxsize=8192)
def quoted(path):
    """A resource path as werkzeug quotes it; the same paths come back on every page."""
    return quote(path, safe=PATH_SAFE)


def soort_href(klasse):
    """href('home.index', soort=<the class's local name>), with url_for once a request: the
    home page links to some 65 classes. The query is quoted as werkzeug's url_for does."""
    link = g.get("beroepen_index_link")
    if link is None:
        link = g.beroepen_index_link = (url_for("home.index"), "&lang=en" if lang() == "en" else "")
    soort = quote_plus(klasse.split("#")[-1], safe="!$'()*,/:;?@")
    return f"{link[0]}?soort={soort}{link[1]}"


def res_href(item, suffix=""):
    """Link for an item of a describe() dict: our own page for id/ IRIs, else the IRI itself."""
    if not isinstance(item, dict):
        item = {"iri": str(item), "pad": id_path(item)}
    if item.get("pad"):
        prefix, query = resource_link()
        return prefix + quoted(item["pad"] + suffix) + query
    iri = item.get("iri") or ""
    return iri if iri.startswith(("http://", "https://")) else "#"  # never javascript: or data:


def item_html(i):
    """One item of a describe() dict as _item.html's item macro wrote it: a link, or a value
    with its language. In Python: a profession page has ~140 of them, a comparison hundreds,
    and a Jinja macro call costs more than the query behind it. Content in another language
    than the page gets a lang attribute (screen readers switch voice)."""
    attr = lang_attr(content_lang(i))
    if "iri" in i:
        notatie = i.get("notatie")
        notatie = f'<span class="notatie">{escape(notatie)}</span> ' if notatie else ""
        return Markup(f'<a href="{escape(res_href(i))}"{attr}>{notatie}{escape(i.get("label", ""))}</a>')
    taal = i.get("taal")
    label = f' <span class="taal-label">({escape(taal)})</span>' if taal and taal != lang() else ""
    value = escape(i.get("waarde", ""))
    return Markup(f'<span{attr}>{value}</span>{label}' if attr else f'{value}{label}')


def content_lang(item):
    """The language of an item's label or value: its "taal" where describe knows it. Without
    one, a resource of ours (id/) is in Dutch, the language of this graph's sources; a term of
    our ontology is labelled in both languages, so in the page's; anything else (an ESCO
    concept, a value without a tag) is not known, and not marked."""
    if "taal" in item:
        return item["taal"]
    if item.get("pad"):
        return "nl"
    if "iri" in item and is_ontology_term(item["iri"]):
        return lang()
    return None


def lang_of(text):
    """lang_attr for a text from the graph: its language where it knows it (querying.Label),
    else Dutch, the language of this graph's sources."""
    return lang_attr(getattr(text, "taal", None) or "nl")


def lang_attr(taal):
    """' lang="nl"' for content in another language than the page, else ''."""
    return Markup(f' lang="{escape(taal)}"') if taal and taal != lang() else Markup("")


def respond(template, data, fmt=None, table=None, filename="tabel", **context):
    """The HTML page, or its `.json` twin (the same dict), or its `.csv` twin (`table`)."""
    if fmt == "json":
        return Response(formats.as_json(data), mimetype="application/json")
    if fmt == "csv" and table is not None:
        body = table() if callable(table) else formats.as_csv(*table)
        return Response(body, mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})
    if fmt:
        return not_found(f"onbekend formaat '.{fmt}'")
    return render_template(template, data=data, **context)


def not_found(message):
    return fout_response(NietGevonden(message))


def fout_response(err, context=None):
    """An error as every page answers it: the kind's HTTP status (errors.SOORTEN), as the
    .json twin {"fout", "soort", "plaats", …} or as the error page. `context` adds keys to
    the JSON (what a profile holds instead of a matrix; every bad row of an upload)."""
    if request.path.endswith(".json") or request.view_args and request.view_args.get("fmt") == "json":
        body = dict(err.as_dict(), **(context or {}))
        return Response(formats.as_json(body), status=err.status, mimetype="application/json")
    return render_template("fout.html", melding=str(err), status=err.status), err.status


def upload_fouten(errors, totaal=None):
    """The upload pages' list of bad rows beside the error: {"fouten": [{"bestand", "regel",
    "melding"}], "totaal"}; `errors` are BeroepenErrors or such dicts."""
    fouten = [e if isinstance(e, dict) else {"bestand": str(e.file or ""), "regel": e.line or 0,
                                             "melding": e.message} for e in errors]
    return {"fouten": fouten, "totaal": totaal or len(fouten)}


def _bad_input(err):
    return fout_response(err)


def _no_such_page(err):
    """An address no route answers: our own error page (or JSON), not werkzeug's bare HTML."""
    return fout_response(NietGevonden(f"geen pagina op dit adres: {request.path}"))


def _server_error(err):
    return fout_response(InterneFout("Er ging iets mis aan onze kant; probeer het later opnieuw."))


def _headers(response):
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if holds_upload():
        response.headers["Cache-Control"] = "no-store"  # reports with names: never kept by a cache
    return response


def _install_log_guard():
    """Every log record made while an upload request is handled, by any logger at any level
    (Flask's 500 log, rdflib's warnings about a literal, ...), says only its level, logger,
    exception type, where it was raised and the path: messages, arguments and tracebacks
    could quote the dossier. Installed once per process, as a log record factory, so it holds
    whatever handlers the operator configures."""
    base = logging.getLogRecordFactory()
    if getattr(base, "beroepen_guard", False):
        return

    def factory(*args, **kwargs):
        record = base(*args, **kwargs)
        if has_request_context() and holds_upload():
            _withhold(record)
        return record
    factory.beroepen_guard = True
    logging.setLogRecordFactory(factory)


def _withhold(record):
    exc = record.exc_info[1] if isinstance(record.exc_info, tuple) else None
    where = ""
    if exc is not None:
        frames = traceback.extract_tb(exc.__traceback__)
        where = f" {type(exc).__name__}" + (f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else "")
    record.msg = (f"{record.levelname} from {record.name} during {request.method} {request.path}:"
                  f"{where} (details withheld: the request may hold personal data)")
    record.args = ()
    record.exc_info = record.exc_text = record.stack_info = None
