"""What changed between two versions of a profile: parts added, removed and changed, and the
task × competence matrix cells, each with the old and new value and each side's source section.

Parts are paired by kind and code, not by IRI, so renumbered IRIs still pair up: a part with a
skos:notation by that code (beroepstaak 5, competentie D); a part under another part
(werkzaamheid, gedragskenmerk, kennisitem) under its parent's code, first by equal name, then by
its order (bo:volgorde); any other part (taakgroep, kennisdomein, kritische situatie) by the
last segment of its IRI. A change of order alone is not reported. Only Dutch texts and texts
without a language are compared: translations (@en) and ESCO mappings are not the profile.
"""
from collections import defaultdict

from rdflib import Literal, URIRef

from ..kennisgraaf.labels import id_path
from ..kennisgraaf.profielen import resolve_profiel
from ..vocab import compact
from .kanten import kant

SOORTEN = ("taakgroep", "beroepstaak", "werkzaamheid", "competentie", "gedragskenmerk",
           "kennisdomein", "kennisitem", "kritische-situatie", "matrix")
WIJZIGINGEN = ("toegevoegd", "verwijderd", "gewijzigd")
MATRIX = "bo:relatieMetCompetentie"
BRONSECTIE = "bo:bronsectie"
NAAM = "skos:prefLabel"
# How each compared property is named to a reader (the properties are the query's, in its order).
EIGENSCHAPPEN = {
    "skos:prefLabel": "naam", "bo:korteTitel": "korte titel", "dct:description": "beschrijving",
    "skos:definition": "definitie", "skos:note": "notitie", "skos:scopeNote": "toelichting",
    "skos:altLabel": "andere naam", "skos:editorialNote": "redactionele notitie",
    "bo:taakgroep": "taakgroep", "rdf:type": "klasse", "dct:source": "bron", "bo:bronsectie": "bronsectie",
}


def vergelijk(store, profiel, van, naar, paden=True):
    """The diff of profile `profiel` (any name resolve_profiel takes) between versions `van` and
    `naar` (kanten.kant: a version name, 'voorbeeld', or with paden=True a Turtle path).
    Returns {"profiel", "van", "naar", "samenvatting", "wijzigingen"} (plain data)."""
    p = resolve_profiel(store, profiel)
    links, rechts = kant(store, p, van, paden), kant(store, p, naar, paden)
    oud, nieuw = _onderdelen(links.rijen), _onderdelen(rechts.rijen)
    wijzigingen = sorted(_wijzigingen(oud, nieuw), key=lambda w: SOORTEN.index(w["soort"])) + _matrix(oud, nieuw)
    return {"profiel": {"iri": p["iri"], "slug": p["slug"], "label": p["label"]},
            "van": _kant_info(links), "naar": _kant_info(rechts),
            "samenvatting": samenvatting(wijzigingen), "wijzigingen": wijzigingen}


def samenvatting(wijzigingen):
    """Counts: {"toegevoegd", "verwijderd", "gewijzigd", "totaal", "per_soort": {soort: {...}}}."""
    totaal = {w: 0 for w in WIJZIGINGEN}
    per_soort = {}
    for w in wijzigingen:
        totaal[w["wijziging"]] += 1
        per_soort.setdefault(w["soort"], {x: 0 for x in WIJZIGINGEN})[w["wijziging"]] += 1
    return dict(totaal, totaal=len(wijzigingen),
                per_soort={s: per_soort[s] for s in SOORTEN if s in per_soort})


# --- parts and their keys ----------------------------------------------------------------------

def _onderdelen(rijen):
    """{iri: part} from the query rows; each part has soort, notatie, volgorde, ouder, waarden
    {property: set of terms}, and sleutel (its code, see the module docstring) once paired."""
    delen = {}
    for r in rijen:
        d = delen.setdefault(r["onderdeel"], {"iri": r["onderdeel"], "soort": str(r["soort"]),
                                              "waarden": defaultdict(set)})
        for naam in ("notatie", "volgorde", "ouder"):
            if naam in r:
                d[naam] = r[naam]
        if "eigenschap" in r:
            d["waarden"][compact(r["eigenschap"])].add(r["waarde"])
    return delen


def _code(deel, delen):
    """The key of a part on its own side: its notation, or the last segment of its IRI."""
    if "notatie" in deel:
        return str(deel["notatie"])
    return str(deel["iri"]).rstrip("/").rsplit("/", 1)[-1]


def _paren(oud, nieuw):
    """[(old part or None, new part or None, key)] in a stable order."""
    paren, kinderen = [], defaultdict(lambda: ([], []))
    for kant, delen in ((0, oud), (1, nieuw)):
        for d in delen.values():
            ouder = d.get("ouder")
            if ouder is not None and ouder in delen:
                d["ouder_sleutel"] = (delen[ouder]["soort"], _code(delen[ouder], delen))
                kinderen[(d["soort"], d["ouder_sleutel"])][kant].append(d)
    boven = lambda delen: {(d["soort"], _code(d, delen)): d for d in delen.values() if "ouder_sleutel" not in d}
    links, rechts = boven(oud), boven(nieuw)
    for sleutel in sorted(set(links) | set(rechts), key=_sorteer):
        paren.append((links.get(sleutel), rechts.get(sleutel), sleutel[1]))
    for (soort, ouder), (l, r) in sorted(kinderen.items(), key=lambda kv: _sorteer((kv[0][0],) + kv[0][1])):
        paren += _paren_onder(l, r, ouder[1])
    return paren


def _paren_onder(links, rechts, ouder):
    """Children of one parent: equal names first, then the same order number."""
    naam = lambda d: frozenset(str(v) for v in d["waarden"].get(NAAM, ()))
    over = list(rechts)
    paren = []
    for l in links:
        gelijk = next((r for r in over if naam(r) == naam(l)), None)
        if gelijk is not None:
            over.remove(gelijk)
        paren.append([l, gelijk])
    for paar in paren:
        if paar[1] is None:
            zelfde = next((r for r in over if r.get("volgorde") == paar[0].get("volgorde")), None)
            if zelfde is not None:
                over.remove(zelfde)
                paar[1] = zelfde
    paren += [[None, r] for r in over]
    return [(l, r, f"{ouder}/{(r or l).get('volgorde', '?')}") for l, r in paren]


def _sorteer(sleutel):
    """Kinds in SOORTEN order, codes as numbers where they are."""
    soort, *rest = sleutel
    return (SOORTEN.index(soort) if soort in SOORTEN else len(SOORTEN),
            *[(0, int(c), "") if str(c).isdigit() else (1, 0, str(c)) for c in rest])


# --- the changes -------------------------------------------------------------------------------

def _wijzigingen(oud, nieuw):
    sleutels = {}                                  # iri -> displayed key, both sides
    paren = _paren(oud, nieuw)
    for l, r, sleutel in paren:
        for d in (l, r):
            if d is not None:
                sleutels[d["iri"]] = f"{d['soort']} {sleutel}"
    gevonden = []
    for l, r, sleutel in paren:
        soort = (l or r)["soort"]
        if l is None or r is None:
            gevonden.append(_wijziging(soort, "toegevoegd" if l is None else "verwijderd", sleutel, l, r))
            continue
        verschillen = _verschillen(l, r, sleutels)
        if verschillen:
            gevonden.append(dict(_wijziging(soort, "gewijzigd", sleutel, l, r), verschillen=verschillen))
    return gevonden


def _verschillen(l, r, sleutels):
    found = []
    for eigenschap in EIGENSCHAPPEN:
        a = _waarden(l["waarden"].get(eigenschap, ()), sleutels)
        b = _waarden(r["waarden"].get(eigenschap, ()), sleutels)
        if a != b:
            found.append({"eigenschap": eigenschap, "naam": EIGENSCHAPPEN[eigenschap], "van": a, "naar": b})
    return found


def _waarden(terms, sleutels):
    """Sorted texts; a link to a part of the profile as that part's key (renumbering aside)."""
    return sorted(sleutels.get(t, id_path(t) or compact(t)) if isinstance(t, URIRef) else str(t)
                  for t in terms)


def _wijziging(soort, wat, sleutel, l, r):
    return {"soort": soort, "wijziging": wat, "sleutel": sleutel,
            "naam": _naam(r) or _naam(l), "van": _deel_info(l), "naar": _deel_info(r), "verschillen": []}


def _deel_info(d):
    if d is None:
        return None
    return {"iri": str(d["iri"]), "naam": _naam(d),
            "bronsectie": sorted(str(v) for v in d["waarden"].get(BRONSECTIE, ())),
            "bron": sorted(id_path(v) or str(v) for v in d["waarden"].get("dct:source", ()))}


def _naam(d):
    if d is None:
        return ""
    names = sorted(str(v) for v in d["waarden"].get(NAAM, ()) if isinstance(v, Literal))
    return names[0] if names else ""


# --- the matrix ---------------------------------------------------------------------------------

def _matrix(oud, nieuw):
    """Cells (task × competence) one side has and the other not, with the task's source section."""
    def cellen(delen):
        found = {}
        for d in delen.values():
            for c in d["waarden"].get(MATRIX, ()):
                if c in delen:
                    found[(_code(d, delen), _code(delen[c], delen))] = d
        return found
    links, rechts = cellen(oud), cellen(nieuw)
    gevonden = []
    for cel in sorted(set(links) ^ set(rechts), key=lambda c: _sorteer(("matrix",) + c)):
        l, r = links.get(cel), rechts.get(cel)
        sleutel = f"{cel[0]} × {cel[1]}"
        wijziging = _wijziging("matrix", "toegevoegd" if l is None else "verwijderd", sleutel, l, r)
        wijziging["naam"] = f"beroepstaak {cel[0]} × competentie {cel[1]}"
        gevonden.append(wijziging)
    return gevonden


def _kant_info(k):
    return {"naam": k.naam, "bestand": k.bestand, "voorbeeld": k.voorbeeld, "versie": k.eigen,
            "in_graaf": k.bestand is None}
