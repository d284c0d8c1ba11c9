"""Every answer of the education core in one JSON file, to compare before and after a change.

    .venv/bin/python bench/opleiding_snapshot.py schrijf /tmp/voor.json
    .venv/bin/python bench/opleiding_snapshot.py vergelijk /tmp/voor.json   # exit 1 on a difference

Holds the route of every profession from every starting point (and from none), as JSON and
as text, the professions with a route and the starting points, and the coverage report (JSON,
text, CSV) of every shipped example and test curriculum against every profile; an input error
is kept as its message. Runs on the embedded graph (BEROEPEN_ENGINE chooses the engine).
"""
import json
import os
import sys
from pathlib import Path

from beroepen.errors import BeroepenError
from beroepen.kennisgraaf.queries import named_query
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.opleiding import curriculum, routes
from beroepen.vocab import ID

ROOT = Path(__file__).resolve().parent.parent
CURRICULA = sorted((ROOT / "data" / "examples").glob("curriculum-*")) + \
    sorted((ROOT / "tests" / "education" / "files").glob("*"))


def _poging(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except BeroepenError as err:
        return {"fout": str(err)}


def _route(naar, vanaf, store):
    result = _poging(routes.routes, naar, vanaf, store=store)
    if "fout" in result:
        return result
    return {"json": json.loads(json.dumps(result)), "tekst": routes.as_text(result)}


def _curriculum(pad, profiel, store):
    rapport = _poging(curriculum.toets, pad, profiel, store=store)
    if "fout" in rapport:
        return rapport
    return {"json": json.loads(json.dumps(rapport)), "tekst": curriculum.as_text(rapport),
            "csv": curriculum.as_csv(rapport)}


def _zonder_volgorde_van_gelijken(out):
    """The SHACL findings in full order: findings of one node, rule and path come in no defined
    order (pySHACL's), so they are compared as a set."""
    for antwoord in out["curricula"].values():
        if "json" in antwoord:
            antwoord["json"]["bevindingen"].sort(key=lambda f: json.dumps(f, sort_keys=True))
    return out


def snapshot(store):
    beroepen = sorted({str(r["beroep"]) for r in store.select(named_query("route-beroepen").text)})
    starts = [s["iri"] for s in routes.startpunten(store)]
    out = {"beroepen_met_route": routes.beroepen_met_route(store),
           "startpunten": routes.startpunten(store), "routes": {}, "curricula": {}}
    for beroep in beroepen:
        slug = beroep[len(ID):]
        for start in [None] + starts:
            vanaf = None if start is None else start[len(ID):]
            out["routes"][f"{beroep} vanaf {start}"] = _route(slug, vanaf, store)
    for pad in CURRICULA:
        pad = pad.relative_to(ROOT)   # the report names the file as given
        for profiel in ("vaktherapeut", "stw"):
            out["curricula"][f"{pad} {profiel}"] = _curriculum(pad, profiel, store)
    return out


def _verschillen(voor, na, pad=""):
    if type(voor) is not type(na):
        yield f"{pad}: {voor!r} -> {na!r}"
    elif isinstance(voor, dict):
        for key in sorted(set(voor) | set(na)):
            if key not in voor or key not in na:
                yield f"{pad}/{key}: {'ontbreekt na' if key in voor else 'nieuw'}"
            else:
                yield from _verschillen(voor[key], na[key], f"{pad}/{key}")
    elif isinstance(voor, list) and len(voor) == len(na):
        for i, (a, b) in enumerate(zip(voor, na)):
            yield from _verschillen(a, b, f"{pad}[{i}]")
    elif voor != na:
        yield f"{pad}: {str(voor)[:200]!r} -> {str(na)[:200]!r}"


def main(argv):
    if len(argv) != 3 or argv[1] not in ("schrijf", "vergelijk"):
        sys.exit(__doc__)
    os.chdir(ROOT)
    out = snapshot(EmbeddedStore())
    if argv[1] == "schrijf":
        Path(argv[2]).write_text(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"{len(out['routes'])} routes, {len(out['curricula'])} curricula -> {argv[2]}")
        return
    voor = _zonder_volgorde_van_gelijken(json.loads(Path(argv[2]).read_text(encoding="utf-8")))
    verschil = list(_verschillen(voor, _zonder_volgorde_van_gelijken(json.loads(json.dumps(out)))))
    for regel in verschil[:50]:
        print(regel)
    print(f"{len(out['routes'])} routes, {len(out['curricula'])} curricula: "
          f"{len(verschil)} verschillen")
    sys.exit(1 if verschil else 0)


if __name__ == "__main__":
    main(sys.argv)
