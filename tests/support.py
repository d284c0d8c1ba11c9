"""Helpers the tests share (plain functions; fixtures live in conftest.py): paths, free
loopback ports, waiting for a server, an Oxigraph server and a Virtuoso server."""
import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
BCP_SEED = SEEDS / "002_3d7eccbd1cb13e32.txt"


def require_shared(path):
    """Skip the test when `path` (the source texts in ../shared) is missing, as on a copy
    without them; with CI=true fail it instead: in CI the tests against the sources must run."""
    import pytest
    if path.exists():
        return path
    message = f"{path} ontbreekt (../shared/seeds naast de repository)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; met CI=true is dat een fout", pytrace=False)
    pytest.skip(message, allow_module_level=True)


def between(text, start, end):
    """The part of `text` from the first `start` through the next `end`, both included."""
    begin = text.index(start)
    return text[begin:text.index(end, begin) + len(end)]


def find_line(lines, pattern, start=0):
    """Index of the first line at or after `start` whose stripped text matches `pattern`."""
    import re
    for i in range(start, len(lines)):
        if re.fullmatch(pattern, lines[i].strip()):
            return i
    raise AssertionError(f"{pattern!r} niet gevonden in de brontekst vanaf regel {start + 1}")


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    """Poll `url` until it answers (any HTTP status) or `seconds` pass."""
    import time
    import urllib.error
    import urllib.request
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    return False


def oxigraph_binary():
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(found).exists(), "oxigraph (pip install '.[test]') is needed for the store tests"
    return found


@contextlib.contextmanager
def oxigraph_server(location, *options):
    """An Oxigraph server on 127.0.0.1 with a random port, stopped on exit; yields its base URL."""
    binary = oxigraph_binary()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([binary, "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}", *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(base + "/query?query=ASK%7B%7D"), "oxigraph did not start"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


VIRTUOSO_GRAPH = "urn:beroepen"

# Small and loopback only. ResultSetMaxRows is raised from 10,000: Virtuoso cuts a larger
# answer without an error, which would hide a difference. The defaults ask for 2 GB of query
# memory and 4 threads per query; this machine has 2 cores.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
MaxClientConnections = 8
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = {dir}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1200
MaxQueryMem = 256M
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}
MaxClientConnections = 8
ServerThreads = 8
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


class Virtuoso:
    """A running Virtuoso: `endpoint` is its SPARQL query endpoint, `load` puts N-Triples in."""

    def __init__(self, base, isql_port, directory):
        self.base = base
        self.endpoint = base + "/sparql"
        self.isql_port = isql_port
        self.directory = directory

    def isql(self, sql, seconds=120):
        """Run SQL statements as dba through isql-vt; an error fails with Virtuoso's message
        (isql-vt itself exits 0 on a failed statement)."""
        isql = shutil.which("isql-vt") or "isql-vt"
        try:
            done = subprocess.run([isql, f"127.0.0.1:{self.isql_port}", "dba", "dba",
                                   "exec=" + sql], capture_output=True, text=True,
                                  timeout=seconds)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"virtuoso: isql antwoordt niet binnen {seconds} s") from None
        if done.returncode or "*** Error" in done.stdout + done.stderr:
            raise AssertionError(f"virtuoso: {sql.strip()[:200]} mislukte:\n{done.stderr.strip()}")
        return done.stdout

    def load(self, ntriples, graph=VIRTUOSO_GRAPH):
        """Load an N-Triples file (bytes or a path) into `graph`, the only graph the public
        endpoint may read: the default graph of a query without FROM is the union of every
        graph the reader may read, and a fresh Virtuoso holds its own system graphs
        (virtrdf#, ldp#, localuriqaserver, about 2,500 triples) besides ours."""
        target = self.directory / "laden.nt"
        data = Path(ntriples).read_bytes() if isinstance(ntriples, (str, Path)) else ntriples
        target.write_bytes(data)
        self.isql(VIRTUOSO_LOAD.format(file=target, graph=graph))
        target.unlink()


# The README's "Serveren vanuit Virtuoso" runs the same statements.
VIRTUOSO_LOAD = """\
SPARQL CLEAR GRAPH <{graph}>;
DB.DBA.TTLP_MT(file_to_string_output('{file}'), '', '{graph}');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 0);
DB.DBA.RDF_GRAPH_USER_PERMS_SET('{graph}', 'nobody', 1);
checkpoint;
"""


def virtuoso_binary():
    found = shutil.which("virtuoso-t")
    assert found, ("virtuoso-t ontbreekt: Debian-pakket virtuoso-opensource-7-bin "
                   "(.ci/run installeert het); nodig voor de Virtuoso-storetests")
    return found


def _wait_for_log(process, log, text, seconds):
    """True once `text` is in the log file; False when the process ends or time runs out."""
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if log.exists() and text in log.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


@contextlib.contextmanager
def virtuoso_server(location, seconds=90):
    """A Virtuoso (virtuoso-t, Debian) on 127.0.0.1 with random HTTP and ISQL ports, its
    database in `location`, stopped on exit; yields a Virtuoso. Fails with the tail of the
    server's log when it is not online within `seconds`."""
    binary = virtuoso_binary()
    location = Path(location).resolve()
    location.mkdir(parents=True, exist_ok=True)
    http, isql = free_port(), free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=location, http=http, isql=isql))
    log = location / "uitvoer.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)],
                                   cwd=location, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        if not (_wait_for_log(process, log, "Server online at", seconds)
                and wait_for(base + "/sparql?query=ASK%7B%7D", 10)):
            tail = "\n".join(log.read_text(errors="replace").strip().splitlines()[-8:])
            if process.poll() is None:
                raise AssertionError(f"virtuoso is niet binnen {seconds} s online:\n{tail}")
            raise AssertionError(f"virtuoso stopte bij het starten (exit {process.poll()}):\n{tail}")
        yield Virtuoso(base, isql, location)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


STORES = ("oxigraph", "virtuoso")


def store_endpoint(request, name):
    """The query endpoint of the real SPARQL store `name` (one of STORES) holding the shipped
    graph, from its session fixture in conftest.py."""
    if name == "oxigraph":
        return request.getfixturevalue("oxigraph") + "/query"
    return request.getfixturevalue("virtuoso").endpoint


# Where Virtuoso 7.2.5 (Debian bookworm) answers a correct SPARQL 1.1 query wrongly; rdflib,
# pyoxigraph and the Oxigraph server agree. Each names the query and what Virtuoso does.
VIRTUOSO_BUGS = {
    "twee-paden": "Virtuoso 7.2: two property paths with * in one group give only the first row "
                  "(route-opleidingen: bo:valtOnder* and rdfs:subClassOf*, 1 of muziektherapeut's 4 "
                  "programmes; curriculum-profiel: 1 of 23 competences and tasks)",
    "exists-in-if": "Virtuoso 7.2 refuses two EXISTS joined by || or && outside a FILTER (in "
                    "BIND or IF: route-tussenstappen, route-toelating): 'SQ074' with no message, "
                    "HTTP 500",
    "pad-vanuit-join": "Virtuoso 7.2: a * path whose start is bound by a join inside FILTER EXISTS "
                       "(curriculum-profielgraaf: ?klasse rdfs:subClassOf* ?basis with VALUES ?basis) "
                       "is refused: 'transitive start not given'",
    "exists-als-getal": "Virtuoso 7.2 answers BIND(EXISTS {…} AS ?x) with the integer 1, not the "
                        "boolean true (esco-brontekst's ?beroep)",
}


def store_bug(request, store, bug, raises=AssertionError):
    """Mark the running test xfail(strict) when it runs on `store` (a parameter of one of its
    fixtures): the store's known bug `bug` (a key of VIRTUOSO_BUGS), which makes the test fail
    with `raises`. Strict: once the store answers right, the test fails until the mark goes;
    another failure fails it too."""
    import pytest
    callspec = getattr(request.node, "callspec", None)
    if callspec and store in callspec.params.values():
        request.applymarker(pytest.mark.xfail(strict=True, raises=raises,
                                              reason=VIRTUOSO_BUGS[bug]))


@contextlib.contextmanager
def loopback_listener():
    """(base URL, connections): a socket on 127.0.0.1 that nothing may connect to. Every
    connection is accepted, what it sent first recorded, and closed; connections still in the
    backlog at the end count too."""
    import select
    import socket
    import threading
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    seen, stop = [], threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                try:
                    seen.append(conn.recv(4096) or b"(verbonden)")
                except OSError:
                    seen.append(b"(verbonden)")

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/", seen
    finally:
        stop.set()
        thread.join(5)
        while select.select([server], [], [], 0)[0]:
            seen.append(server.accept()[1])
        server.close()


def dutch_graph():
    """The shipped graph without the English twins (data/*.en.ttl): for the tests that read the
    data against the Dutch source text, where graph.value(node, SKOS.prefLabel) would otherwise
    return the Dutch or the English name at random."""
    from beroepen.kennisgraaf.graaf import load_graph, shipped_data_files
    return load_graph([p for p in shipped_data_files() if not p.name.endswith(".en.ttl")])


def graaf_zonder_engels(graph, iris):
    """A copy of `graph` in which `iris` have no English name: a Dutch fallback to show, marked."""
    from rdflib import Graph
    from rdflib.namespace import SKOS
    kopie = Graph()
    for triple in graph:
        kopie.add(triple)
    for iri in iris:
        for value in list(kopie.objects(iri, SKOS.prefLabel)):
            if value.language == "en":
                kopie.remove((iri, SKOS.prefLabel, value))
    return kopie
