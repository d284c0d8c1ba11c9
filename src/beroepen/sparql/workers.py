"""Worker processes for /sparql: the gate and, on the embedded graph, the evaluation.

A query is parsed, checked and (embedded) evaluated in a worker process, never in a web
thread: parsing some queries takes long (a 2,000-term FILTER: seconds to minutes), and a
thread cannot be stopped. A job past the time limit kills its worker, a fresh one takes its
place, and the web server keeps answering meanwhile. Each worker is single-threaded, so no
parser state is ever shared between threads, and its memory is capped.

Workers are handed out fairly: a client may hold `per_client` of them at once (more gets
429), and a free worker goes to the waiting client that used the least worker time lately,
so a few heavy users cannot keep every worker busy.
"""
import collections
import functools
import itertools
import multiprocessing
import threading
import time

from rdflib import Dataset, Graph, URIRef

from .endpoint import choose_format, serialize_result
from .gate import QueryError, check


def _evaluate(dataset, named, checked, query):
    """Run a gated query in this (worker) process on the held graphs."""
    import rdflib.plugins.sparql as sparql_settings
    from rdflib.plugins.sparql.evaluate import evalQuery
    from rdflib.plugins.sparql.processor import SPARQLResult
    sparql_settings.SPARQL_LOAD_GRAPHS = False      # never fetch, whatever slips through
    sparql_settings.SPARQL_DEFAULT_GRAPH_UNION = False
    query.algebra["datasetClause"] = None
    if checked.dataset_given:
        chosen = Dataset()
        for iri in checked.default_graphs:
            chosen.default_context += named[iri]
        for iri in checked.named_graphs:
            chosen.graph(URIRef(iri)).__iadd__(named[iri])
        dataset = chosen
    return SPARQLResult(evalQuery(dataset, query))


def _worker(conn, nt_data, named_nt, memory_mb=None):
    """A worker process: load the graphs once (none: gate only), then answer jobs until
    the pipe closes. With `memory_mb` the process cannot grow past that size: a job that
    would is stopped with a MemoryError, and the worker ends so a fresh one takes its place."""
    if memory_mb:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2 ** 20, memory_mb * 2 ** 20))
    dataset, named = None, {}
    if nt_data is not None:
        dataset = Dataset()
        dataset.default_context.parse(data=nt_data, format="nt")
        named = {iri: Graph().parse(data=data, format="nt") for iri, data in named_nt.items()}
        for iri, graph in named.items():
            dataset.graph(URIRef(iri)).__iadd__(graph)
    conn.send("ready")
    while True:
        try:
            request, held, row_cap = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", _job(dataset, named, request, held, row_cap)))
        except QueryError as err:
            conn.send(("error", (err.status, err.message)))
        except MemoryError:
            conn.send(("fatal", (503, f"De query is gestopt: hij had meer dan {memory_mb} MB "
                                      f"geheugen nodig.")))
            return
        except Exception as err:  # an evaluation error is the query's, not the server's
            conn.send(("error", (400, f"Fout bij het uitvoeren van de query: {err}")))


# Per worker: the same queries come back (editor examples, pages' links), and parsing is the
# slow part. Evaluation does not change a translated query, so it can be run again.
_check = functools.lru_cache(maxsize=128)(check)


def _job(dataset, named, request, held, row_cap):
    checked, query = _check(request.text, request.default_graphs, request.named_graphs, held,
                            for_store=dataset is None)
    if dataset is None:
        return checked, None
    fmt = choose_format(checked.form, request)
    return checked, serialize_result(_evaluate(dataset, named, checked, query), fmt, row_cap)


class Scheduler:
    """Hands idle workers to waiting requests, fairly between clients (see module doc)."""

    HALF_LIFE = 60.0  # seconds after which a client's used worker time counts half

    def __init__(self, per_client=1):
        self.per_client = per_client
        self._cond = threading.Condition()
        self._idle, self._waiting = [], []
        self._holding = collections.Counter()
        self._used = {}  # client -> (seconds, when)
        self._order = itertools.count()

    def add(self, worker):
        with self._cond:
            self._idle.append(worker)
            self._cond.notify_all()

    def acquire(self, client, wait):
        """An idle worker for `client`; QueryError 429 past its share, 503 after `wait` s."""
        with self._cond:
            if self._holding[client] >= self.per_client:
                raise QueryError(f"U heeft al {self.per_client} query('s) lopen; wacht tot "
                                 f"die klaar is.", status=429)
            self._holding[client] += 1
            me = (client, next(self._order))
            self._waiting.append(me)
            ends = time.monotonic() + wait
            try:
                while not (self._idle and self._first() == me):
                    left = ends - time.monotonic()
                    if left <= 0:
                        raise QueryError("Alle query-werkers zijn bezet; probeer het zo weer.",
                                         status=503)
                    self._cond.wait(left)
                return self._idle.pop()
            except BaseException:
                self._holding[client] -= 1
                raise
            finally:
                self._waiting.remove(me)
                self._cond.notify_all()

    def release(self, client, seconds, worker=None):
        """`client` is done; `worker` goes back to the idle ones unless it was discarded."""
        with self._cond:
            self._holding[client] -= 1
            if self._holding[client] <= 0:
                del self._holding[client]
            self._used[client] = (self._usage(client) + seconds, time.monotonic())
            if len(self._used) > 4096:  # many clients: forget those whose use has faded
                for other in list(self._used):
                    self._usage(other)
            if worker is not None:
                self._idle.append(worker)
            self._cond.notify_all()

    def _first(self):
        return min(self._waiting, key=lambda w: (self._usage(w[0]), w[1]))

    def _usage(self, client):
        seconds, when = self._used.get(client, (0.0, 0.0))
        value = seconds * 0.5 ** ((time.monotonic() - when) / self.HALF_LIFE)
        if value < 0.01:
            self._used.pop(client, None)
            return 0.0
        return value


class QueryPool:
    """Worker processes for /sparql. With a graph they gate and evaluate (`run`); without,
    they only gate (`gate`), for store mode."""

    def __init__(self, graph=None, named_graphs=None, size=2, timeout=10.0, row_cap=10000,
                 cache_size=256, memory_mb=None, per_client=1, queue_wait=None):
        self.timeout, self.row_cap, self.memory_mb = timeout, row_cap, memory_mb
        self.queue_wait = timeout if queue_wait is None else queue_wait
        # The embedded graph does not change while it is served, so an answer stays right.
        self._answers, self._cache_size = collections.OrderedDict(), cache_size
        self.held = frozenset(named_graphs or {})
        self._payload = (None if graph is None else graph.serialize(format="nt"),
                         {iri: g.serialize(format="nt") for iri, g in (named_graphs or {}).items()})
        self._context = multiprocessing.get_context("spawn")
        self._scheduler = Scheduler(per_client)
        self._workers = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._start() for _ in range(size)]
        for worker in starting:
            self._await_ready(worker)

    def _start(self):
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_worker, daemon=True,
                                        args=(theirs,) + self._payload + (self.memory_mb,))
        process.start()
        theirs.close()
        worker = (process, ours)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _await_ready(self, worker):
        process, conn = worker
        try:
            ready = conn.poll(120) and conn.recv() == "ready"
        except (EOFError, OSError):  # the worker died while loading
            ready = False
        if ready:
            self._scheduler.add(worker)
        else:
            self._discard(worker)

    def _respawn(self):
        if not self._closed:
            self._await_ready(self._start())

    def _discard(self, worker):
        process, conn = worker
        process.kill()
        process.join(5)
        conn.close()
        with self._lock:
            self._workers.discard(worker)

    def run(self, request, client=None):
        """(CheckedQuery, Answer) for a QueryRequest on the embedded graph."""
        with self._lock:
            if request in self._answers:
                self._answers.move_to_end(request)
                return self._answers[request]
        result = self._job(request, client)
        if len(result[1].body) <= 2_000_000:
            with self._lock:
                self._answers[request] = result
                while len(self._answers) > self._cache_size:
                    self._answers.popitem(last=False)
        return result

    def gate(self, request, client=None):
        """The CheckedQuery for a QueryRequest (or QueryError), decided in a worker."""
        return self._job(request, client)[0]

    def _job(self, request, client):
        worker = self._scheduler.acquire(client, self.queue_wait)
        started = time.monotonic()
        process, conn = worker
        try:
            conn.send((request, self.held, self.row_cap))
            if not conn.poll(self.timeout):
                raise TimeoutError
            status, payload = conn.recv()
        except (TimeoutError, EOFError, OSError):
            self._replace(worker, client, started)
            raise QueryError(f"De query is gestopt na de tijdslimiet van {self.timeout:g} s.",
                             status=503) from None
        if status == "fatal":  # the worker has ended itself
            self._replace(worker, client, started)
            raise QueryError(payload[1], status=payload[0])
        self._scheduler.release(client, time.monotonic() - started, worker)
        if status == "error":
            raise QueryError(payload[1], status=payload[0])
        return payload

    def _replace(self, worker, client, started):
        self._discard(worker)
        self._scheduler.release(client, time.monotonic() - started)
        threading.Thread(target=self._respawn, daemon=True).start()

    def close(self):
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._discard(worker)
