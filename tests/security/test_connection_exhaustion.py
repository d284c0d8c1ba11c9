"""Resource exhaustion by connections: idle and half-sent requests must not lock others out.

waitress served at most 100 connections and closed idle ones only after 120 s, so 120
half-open connections locked everyone out (issue 9, item 9). Loopback only, bounded counts.
"""
import contextlib
import socket
import urllib.request

from server_hulp import beroepen_serve

IDLE = 120  # more than waitress' default connection_limit (100), fewer than ours


def idle_connections(server, count):
    """`count` connections that send nothing, or a request line and no end of headers."""
    sockets = []
    for i in range(count):
        sock = server.connect()
        if i % 2:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    return sockets


def test_120_half_open_connections_do_not_lock_everyone_out(tmp_path):
    with beroepen_serve(tmp_path) as server, contextlib.ExitStack() as open_sockets:
        for sock in idle_connections(server, IDLE):
            open_sockets.enter_context(sock)
        with urllib.request.urlopen(server.base + "/", timeout=30) as response:
            assert response.status == 200


def test_an_idle_connection_is_closed_after_the_channel_timeout(tmp_path):
    with beroepen_serve(tmp_path, "CHANNEL_TIMEOUT = 2\n") as server, server.connect() as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        sock.settimeout(60)
        try:
            closed = sock.recv(1024) == b""
        except ConnectionResetError:
            closed = True
        except socket.timeout:
            closed = False
        assert closed, "the server kept an idle connection open for 60 s (CHANNEL_TIMEOUT = 2)"
