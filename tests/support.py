"""Helpers the tests share (plain functions; fixtures live in conftest.py): paths, free
loopback ports, waiting for a server, an Oxigraph server."""
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
