"""Latency of every web page, uncached, over HTTP: first request, 1 client, 8 clients (p95).

Starts `beroepen serve` (waitress, its own process, loopback) with the page cache off
(PAGE_CACHE = 0 in a settings file given by BEROEPEN_WEB_SETTINGS) once per engine of the
embedded graph (BEROEPEN_ENGINE), and with --store also on an Oxigraph server loaded with
`beroepen load`. Each page: one first request, then 1 client and 8 concurrent clients sending
--requests requests between them (each client stops early after --seconds, having sent at
least one).

    python bench/web_latency.py [--engines rdflib oxigraph] [--requests 40] [--store]

Prints Markdown for bench/RESULTS.md. bench/commands.py uses `run_pages` for its table.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from beroepen.kennisgraaf.store import ENGINE_VARIABLE

BEROEPEN = shutil.which("beroepen") or str(Path(sys.executable).with_name("beroepen"))
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
ENGINES = ("rdflib", "oxigraph")  # the old engine first, the new one (the default) last

# (name, path, expected status). STW's source links no task to a competence: its matrix page is
# a 404 naming what the profile holds, which is the answer a visitor gets, so it is timed too.
PAGES = [
    ("home", "/", 200),
    ("index", "/index", 200),
    ("beroepstaak 3", "/id/profiel/bcp-vaktherapeut/beroepstaak/3", 200),
    ("competentie D", "/id/profiel/bcp-vaktherapeut/competentie/D", 200),
    ("beroep vaktherapeut", "/id/beroep/vaktherapeut", 200),
    ("matrix bcp-vaktherapeut", "/matrix/bcp-vaktherapeut", 200),
    ("matrix stw (404)", "/matrix/stw", 404),
    ("vergelijk beroepen", "/vergelijk?a=beroep/vaktherapeut&b=beroep/systeemtherapeutisch-werker", 200),
    ("vergelijk profielen", "/vergelijk?a=profiel/bcp-vaktherapeut&b=profiel/stw", 200),
    ("zoek", "/zoek?q=cli%C3%ABnt", 200),
    ("queries", "/queries", 200),
    ("query competenties-per-beroepstaak", "/queries/competenties-per-beroepstaak?nummer=5", 200),
    ("opleiding", "/opleiding", 200),
    ("route vaktherapeut", "/opleiding/route/vaktherapeut", 200),
    ("route stw vanaf havo", "/opleiding/route/systeemtherapeutisch-werker?vanaf=havo", 200),
    ("curriculum (formulier)", "/opleiding/curriculum", 200),
    ("registratie (formulier)", "/registratie", 200),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server stopped (exit {process.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def engine_env(engine):
    """The environment for a process on `engine` (None: the code's default)."""
    env = dict(os.environ)
    env.pop(ENGINE_VARIABLE, None)
    if engine:
        env[ENGINE_VARIABLE] = engine
    return env


def serve(engine, settings, endpoint=None):
    """(port, process) of `beroepen serve` on loopback with the given settings file."""
    port = free_port()
    command = [BEROEPEN, "serve", "--port", str(port), "--threads", "8", "--sparql-workers", "2"]
    if endpoint:
        command += ["--endpoint", endpoint]
    env = dict(engine_env(engine), BEROEPEN_WEB_SETTINGS=str(settings))
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/queries", process)
    return port, process


def stop(process):
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def one_client(port, path, status, count, deadline, times, errors):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        for i in range(count):
            if i and time.monotonic() > deadline:
                break
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            times.append((time.perf_counter() - started) * 1000)
            if response.status != status:
                errors.append(f"{path}: HTTP {response.status}, verwacht {status}")
    except OSError as err:
        errors.append(f"{path}: {err}")
    finally:
        conn.close()


def clients(port, path, status, count, requests, seconds):
    """Milliseconds of each request, `count` clients at once sending `requests` between them."""
    times, errors = [], []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=one_client,
                                args=(port, path, status, max(1, requests // count), deadline, times, errors))
               for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if not times:
        raise SystemExit(f"geen antwoord: {errors[0] if errors else path}")
    return sorted(times), errors


def p95(times):
    """Nearest-rank 95th percentile."""
    return times[max(0, -(-95 * len(times) // 100) - 1)]


def cpu_seconds(pid):
    """CPU time (user + system) a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_page(port, pid, path, status, requests, seconds):
    """Figures of one page; "cpu" is the server's CPU milliseconds per request in the 8-client
    run (what a quiet machine's single request costs, whatever else runs); "errors" lists
    answers with another status than expected (a page that fails under load is reported)."""
    first, errors = clients(port, path, status, 1, 1, seconds)
    one, more = clients(port, path, status, 1, max(1, requests // 4), seconds)
    cpu = cpu_seconds(pid)
    eight, most = clients(port, path, status, 8, requests, seconds)
    cpu = (cpu_seconds(pid) - cpu) * 1000 / len(eight)
    return {"first": first[0], "one_median": statistics.median(one), "one_p95": p95(one),
            "eight_median": statistics.median(eight), "eight_p95": p95(eight), "n": len(eight),
            "cpu": cpu, "errors": errors + more + most}


def run_pages(engine, requests=40, seconds=15, endpoint=None, pages=PAGES):
    """{page name: figures} for every page on a fresh server without the page cache."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "bench-settings.py"
        settings.write_text("PAGE_CACHE = 0\n", encoding="utf-8")
        port, process = serve(engine, settings, endpoint)
        try:
            return {name: measure_page(port, process.pid, path, status, requests, seconds)
                    for name, path, status in pages}
        finally:
            stop(process)


def oxigraph_server(tmp):
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp / "store"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query?query=ASK%7B%7D", process)
    subprocess.run([BEROEPEN, "load", "--endpoint", base + "/store"], check=True,
                   stdout=subprocess.DEVNULL)
    return base, process


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=list(ENGINES), help="embedded engines to serve on")
    parser.add_argument("--requests", type=int, default=40, help="requests per page with 8 clients")
    parser.add_argument("--seconds", type=float, default=15, help="time per page and run, at most")
    parser.add_argument("--store", action="store_true", help="also serve from an Oxigraph server")
    args = parser.parse_args()
    runs = [(f"embedded {engine}", engine, None) for engine in args.engines]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = oxigraph_server(Path(tmp)) if args.store else None
        if store:
            runs.append(("Oxigraph server", None, store[0] + "/query"))
        try:
            for label, engine, endpoint in runs:
                results[label] = run_pages(engine, args.requests, args.seconds, endpoint)
        finally:
            if store:
                stop(store[1])
    print(f"`python bench/web_latency.py {' '.join(sys.argv[1:])}` — "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, page cache off, waitress 8 threads, "
          f"loopback, load average {os.getloadavg()[0]:.1f}, milliseconds\n")
    labels = [label for label, *_ in runs]
    print("| page | " + " | ".join(f"{l}: first / 1 client median / 8 clients median, p95 (n) / CPU per request"
                                    for l in labels) + " |")
    print("|---" * (len(labels) + 1) + "|")
    for name, *_ in PAGES:
        cells = [cell(results[l][name]) for l in labels]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for label in labels:
        for name, figures in results[label].items():
            for error in sorted(set(figures["errors"])):
                print(f"\n{label}, {name}: {figures['errors'].count(error)}× {error}")


def cell(figures):
    text = (f"{figures['first']:.1f} / {figures['one_median']:.1f} / {figures['eight_median']:.1f}, "
            f"**{figures['eight_p95']:.1f}** ({figures['n']}) / {figures['cpu']:.1f}")
    return text + (f" — {len(figures['errors'])} fout" if figures["errors"] else "")


if __name__ == "__main__":
    main()
