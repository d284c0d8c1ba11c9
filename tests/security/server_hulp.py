"""A real `beroepen serve` on 127.0.0.1 for the security tests, and what the kernel shows of it:
its open files (/proc/PID/fd), its memory (VmRSS) and the TCP queues of one connection."""
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from support import free_port, wait_for

BEROEPEN = str(Path(sys.executable).with_name("beroepen"))


@dataclass
class Server:
    pid: int
    port: int
    log: Path

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def connect(self, rcvbuf=None):
        sock = socket.socket()
        if rcvbuf:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)  # before connect: caps the window
        sock.settimeout(30)
        sock.connect(("127.0.0.1", self.port))
        return sock

    def temp_files(self):
        """Files the server holds open in the temporary folder, but for its own log."""
        return open_temp_files(self.pid) - {str(self.log)}

    def rss_kb(self):
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    def wait_until_read(self, sock):
        wait_until_read(sock, self.port)


def open_temp_files(pid="self"):
    """Files a process holds open in the temporary folder (unlinked ones included)."""
    folder = tempfile.gettempdir().rstrip("/") + "/"
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(OSError):
            found.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
    return {target for target in found if target.startswith(folder)}


def wait_until_read(sock, server_port, seconds=60):
    """Wait until everything sent on `sock` has been read by the server process listening on
    `server_port`: nothing left in the client's send queue nor in the server's receive queue."""
    client_port = sock.getsockname()[1]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        client = tcp_queues(client_port, server_port)
        server = tcp_queues(server_port, client_port)
        if client and server and client[0] == 0 and server[1] == 0:
            return
        time.sleep(0.05)
    raise AssertionError("the server did not read what was sent")


def tcp_queues(local_port, remote_port):
    """(tx_queue, rx_queue) of the loopback connection local_port → remote_port, or None."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = (int(a.split(":")[1], 16) for a in fields[1:3])
        if (local, remote) == (local_port, remote_port):
            tx, rx = (int(q, 16) for q in fields[4].split(":"))
            return tx, rx
    return None


@contextlib.contextmanager
def beroepen_serve(folder, settings=""):
    """`beroepen serve` on a free loopback port (one query worker), with a settings file when
    given; its stdout and stderr go to folder/serve.log. Stopped on exit."""
    env = dict(os.environ)
    if settings:
        (folder / "instellingen.py").write_text(settings)
        env["BEROEPEN_WEB_SETTINGS"] = str(folder / "instellingen.py")
    port = free_port()
    log = folder / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([BEROEPEN, "serve", "--port", str(port), "--sparql-workers", "1"],
                                   stdout=out, stderr=subprocess.STDOUT, env=env)
    server = Server(process.pid, port, log)
    try:
        assert wait_for(server.base + "/registratie", 120), log.read_text()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def multipart(fields, files):
    """(body, content type) of a multipart/form-data form."""
    boundary = "----beroepen-test-grens"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f'Content-Type: text/csv\r\n\r\n'.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def read_response(sock):
    """Status code and the whole response (the server closes or sends Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), None)
    while length is None or len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(head.split()[1]), head, body
