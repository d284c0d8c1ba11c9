"""`beroepen esco suggereer`: ESCO candidates for one resource of the graph, ranked by BM25
over the full snapshot, with the evidence: which words matched (Dutch word → English stem) and
how much each added to the score. Suggestions are for a curator to judge; they are printed,
never added to the graph (only data/esco-crosswalk.sssom.tsv is, after review).

Dutch resource text against English ESCO text is a real gap: the resource's Dutch label,
definition, description and werkzaamheden are put into English word by word through the small
list in woorden.py; words it lacks are reported as `onvertaald`.
"""
import functools
import re
from collections import defaultdict

from rdflib import URIRef

from ..errors import BeroepenError
from ..kennisgraaf.labels import id_path
from ..kennisgraaf.queries import named_query
from . import bm25, snapshot as snapshot_mod
from .woorden import NL_EN

MAX_AANTAL = 100
MIN_SAMENSTELLING = 6  # a listed word this long also counts inside a Dutch compound


def vertaal(woord):
    """The English words for one lower-case Dutch word: listed whole, else every listed word
    of MIN_SAMENSTELLING letters or more that it holds (a compound)."""
    if woord in NL_EN:
        return NL_EN[woord].split()
    found = []
    for nl, en in NL_EN.items():
        if len(nl) >= MIN_SAMENSTELLING and nl in woord:
            found += en.split()
    return found


def zoektermen(teksten):
    """(stems to search, {stem: [Dutch words]}, [Dutch words not translated])."""
    termen, herkomst, onvertaald = [], defaultdict(list), []
    for tekst in teksten:
        for woord in re.findall(r"[^\W\d_]+", tekst.lower()):
            if len(woord) < 4:  # Dutch function words (de, en, van, met, …) carry nothing here
                continue
            engels = vertaal(woord)
            if not engels:
                if woord not in onvertaald:
                    onvertaald.append(woord)
                continue
            for stam in bm25.woorden(" ".join(engels)):
                termen.append(stam)
                if woord not in herkomst[stam]:
                    herkomst[stam].append(woord)
    return termen, dict(herkomst), onvertaald


@functools.lru_cache(maxsize=2)
def _index(pad):
    snap = snapshot_mod.load(pad)
    return snap, bm25.Index({uri: c.tekst for uri, c in snap.concepten.items()})


def suggereer(store, iri, aantal=10, pad=None):
    """{"resource", "pad", "soort", "zoektermen", "onvertaald", "kandidaten": [...]} for `iri`."""
    if not 1 <= aantal <= MAX_AANTAL:
        raise BeroepenError(f"--aantal moet tussen 1 en {MAX_AANTAL} liggen, niet {aantal}")
    rows = store.select(named_query("esco-brontekst").text, {"resource": URIRef(iri)})
    teksten = sorted({str(r["tekst"]) for r in rows})
    if not teksten:
        raise BeroepenError(f"{id_path(iri) or iri} heeft geen Nederlandse tekst om met ESCO te vergelijken",
                            node=iri)
    beroep = any(bool(r["beroep"].toPython()) for r in rows)
    soorten = ("occupation", "isco") if beroep else ("skill",)
    snap, index = _index(str(pad) if pad else None)
    termen, herkomst, onvertaald = zoektermen(teksten)
    toegestaan = {u for u, c in snap.concepten.items() if c.soort in soorten}
    scores = index.zoek(termen, toegestaan)
    gemapt = {str(r["concept"]): str(r["predicaat"]) for r in
              store.select(named_query("esco-mappings").text, {"resource": URIRef(iri)})}
    beste = sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0]))[:aantal]
    return {
        "resource": iri, "pad": id_path(iri), "soort": "beroep" if beroep else "vaardigheid",
        "snapshot": snap.herkomst,
        "zoektermen": sorted({w: herkomst[w] for w in termen}.items()),
        "onvertaald": onvertaald,
        "kandidaten": [_kandidaat(rang, uri, score, delen, snap, herkomst, gemapt)
                       for rang, (uri, (score, delen)) in enumerate(beste, 1)],
    }


def _kandidaat(rang, uri, score, delen, snap, herkomst, gemapt):
    concept = snap.get(uri)
    woorden = [{"en": stam, "nl": herkomst.get(stam, []), "score": round(deel, 2)}
               for stam, deel in sorted(delen.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"rang": rang, "uri": uri, "soort": concept.soort, "labels": concept.kop,
            "score": round(score, 2), "woorden": woorden, "gemapt": gemapt.get(uri)}


def as_text(result):
    lines = [f"ESCO-suggesties voor {result['pad'] or result['resource']} ({result['soort']}); "
             "suggesties, geen mappings: een curator beoordeelt ze en neemt ze zo nodig op in "
             "data/esco-crosswalk.sssom.tsv", ""]
    for k in result["kandidaten"]:
        al = f"  [al gemapt: {k['gemapt'].rsplit('#', 1)[-1]}]" if k["gemapt"] else ""
        lines.append(f"{k['rang']:>2}. {k['score']:6.2f}  {_kort(k['labels'])}{al}")
        lines.append(f"    {k['uri']}")
        lines.append("    woorden: " + ", ".join(
            f"{w['en']} ({'/'.join(w['nl'])}) {w['score']}" for w in k["woorden"]))
    if result["onvertaald"]:
        lines += ["", "onvertaald (telt niet mee): " + ", ".join(result["onvertaald"])]
    return "\n".join(lines) + "\n"


def _kort(tekst, n=90):
    return tekst if len(tekst) <= n else tekst[:n - 1].rstrip() + "…"
