"""Helpers the tests share (plain functions; fixtures live in conftest.py)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary():
    import shutil
    import sys
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(found).exists(), "oxigraph (pip install '.[test]') is needed for the store tests"
    return found
