"""The web front-end: an app factory and one blueprint per page family; no logic here.

Pages call the same core functions as the CLI and every page has a `.json` twin with the
same dict (and `.csv` where the page is a table). Runs on the embedded graph, or on a SPARQL
1.1 store when ENDPOINT is set.
"""
import atexit

from flask import Flask

from .. import defaults
from ..invoer import limieten as uploads
from ..resources import resource_dir

DEFAULTS = {
    "ENDPOINT": None,            # SPARQL 1.1 query endpoint of a store; None: the embedded graph
    "STORE_TIMEOUT": 30,         # seconds for each page query on that store, the whole exchange
    "GRAPH": None,               # an rdflib Graph to serve instead of the shipped one (tests)
    "DEFAULT_PROFIEL": defaults.PROFIEL,  # the profile /matrix and the curriculum form open with
    "PAGE_CACHE": 512,           # page answers kept on the embedded graph (0: none)
    "SPARQL_TIMEOUT": 10.0,      # seconds a /sparql query may run before it is stopped (parsing
                                 # included); in store mode also the store's whole exchange
    "SPARQL_ROW_CAP": 10000,     # rows (or triples) a /sparql answer holds at most
    "SPARQL_MAX_QUERY_BYTES": 1_000_000,  # a larger POST body gets 413 before it is read
    "SPARQL_MAX_ANSWER_BYTES": 16_000_000,  # store mode: bytes of a store's answer read at most;
                                 # past it the answer is cut like at the row cap (truncated)
    "SPARQL_WORKERS": 2,         # worker processes that evaluate /sparql queries
    "SPARQL_WORKER_MEMORY_MB": 1024,  # address space a worker may use; a query past it is stopped
    "SPARQL_NAMED_GRAPHS": {},   # {graph IRI: Turtle/N-Triples file, or None: empty} that FROM and
                                 # *-graph-uri may name; any other graph IRI is refused (400)
    "SPARQL_PER_CLIENT": 1,      # /sparql queries one client may run at once; more get 429
    "SPARQL_QUEUE_WAIT": None,   # seconds a query waits for a free worker (None: SPARQL_TIMEOUT); then 503
    "SPARQL_TRUSTED_PROXIES": 0,  # reverse proxies in front (nginx: 1): the client is the address the
                                 # nearest one put in X-Forwarded-For; 0: the connection's address
    "PUBLIC_URL": None,          # e.g. "https://beroepen.example.org": the endpoint IRI in /sparql's
                                 # service description; None: the path only (never the Host header)
    # `beroepen serve` (waitress); see serve.waitress_settings. Request bodies are capped at the
    # largest upload cap (REGISTRATIE_MAX_BYTES, CURRICULUM_MAX_BYTES, SPARQL_MAX_QUERY_BYTES)
    # plus 64 KB and held in memory, so worst case CONNECTION_LIMIT × that cap of memory.
    "UPLOADS_AT_ONCE": 2,        # registration and curriculum checks run at once; more get 503
    "CURRICULUM_MAX_MODULES": 1000,  # modules an uploaded curriculum may hold (the SHACL check
                                 # takes about 5 ms per module); more get 413
    "CONNECTION_LIMIT": 200,     # connections served at once; more wait in the OS backlog
    "CHANNEL_TIMEOUT": 30,       # seconds an idle connection (no request running) stays open
}


DEFAULTS.update(uploads.web_defaults())   # UPLOAD_MAX_BYTES, _ROWS, _ROWS_PER_DOSSIER, _TRIPLES,
                                         # _SECONDS, _MEMORY_MB: budgets per uploaded file (uploads.WEB)


def create_app(test_config=None):
    web = resource_dir("web")
    app = Flask(__name__, template_folder=str(web / "templates"),
                static_folder=str(web / "static"), static_url_path="/static")
    app.config.from_mapping(DEFAULTS)
    app.config.from_envvar("BEROEPEN_WEB_SETTINGS", silent=True)
    if test_config:
        app.config.update(test_config)
    app.jinja_env.autoescape = True  # every template, whatever its name
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True

    from . import pages
    pages.init_app(app)
    from . import home, resource, matrix, vergelijk, queries, sparql, registratie, opleiding, versies, case, crosswalk, uitwisseling
    for module in (home, resource, matrix, vergelijk, queries, sparql, registratie, opleiding, versies, case, crosswalk, uitwisseling):
        app.register_blueprint(module.bp)
    atexit.register(pages.close, app)
    return app
