"""Loopback stand-ins for the SPARQL security tests: a listener that records every connection
(nothing may ever reach it) and a fake SPARQL store that misbehaves as told. Both bounded
in time and count, both on 127.0.0.1 only."""
import socket
import threading
import time

from support import loopback_listener

MAX_SECONDS = 60        # no fake keeps a connection longer than this
MAX_ROWS = 1_000_000    # the "huge" store's answer, if nobody stops reading it


listener = loopback_listener


RESULTS_HEAD = (b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                b'<head><variable name="s"/></head><results>\n')


class FakeStore:
    """A 'SPARQL store' on 127.0.0.1 that answers every request the same bad way:

    trickle-body   200, then one byte of a results document every 0.2 s
    trickle-head   the status line, then one byte of a header every 0.2 s
    hang           reads the request and never answers
    huge           an endless SELECT answer (up to MAX_ROWS rows); counts what it sent
    huge-nt        the same as N-Triples, for CONSTRUCT
    error          500 with a message that names an internal address
    """

    def __init__(self, mode):
        self.mode = mode
        self.rows_sent = 0
        self.closed_early = False
        self.requests = []
        self._stop = threading.Event()
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(16)
        self._server.settimeout(0.2)
        self._threads = []
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}/query"

    def __enter__(self):
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._server.close()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                continue
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, conn):
        with conn:
            conn.settimeout(5)
            try:
                self.requests.append(_read_request(conn))
                getattr(self, "_" + self.mode.replace("-", "_"))(conn)
            except TimeoutError:  # the client stopped reading but kept the connection
                pass
            except OSError:  # the client went away: that is what the tests want to see
                self.closed_early = True

    def _wait(self, seconds):
        return self._stop.wait(seconds)

    def _trickle(self, conn, data):
        ends = time.monotonic() + MAX_SECONDS
        for byte in data:
            if self._wait(0.2) or time.monotonic() > ends:
                return
            conn.sendall(bytes([byte]))

    def _trickle_body(self, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+xml\r\n"
                     b"Connection: close\r\n\r\n")
        self._trickle(conn, RESULTS_HEAD + b'<result><binding name="s"><uri>urn:a</uri></binding></result>' * 20)

    def _trickle_head(self, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        self._trickle(conn, b"X-Traag: " + b"x" * 400 + b"\r\n")

    def _hang(self, conn):
        self._wait(MAX_SECONDS)

    def _huge(self, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+xml\r\n"
                     b"Connection: close\r\n\r\n" + RESULTS_HEAD)
        self._endless(conn, b'<result><binding name="s"><uri>urn:rij:%d</uri></binding></result>\n')

    def _huge_nt(self, conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/n-triples\r\n"
                     b"Connection: close\r\n\r\n")
        self._endless(conn, b"<urn:rij:%d> <urn:p> <urn:o> .\n")

    def _endless(self, conn, row):
        while self.rows_sent < MAX_ROWS and not self._stop.is_set():
            conn.sendall(b"".join(row % (self.rows_sent + i) for i in range(100)))
            self.rows_sent += 100

    def _error(self, conn):
        body = b"interne fout in de store op http://geheim.intern:7878/store"
        conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)


def _read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 1_000_000:
        piece = conn.recv(65536)
        if not piece:
            return data
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    while len(body) < min(length, 1_000_000):
        piece = conn.recv(65536)
        if not piece:
            break
        body += piece
    return head + b"\r\n\r\n" + body
