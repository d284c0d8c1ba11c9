"""Routes into a profession: from a starting point, through programmes, to the register.

Everything a route says comes from the graph: which programmes lead to the profession
(bo:leidtTot), their admission requirements (bo:toelatingseis: minimum NLQF level, sector,
recognition), the programmes that may come first when the start is on too low a level, and
the steps after the programme (bo:vervolgstap: membership, register). The admission check
itself is the SPARQL of route-toelating.rq / route-tussenstappen.rq; this module only walks
the answers and writes them down. Nothing here knows a profession by name.

A start that is on too low a level (havo → master) goes through a suitable programme first;
a start that is on the right level but fails another facet of a requirement (a bachelor
outside zorg en welzijn → STW) is refused with that requirement.
"""
import difflib
import re
from collections import defaultdict

from rdflib import URIRef

from .errors import BeroepenError
from .graph import ID, EmbeddedStore, compact
from .queries import named_query
from .registratie.waarden import toon_getal


def _select(store, name, **bindings):
    return store.select(named_query(name).text, {k: URIRef(v) for k, v in bindings.items()})


def _text(term):
    return "" if term is None else str(term)


def _norm(text):
    return re.sub(r"\s+", " ", text.strip().casefold())


# --- names in, resources out ------------------------------------------------------------

def resolve_name(name, rows, key, kind):
    """The one resource whose name, label or IRI slug is `name`; else a BeroepenError."""
    wanted = _norm(name)
    names = defaultdict(set)   # normalised name -> resources
    labels = {}
    for row in rows:
        iri = str(row[key])
        labels[iri] = _text(row["label"])
        for candidate in (_text(row.get("naam")), _text(row["label"]), iri[len(ID):],
                          iri.rsplit("/", 1)[-1]):
            if candidate:
                names[_norm(candidate)].add(iri)
    found = names.get(wanted, set())
    if len(found) == 1:
        iri = found.pop()
        return iri, labels[iri]
    if len(found) > 1:
        options = "; ".join(f"{labels[i]} ({i[len(ID):]})" for i in sorted(found))
        raise BeroepenError(f"{kind} '{name}' is niet eenduidig; kies een van: {options}")
    close = []
    for match in difflib.get_close_matches(wanted, list(names), n=8, cutoff=0.5):
        for iri in sorted(names[match]):
            if labels[iri] not in close:
                close.append(labels[iri])
    hint = f"; bedoelde u: {', '.join(close[:5])}" if close else ""
    raise BeroepenError(f"onbekend {kind} '{name}'{hint}")


def resolve_beroep(name, store):
    return resolve_name(name, _select(store, "route-beroepen"), "beroep", "beroep")


def resolve_start(name, store):
    return resolve_name(name, _select(store, "route-startpunten"), "start", "startpunt")


def startpunten(store=None):
    """Every known starting point: label and IRI (for help texts and the web form)."""
    store = store or EmbeddedStore()
    seen = {}
    for row in _select(store, "route-startpunten"):
        seen[str(row["start"])] = _text(row["label"])
    return [{"iri": iri, "naam": label} for iri, label in sorted(seen.items(), key=lambda x: x[1].casefold())]


def beroepen_met_route(store=None):
    """The professions some programme in the graph leads to, directly or through a narrower one."""
    store = store or EmbeddedStore()
    found = {}
    for row in _select(store, "route-beroepen"):
        iri = str(row["beroep"])
        if iri not in found and _select(store, "route-opleidingen", beroep=iri):
            found[iri] = _text(row["label"])
    return [{"iri": iri, "naam": naam} for iri, naam in sorted(found.items(), key=lambda x: x[1])]


# --- the pieces of a route ---------------------------------------------------------------

def _startpunt(iri, store):
    rows = _select(store, "route-startpunt", start=iri)
    row = rows[0]
    return {"iri": iri, "naam": _text(row["label"]), "niveau": _text(row.get("niveaulabel")),
            "sectoren": sorted({_text(r["sectorlabel"]) for r in rows if r.get("sectorlabel")})}


def _opleidingen(beroep, store):
    """Programmes leading to the profession (or one under it), in level order."""
    found = {}
    for row in _select(store, "route-opleidingen", beroep=beroep):
        iri = str(row["opleiding"])
        opleiding = found.setdefault(iri, {
            "iri": iri, "naam": _text(row["label"]), "soort": compact(row["soort"]),
            "niveau": _text(row.get("niveaulabel")), "eqf": _text(row.get("eqflabel")),
            "variant_van": _text(row.get("variantvanlabel")) or None,
            "bronsectie": _text(row.get("bronsectie")), "beroepen": []})
        if row["soort"] != URIRef("https://w3id.org/beroepen/def#Opleiding"):
            opleiding["soort"] = compact(row["soort"])
        naam = _text(row["doelberoeplabel"])
        if naam not in opleiding["beroepen"]:
            opleiding["beroepen"].append(naam)
    return list(found.values())


def _kenmerken(opleiding, store):
    values = defaultdict(list)
    for row in _select(store, "opleiding-kenmerken", opleiding=opleiding):
        text = _text(row.get("label")) or _text(row["waarde"])
        if text not in values[_text(row["kenmerk"])]:
            values[_text(row["kenmerk"])].append(text)
    return values


def _eis(iri, store):
    """A requirement's parts: {"iri", "naam", "minimumniveau", "sectoren", "erkenning", …}."""
    parts = defaultdict(list)
    for row in _select(store, "route-eis-onderdelen", eis=iri):
        parts[_text(row["onderdeel"])].append(_text(row.get("label")) or _text(row["waarde"]))
    return {"iri": iri, "minimumniveau": (parts["minimumniveau"] or [None])[0],
            "sectoren": parts["sector"], "erkenning": parts["erkenning"],
            "bron": parts["bron"], "bronsectie": "; ".join(parts["bronsectie"]),
            "toelichting": " ".join(parts["noot"])}


def _toelating(start, opleiding, store):
    """Each requirement of `opleiding`, checked against `start` (None: not checked)."""
    if start is None:
        rows = _select(store, "route-eisen", opleiding=opleiding)
    else:
        rows = _select(store, "route-toelating", start=start["iri"], opleiding=opleiding)
    eisen = []
    for row in rows:
        eis = _eis(str(row["eis"]), store)
        eis["naam"] = _text(row["eislabel"])
        if start is not None:
            eis["niveau_voldaan"] = row["niveauvoldaan"].toPython()
            eis["sector_voldaan"] = row["sectorvoldaan"].toPython()
            eis["erkenning_voldaan"] = row["erkenningvoldaan"].toPython()
            eis["voldaan"] = eis["niveau_voldaan"] and eis["sector_voldaan"] and eis["erkenning_voldaan"]
        eisen.append(eis)
    return sorted(eisen, key=lambda e: e["naam"])


def _reden(eis, start):
    """Why `start` does not meet `eis`, in the requirement's own terms."""
    redenen = []
    if not eis["niveau_voldaan"]:
        heeft = f"{start['naam']} is {start['niveau']}" if start["niveau"] else \
            f"van {start['naam']} is geen NLQF-niveau bekend"
        redenen.append(f"vereist ten minste {eis['minimumniveau']}; {heeft}")
    if not eis["sector_voldaan"]:
        heeft = (f"{start['naam']} valt onder {', '.join(start['sectoren'])}" if start["sectoren"]
                 else f"van {start['naam']} is geen sector bekend")
        redenen.append(f"vereist de sector {' of '.join(eis['sectoren'])}; {heeft}")
    if not eis["erkenning_voldaan"]:
        redenen.append(f"vereist erkenning door {' en '.join(eis['erkenning'])}; "
                       f"{start['naam']} heeft die erkenning niet")
    return "; ".join(redenen)


def _vervolgstappen(opleiding, beroep, store):
    steps = {}
    for row in _select(store, "route-vervolgstappen", opleiding=opleiding, beroep=beroep):
        iri = str(row["stap"])
        stap = steps.setdefault(iri, {
            "stap": "lidmaatschap" if row.get("lidmaatschap") is not None and row["lidmaatschap"].toPython()
            else "registratie",
            "iri": iri, "naam": _text(row["label"]), "positie": int(row["positie"]),
            "beschrijving": _text(row.get("beschrijving")), "bronsectie": _text(row.get("bronsectie")),
            "register": None, "regeling": None, "vereiste_erkenning": [], "beroepsverenigingen": []})
        if row.get("register") is not None:
            stap["register"] = {"iri": str(row["register"]), "naam": _text(row["registerlabel"])}
        if row.get("regeling") is not None:
            stap["regeling"] = {"iri": str(row["regeling"]), "naam": _text(row["regelinglabel"])}
        if row.get("erkenning") is not None:
            erkenning = {"organisatie": _text(row["erkenninglabel"]), "voldaan": row["erkend"].toPython()}
            if erkenning not in stap["vereiste_erkenning"]:
                stap["vereiste_erkenning"].append(erkenning)
        if row.get("verenigingslabel") is not None:
            naam = _text(row["verenigingslabel"])
            if naam not in stap["beroepsverenigingen"]:
                stap["beroepsverenigingen"].append(naam)
    return sorted(steps.values(), key=lambda s: (s["positie"], s["naam"]))


# --- one route ---------------------------------------------------------------------------

def _route(opleiding, start, beroep, store):
    """{"opleiding", "stappen", "haalbaar", "blokkades"} for one programme."""
    stappen, blokkades = [], []
    if start is not None:
        stappen.append({"stap": "vooropleiding", "iri": start["iri"], "naam": start["naam"],
                        "niveau": start["niveau"], "sectoren": start["sectoren"]})
    if start is not None and start["iri"] == opleiding["iri"]:
        stappen.append({"stap": "toelating", "eisen": [], "afgerond": True})
    else:
        eisen = _toelating(start, opleiding["iri"], store)
        failing = [e for e in eisen if start is not None and not e["voldaan"]]
        if failing and all(not e["niveau_voldaan"] for e in failing):
            tussen = _tussenstappen(start, opleiding, store)
            if tussen:
                stappen.append({"stap": "tussenstap", "opleidingen": tussen,
                                "reden": "; ".join(f"{e['naam']}: {_reden(e, start)}" for e in failing)})
                for eis in failing:
                    eis["voldaan"] = eis["via_tussenstap"] = True
                failing = []
        for eis in failing:
            blokkades.append({"eis": {k: eis[k] for k in ("iri", "naam", "bronsectie", "toelichting")},
                              "reden": _reden(eis, start)})
        stappen.append({"stap": "toelating", "eisen": eisen})
    kenmerken = _kenmerken(opleiding["iri"], store)
    stappen.append({"stap": "opleiding", "iri": opleiding["iri"], "naam": opleiding["naam"],
                    "soort": opleiding["soort"], "niveau": opleiding["niveau"], "eqf": opleiding["eqf"],
                    "variant_van": opleiding["variant_van"], "beroepen": opleiding["beroepen"],
                    "accreditatie": kenmerken["accreditatie"], "erkenning": kenmerken["erkenning"],
                    "instellingen": kenmerken["instelling"],
                    "studiebelasting": toon_getal((kenmerken["studiebelasting"] or [None])[0]),
                    "bron": kenmerken["bron"], "bronsectie": "; ".join(kenmerken["bronsectie"]),
                    "noten": kenmerken["noot"]})
    for stap in _vervolgstappen(opleiding["iri"], beroep, store):
        for erkenning in stap["vereiste_erkenning"]:
            if not erkenning["voldaan"]:
                blokkades.append({"eis": {"iri": stap["iri"], "naam": stap["naam"],
                                          "bronsectie": stap["bronsectie"], "toelichting": ""},
                                  "reden": f"vereist erkenning van de opleiding door {erkenning['organisatie']}"})
        stappen.append(stap)
    return {"opleiding": {k: opleiding[k] for k in ("iri", "naam", "niveau", "eqf", "variant_van", "beroepen")},
            "stappen": stappen, "haalbaar": not blokkades, "blokkades": blokkades}


def _tussenstappen(start, opleiding, store):
    rows = _select(store, "route-tussenstappen", start=start["iri"], opleiding=opleiding["iri"])
    return [{"iri": str(r["tussen"]), "naam": _text(r["label"]), "niveau": _text(r["niveaulabel"])}
            for r in rows]


# --- the public call ---------------------------------------------------------------------

def routes(naar, vanaf=None, store=None):
    """Every route into profession `naar` (a name, label or IRI slug), from `vanaf` if given.

    Returns {"beroep", "vanaf", "haalbaar", "routes": [...], "geblokkeerd": [...]}: feasible
    routes step by step, and for each programme that cannot be reached from `vanaf` the
    requirement that blocks it. Unknown or ambiguous names raise BeroepenError.
    """
    store = store or EmbeddedStore()
    beroep_iri, beroep_naam = resolve_beroep(naar, store)
    start = None
    if vanaf is not None and vanaf.strip():
        start = _startpunt(resolve_start(vanaf, store)[0], store)
    gevonden = [_route(o, start, beroep_iri, store) for o in _opleidingen(beroep_iri, store)]
    return {
        "beroep": {"iri": beroep_iri, "naam": beroep_naam},
        "vanaf": start,
        "haalbaar": any(r["haalbaar"] for r in gevonden),
        "routes": [r for r in gevonden if r["haalbaar"]],
        "geblokkeerd": [{"opleiding": r["opleiding"], "blokkades": r["blokkades"]}
                        for r in gevonden if not r["haalbaar"]],
    }


def blokkerende_eisen(result):
    """The distinct requirements that block every route (for the exit-1 message)."""
    seen = []
    for blocked in result["geblokkeerd"]:
        for blokkade in blocked["blokkades"]:
            line = f"{blokkade['eis']['naam']} ({blokkade['reden']})"
            if line not in seen:
                seen.append(line)
    return seen


# --- text --------------------------------------------------------------------------------

def as_text(result):
    """The routes as readable text: one block per route, one numbered line per step."""
    vanaf = f" vanaf {result['vanaf']['naam']}" if result["vanaf"] else ""
    lines = [f"Routes naar {result['beroep']['naam']}{vanaf}: "
             f"{len(result['routes'])} haalbaar, {len(result['geblokkeerd'])} geblokkeerd", ""]
    for n, route in enumerate(result["routes"], 1):
        lines.append(f"Route {n}: {_opleiding_kop(route['opleiding'])}")
        lines += [f"  {i}. {_stap_tekst(stap)}" for i, stap in enumerate(route["stappen"], 1)]
        lines.append("")
    if result["geblokkeerd"]:
        lines.append("Geblokkeerd:")
        for blocked in result["geblokkeerd"]:
            lines.append(f"  {_opleiding_kop(blocked['opleiding'])}")
            for blokkade in blocked["blokkades"]:
                eis = blokkade["eis"]
                lines.append(f"    - toelatingseis '{eis['naam']}': {blokkade['reden']} [{eis['bronsectie']}]")
        lines.append("")
    return "\n".join(lines)


def _opleiding_kop(opleiding):
    niveau = " / ".join(n for n in (opleiding["niveau"], opleiding["eqf"]) if n)
    return f"{opleiding['naam']}" + (f" ({niveau})" if niveau else "") + \
        f" → {', '.join(opleiding['beroepen'])}"


def _stap_tekst(stap):
    soort = stap["stap"]
    if soort == "vooropleiding":
        niveau = f" ({stap['niveau']})" if stap["niveau"] else ""
        return f"vooropleiding: {stap['naam']}{niveau}"
    if soort == "tussenstap":
        namen = "; ".join(f"{o['naam']} ({o['niveau']})" for o in stap["opleidingen"])
        return f"eerst een geschikte opleiding: {namen} — omdat {stap['reden']}"
    if soort == "toelating":
        if stap.get("afgerond"):
            return "toelating: opleiding al afgerond"
        if not stap["eisen"]:
            return "toelating: de bronnen noemen geen toelatingseis"
        return "toelating: " + "; ".join(_eis_tekst(e) for e in stap["eisen"])
    if soort == "opleiding":
        delen = [f"opleiding: {stap['naam']}"]
        if stap["niveau"]:
            delen.append(" / ".join(n for n in (stap["niveau"], stap["eqf"]) if n))
        if stap["studiebelasting"]:
            delen.append(f"studiebelasting {stap['studiebelasting']} uur")
        if stap["accreditatie"]:
            delen.append(f"geaccrediteerd door {', '.join(stap['accreditatie'])}")
        if stap["erkenning"]:
            delen.append(f"erkend door {', '.join(stap['erkenning'])}")
        if stap["instellingen"]:
            delen.append(f"instellingen: {', '.join(stap['instellingen'])}")
        return "; ".join(delen) + f" [{stap['bronsectie']}]"
    delen = [f"{stap['naam']}"]
    if stap["beroepsverenigingen"]:
        delen.append(f"bij {', '.join(stap['beroepsverenigingen'])}")
    for erkenning in stap["vereiste_erkenning"]:
        status = "voldaan" if erkenning["voldaan"] else "NIET voldaan"
        delen.append(f"voorwaarde: opleiding erkend door {erkenning['organisatie']} ({status})")
    if stap["regeling"]:
        delen.append(f"regeling: {stap['regeling']['naam']}")
    return "; ".join(delen) + f" [{stap['bronsectie']}]"


def _eis_tekst(eis):
    status = "" if "voldaan" not in eis else (
        " — voldaan na de tussenstap" if eis.get("via_tussenstap") else
        " — voldaan" if eis["voldaan"] else " — NIET voldaan")
    noot = f" ({eis['toelichting']})" if eis.get("toelichting") else ""
    return f"{eis['naam']}{status} [{eis['bronsectie']}]{noot}"
