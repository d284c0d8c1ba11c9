"""Asking a SPARQL 1.1 store over HTTP with a total deadline.

A socket timeout only fires when nothing arrives; a store that trickles a byte a second
would hold a request for ever. Here a timer cuts the connection when the deadline passes,
whatever stage the request is in (connecting, headers, body), and answers are read in
pieces so a caller can stop at its row cap or byte limit without holding the rest.
"""
import contextlib
import http.client
import socket
import threading
import time
import urllib.parse

from ..errors import NietBeschikbaar


class StoreError(NietBeschikbaar):
    """The store could not answer: `status` 503 (down, slow) or 502 (it answered an error);
    exit 4 in the CLI. The message never names the store's address: pages and /sparql show it
    to visitors."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


@contextlib.contextmanager
def post_query(endpoint, query, accept, deadline, default_graphs=(), named_graphs=()):
    """POST `query` to `endpoint` (SPARQL 1.1 Protocol, form-encoded); yields a Reader.

    `deadline` is seconds for the whole exchange; past it the connection is cut and
    StoreError(503) raised."""
    url = urllib.parse.urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise StoreError("het SPARQL-endpoint is geen http(s)-adres", 503)
    form = [("query", query)] + [("default-graph-uri", g) for g in default_graphs] + \
           [("named-graph-uri", g) for g in named_graphs]
    body = urllib.parse.urlencode(form).encode("utf-8")
    kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    conn = kind(url.hostname, url.port, timeout=deadline)
    timer = threading.Timer(deadline, _cut, (conn,))
    timer.daemon = True
    timer.start()
    reader = Reader(conn, time.monotonic() + deadline)
    try:
        try:
            conn.request("POST", (url.path or "/") + (f"?{url.query}" if url.query else ""), body,
                         {"Content-Type": "application/x-www-form-urlencoded",
                          "Accept": accept, "User-Agent": "beroepen"})
            reader.response = conn.getresponse()
        except (OSError, http.client.HTTPException) as err:
            raise reader.failure(err) from None
        if reader.response.status >= 400:
            detail = reader.read_some(2000).decode("utf-8", "replace").strip()
            first = detail.splitlines()[0][:300] if detail else reader.response.reason
            raise StoreError(f"het SPARQL-endpoint weigert de query ({reader.response.status}): "
                             f"{first}", 502)
        yield reader
    finally:
        timer.cancel()
        conn.close()


def _cut(conn):
    """Called by the deadline timer: unblock whatever read or write is waiting."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class Reader:
    """The store's answer, read in pieces before the deadline."""

    def __init__(self, conn, ends):
        self.conn, self.ends, self.response = conn, ends, None

    def failure(self, err):
        if time.monotonic() >= self.ends - 0.05:
            return StoreError("het SPARQL-endpoint antwoordt niet binnen de tijdslimiet", 503)
        return StoreError(f"SPARQL-endpoint niet bereikbaar ({type(err).__name__})", 503)

    def chunks(self, size=65536):
        """The body in pieces as they arrive; StoreError(503) when the deadline passes."""
        while True:
            try:
                piece = self.response.read1(size)
            except (OSError, http.client.HTTPException, ValueError) as err:
                raise self.failure(err) from None
            if time.monotonic() >= self.ends - 0.05:  # cut by the timer (or about to be)
                raise self.failure(TimeoutError())
            if not piece:
                return
            yield piece

    def read_some(self, limit):
        """Up to `limit` bytes of the body; the rest is left unread."""
        data = bytearray()
        for piece in self.chunks(min(limit, 65536)):
            data += piece
            if len(data) >= limit:
                break
        return bytes(data[:limit])

    def read_all(self, limit):
        """The whole body; StoreError(502) when it is longer than `limit` bytes."""
        data = bytearray()
        for piece in self.chunks():
            data += piece
            if len(data) > limit:
                raise StoreError(f"het antwoord van het SPARQL-endpoint is groter dan "
                                 f"{limit} bytes", 502)
        return bytes(data)
