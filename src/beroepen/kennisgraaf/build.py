"""`beroepen build`: merge, check (SHACL gate, HermiT), write the release all-or-nothing."""
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from rdflib import RDF

from .. import __version__
from ..errors import BeroepenError
from ..vocab import compact, is_ontology_term
from .graaf import load_graph
from .reasoning import check_consistency
from .validation import validate

FORMATS = {"beroepen.ttl": "turtle", "beroepen.nt": "nt", "beroepen.jsonld": "json-ld"}


def build(output="dist", data_files=None, reason=True):
    """{"ok", "report", "consistency", "files", "triples", "types"}; writes only when ok."""
    graph = load_graph(data_files)
    report = validate(graph)
    consistency = check_consistency(graph) if reason and report.conforms else None
    result = {"ok": report.conforms and (consistency is None or consistency.ok),
              "report": report, "consistency": consistency, "files": [],
              "triples": len(graph), "types": _type_counts(graph)}
    if result["ok"]:
        try:
            result["files"] = _write_release(graph, Path(output))
        except OSError as err:
            raise BeroepenError(f"kan de release niet schrijven: {err.strerror or err}", file=output) from None
    return result


def _type_counts(graph):
    counts = Counter(compact(t) for t in graph.objects(None, RDF.type) if is_ontology_term(t))
    return dict(sorted(counts.items()))


def _write_release(graph, output):
    """Serialise into a new folder, then swap it in for the old one."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a release folder is for everyone
    try:
        manifest = {"versie": __version__, "gebouwd": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "triples": len(graph), "bestanden": {}}
        for name, fmt in FORMATS.items():
            data = graph.serialize(format=fmt, encoding="utf-8")
            (staging / name).write_bytes(data)
            manifest["bestanden"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        (staging / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [str(output / n) for n in [*FORMATS, "MANIFEST.json"]]


def _swap(staging, output):
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}-old-{os.getpid()}")
        os.replace(output, old)
    os.replace(staging, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)
