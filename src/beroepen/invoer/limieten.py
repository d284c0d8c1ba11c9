"""Budgets for reading uploaded files, and the sandboxed parser for uploaded RDF.

Every file a user hands in (a register as CSV, a Turtle/JSON-LD dossier) is read under an
UploadLimits budget: bytes per file, data rows per CSV file, activity rows per practitioner,
triples per graph file, seconds, and the memory of the process that parses a graph. Past
any of them reading stops with LimitExceeded (a BeroepenError: exit 2 in the CLI, 413 on
the web) naming the setting. The defaults live here, once: WEB for uploads to `beroepen
serve` (each overridable by the setting named in SETTINGS), CLI for files given on the
command line (a registry's full export: 50,000 practitioners are 2.5 million rows).
"""
import json
import subprocess
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path

from rdflib import Graph

from ..errors import TE_GROOT, BeroepenError

SANDBOX = Path(__file__).with_name("rdf.py")


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int               # one file
    max_rows: int                # data rows in one CSV file
    max_rows_per_dossier: int    # activity rows of one practitioner (a real one has 40–60)
    max_triples: int             # triples in one Turtle/JSON-LD file (pySHACL: ~0.3 ms each)
    max_seconds: float           # reading one file (and parsing a graph, in its own process)
    max_memory_mb: int           # address space of the process that parses a graph file


WEB = UploadLimits(max_bytes=20 * 2 ** 20, max_rows=500_000, max_rows_per_dossier=1_000,
                   max_triples=20_000, max_seconds=30, max_memory_mb=1024)
CLI = UploadLimits(max_bytes=2 ** 30, max_rows=10_000_000, max_rows_per_dossier=1_000,
                   max_triples=100_000, max_seconds=600, max_memory_mb=4096)

# The web settings (BEROEPEN_WEB_SETTINGS) that override WEB, one per field.
SETTINGS = {f"UPLOAD_{f.name.upper()}": f.name for f in fields(UploadLimits)}


def web_defaults():
    """{setting: default} for the web app's DEFAULTS."""
    return {key: getattr(WEB, name) for key, name in SETTINGS.items()}


def from_config(config):
    """The web app's budget: WEB with the settings the app's config gives."""
    return UploadLimits(**{name: config.get(key, getattr(WEB, name)) for key, name in SETTINGS.items()})


class LimitExceeded(BeroepenError):
    """An upload is larger, longer or slower than its budget allows (HTTP 413, exit 2)."""

    soort = TE_GROOT

    def __init__(self, message, setting, file=None, line=None):
        super().__init__(f"{message} (grens: {setting})", file=file, line=line)
        self.setting = setting


def check_size(naam, size, limits):
    if size > limits.max_bytes:
        raise LimitExceeded(f"het bestand is {size:,} bytes, meer dan {limits.max_bytes:,}",
                            "UPLOAD_MAX_BYTES", file=naam)


class Deadline:
    """Reading one file must end within limits.max_seconds; check() is cheap to call often."""

    def __init__(self, naam, limits):
        self.naam, self.seconds = naam, limits.max_seconds
        self.end = time.monotonic() + limits.max_seconds

    def check(self, line=None):
        if time.monotonic() > self.end:
            raise LimitExceeded(f"het inlezen duurde langer dan {self.seconds} s", "UPLOAD_MAX_SECONDS",
                                file=self.naam, line=line)


def parse_rdf(naam, data, fmt, limits):
    """The graph in an uploaded Turtle ("turtle") or JSON-LD ("json-ld") file, parsed in a
    child process (invoer/rdf.py) that cannot reach the network or the disk, under the
    triple, time and memory budget. Raises BeroepenError for bad input, LimitExceeded past
    a budget."""
    check_size(naam, len(data), limits)
    # -I: no environment, no user site, not even the script's own folder on sys.path
    command = [sys.executable, "-I", "-B", str(SANDBOX), fmt, str(limits.max_triples), str(limits.max_memory_mb)]
    try:
        child = subprocess.run(command, input=data, capture_output=True, timeout=limits.max_seconds, env={})
    except subprocess.TimeoutExpired:
        raise LimitExceeded(f"het inlezen duurde langer dan {limits.max_seconds} s", "UPLOAD_MAX_SECONDS",
                            file=naam) from None
    status, _, body = child.stdout.partition(b"\n")
    try:
        status = json.loads(status)
    except ValueError:
        if child.returncode < 0 or b"MemoryError" in child.stderr:    # aborted at the memory limit
            raise LimitExceeded(f"het inlezen vroeg meer dan {limits.max_memory_mb} MB geheugen",
                                "UPLOAD_MAX_MEMORY_MB", file=naam) from None
        # a bug in the sandbox; its stderr may quote the upload, so it is not passed on
        raise RuntimeError(f"de RDF-parser stopte onverwacht (exitcode {child.returncode})") from None
    if "fout" in status:
        if status["grens"]:
            raise LimitExceeded(status["fout"], status["grens"], file=naam)
        raise BeroepenError(status["fout"], file=naam, line=status.get("regel"))
    graph = Graph()
    try:
        graph.parse(data=body, format="nt")
    except Exception:  # rdflib's Turtle reader lets through what N-Triples cannot say
        raise BeroepenError("ongeldige RDF: een literal op de plaats van een onderwerp of "
                            "eigenschap (controleer de punten en puntkomma's)", file=naam) from None
    return graph
