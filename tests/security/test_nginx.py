"""The recommended public setup, the nginx site in the README: Debian's nginx in front of
`beroepen serve`. nginx must accept the file, and keep what the app promises: bodies over the
largest upload refused from their header, uploads and reports never written to its temporary
folders (it writes bodies over 16 KB and answers over its buffers there by default).

Runs nginx (Debian's nginx-light, which .ci/run installs) as one process on loopback ports,
with the README's site as written but for ports, certificate and temporary folders. Skips where
nginx is not installed, unless CI=true.
"""
import os
import shutil
import socket
import ssl
import subprocess
import time

import pytest

from server_hulp import beroepen_serve, read_response, wait_until_read
from support import REPO, free_port
from test_data_at_rest import NAAM, dossier_upload, request_head

README = REPO / "README.md"
MARKER = "<!-- nginx-site:"
HOST = "beroepen.example.org"
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


@pytest.fixture(scope="module")
def nginx_binary():
    if NGINX is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("nginx ontbreekt (apt-get install nginx-light; .ci/run doet dat)", pytrace=False)
        pytest.skip("nginx not installed (apt-get install nginx-light)")
    return NGINX


def site_from_readme():
    """The ```nginx block that follows the nginx-site marker in the README."""
    text = README.read_text(encoding="utf-8")
    assert MARKER in text, "the README lost its nginx site (marker <!-- nginx-site: … -->)"
    after = text.split(MARKER, 1)[1]
    block = after.split("```nginx\n", 1)[1]
    return block.split("```", 1)[0]


def site_for_test(folder, upstream_port, plain_port, tls_port):
    """The shipped site file on loopback ports, with a throw-away certificate."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    text = site_from_readme()
    for old, new in [("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{plain_port};"), ("listen [::]:80;", ""),
                     ("listen 443 ssl default_server;", f"listen 127.0.0.1:{tls_port} ssl default_server;"),
                     ("listen [::]:443 ssl default_server;", ""),
                     ("listen 443 ssl;", f"listen 127.0.0.1:{tls_port} ssl;"), ("listen [::]:443 ssl;", ""),
                     (f"/etc/letsencrypt/live/{HOST}/fullchain.pem", str(cert)),
                     (f"/etc/letsencrypt/live/{HOST}/privkey.pem", str(key))]:
        assert old in text, f"the README's nginx site no longer has {old!r}: update this test"
        text = text.replace(old, new)
    (folder / "site.conf").write_text(text)
    for sub in ("body", "proxy", "tmp"):
        (folder / sub).mkdir()
    (folder / "nginx.conf").write_text(f"""
daemon off; master_process off; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/tmp; uwsgi_temp_path {folder}/tmp; scgi_temp_path {folder}/tmp;
    include {folder}/site.conf;
}}
""")
    return folder / "nginx.conf"


def test_nginx_accepts_the_recommended_site_file(nginx_binary, tmp_path):
    config = site_for_test(tmp_path, free_port(), free_port(), free_port())
    result = subprocess.run([nginx_binary, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                             "-c", str(config)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def proxy(nginx_binary, tmp_path_factory):
    """(nginx pid, TLS port, its folder) in front of a real `beroepen serve`."""
    folder = tmp_path_factory.mktemp("nginx")
    with beroepen_serve(tmp_path_factory.mktemp("serve")) as server:
        plain, tls = free_port(), free_port()
        config = site_for_test(folder, server.port, plain, tls)
        process = subprocess.Popen([nginx_binary, "-p", str(folder), "-e", str(folder / "error.log"),
                                    "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert listening(tls, 30), (folder / "error.log").read_text()
            yield process.pid, tls, folder
        finally:
            process.terminate()
            process.wait(timeout=30)


def listening(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def tls_connect(port, rcvbuf=None):
    sock = socket.socket()
    if rcvbuf:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    sock.settimeout(60)
    sock.connect(("127.0.0.1", port))
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # a throw-away certificate
    return context.wrap_socket(sock, server_hostname=HOST)


def spooled(pid, folder):
    """Files nginx holds open in its temporary folders for bodies and answers."""
    found = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith((str(folder / "body"), str(folder / "proxy"))):
            found.add(target)
    return found | {str(p) for sub in ("body", "proxy") for p in (folder / sub).rglob("*")}


def test_through_nginx_a_10mb_upload_and_its_report_stay_off_disk(proxy):
    pid, port, folder = proxy
    body, content_type = dossier_upload(100)  # a report larger than nginx' buffers and the kernel's
    head = request_head("/registratie", content_type, len(body)).replace(b"127.0.0.1", HOST.encode())
    seen = set()
    with tls_connect(port, rcvbuf=16384) as tls:
        tls.sendall(head + body[:-64])
        wait_until_read(tls, port)          # nginx now holds 10 MB of an unfinished body
        seen |= spooled(pid, folder)
        tls.sendall(body[-64:])
        response = b""
        while chunk := tls.recv(16384):     # read slowly: the rest of the report waits in nginx
            response += chunk
            seen |= spooled(pid, folder)
    assert response.startswith(b"HTTP/1.1 200"), response[:300]
    assert NAAM.encode() in response and len(response) > 9_000_000
    assert seen == set()


def test_through_nginx_a_body_over_the_largest_upload_is_refused_from_its_header(proxy):
    _, port, _ = proxy
    head = request_head("/registratie", "multipart/form-data; boundary=x", 30 * 1024 * 1024)
    with tls_connect(port) as tls:
        tls.sendall(head.replace(b"127.0.0.1", HOST.encode()))
        status, _, _ = read_response(tls)
    assert status == 413


def test_nginx_refuses_a_request_for_another_host(proxy):
    # The Host header must not reach the app unchecked: only beroepen.example.org is served.
    _, port, _ = proxy
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with pytest.raises(ssl.SSLError):
        context.wrap_socket(sock, server_hostname="evil.example").close()
    sock.close()
