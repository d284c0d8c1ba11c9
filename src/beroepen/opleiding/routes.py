"""Routes into a profession: from a starting point, through programmes, to the register.

Everything a route says comes from the graph: which programmes lead to the profession
(bo:leidtTot), their admission requirements (bo:toelatingseis: minimum NLQF level, sector,
recognition), the programmes that may come first when the start is on too low a level, and
the steps after the programme (bo:vervolgstap: membership, register). The admission check
itself is the SPARQL of route-toelating.rq / route-tussenstappen.rq; this module only walks
the answers and writes them down. Nothing here knows a profession by name.

Each step says how sure it is (`zekerheid`, the notations of bo:Zekerheid): "bron" (a source
states it), "afgeleid" (derived; `redenering` says why) or "onbekend" (the sources do not say;
ask the programme). Only a requirement a source states (bo:zekerheidBron) can refuse a route,
and only on a fact a source states (a level, a stated sector): a derived requirement, an
assumed sector or a facet the data cannot judge makes the step "onbekend", never "geen route".
A start that is on too low a level (havo → master) goes through a suitable programme first.
"""
import difflib
import json
import re
from collections import defaultdict

from rdflib import URIRef

from ..errors import NietEenduidig, NietGevonden
from ..vocab import BO, ID, compact
from ..kennisgraaf.store import EmbeddedStore
from ..kennisgraaf.queries import InTaal, named_query
from ..kennisgraaf.querying import label
from ..invoer.waarden import toon_getal


def _select(store, name, **bindings):
    return store.select(named_query(name).text, {k: URIRef(v) for k, v in bindings.items()})


def _text(term):
    """The text of a term; a label keeps its language (querying.Label) for the pages."""
    return label(term)


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
        raise NietEenduidig(f"{kind} '{name}' is niet eenduidig; kies een van: {options}")
    close = []
    # names that start with what was typed ('spel' → speltherapeut), then names that look like it
    beginnen = sorted(n for n in names if wanted and n.startswith(wanted))
    for match in beginnen + difflib.get_close_matches(wanted, list(names), n=8, cutoff=0.5):
        for iri in sorted(names[match]):
            if labels[iri] not in close:
                close.append(labels[iri])
    hint = f"; bedoelde u: {', '.join(close[:5])}" if close else ""
    raise NietGevonden(f"onbekend {kind} '{name}'{hint}")


def resolve_beroep(name, store):
    return resolve_name(name, _select(store, "route-beroepen"), "beroep", "beroep")


def resolve_start(name, store):
    return resolve_name(name, _select(store, "route-startpunten"), "start", "startpunt")


def startpunten(store=None, taal=None):
    """Every known starting point: label (in `taal`, else Dutch) and IRI (for help texts and the web form)."""
    store = InTaal(store or EmbeddedStore(), taal)
    seen = {}
    for row in _select(store, "route-startpunten"):
        seen[str(row["start"])] = _text(row["label"])
    # two starts may share a name (the bachelor and the master 'Pedagogiek'): then by IRI, the
    # same on every engine
    return [{"iri": iri, "naam": label} for iri, label in sorted(seen.items(), key=lambda x: (x[1].casefold(), x[0]))]


def beroepen_met_route(store=None, taal=None):
    """The professions some programme in the graph leads to, directly or through a narrower one;
    their names in `taal`, else Dutch."""
    store = InTaal(store or EmbeddedStore(), taal)
    met_opleiding = {str(row["beroep"]) for row in _select(store, "route-opleidingen")}
    found = {}
    for row in _select(store, "route-beroepen"):
        iri = str(row["beroep"])
        if iri not in found and iri in met_opleiding:
            found[iri] = _text(row["label"])
    return [{"iri": iri, "naam": naam} for iri, naam in sorted(found.items(), key=lambda x: x[1])]


# --- how sure -----------------------------------------------------------------------------

ZEKERHEDEN = ("bron", "afgeleid", "onbekend")   # strongest first: the notations of bo:Zekerheid
GEEN_TOELATINGSEISEN = "de bron noemt geen toelatingseisen; vraag de opleiding"
GEEN_OPLEIDING = ("De bronnen in de graaf noemen geen opleiding die tot {beroep} leidt, dus of en hoe "
                  "een route bestaat is onbekend (geen weigering); vraag de beroepsvereniging.")


def zwakste(*zekerheden):
    return max((z for z in zekerheden if z), key=ZEKERHEDEN.index, default="bron")


def sterkste(*zekerheden):
    return min((z for z in zekerheden if z), key=ZEKERHEDEN.index, default="onbekend")


def _redenering(*delen):
    seen = []
    for deel in delen:
        if deel and deel not in seen:
            seen.append(deel)
    return " ".join(seen) or None


# --- the pieces of a route ---------------------------------------------------------------

def _startpunt(iri, store):
    rows = _select(store, "route-startpunt", start=iri)
    row = rows[0]
    sectoren = {}
    for r in rows:
        if r.get("sectorlabel") is not None:
            naam = _text(r["sectorlabel"])
            zekerheid = _text(r["sectorzekerheid"])
            if naam not in sectoren or ZEKERHEDEN.index(zekerheid) < ZEKERHEDEN.index(sectoren[naam]["zekerheid"]):
                sectoren[naam] = {"naam": naam, "zekerheid": zekerheid,
                                  "redenering": _text(r.get("sectorredenering")) or None}
    return {"iri": iri, "naam": _text(row["label"]), "niveau": _text(row.get("niveaulabel")),
            "sectoren": sorted(sectoren.values(), key=lambda s: s["naam"])}


def _opleidingen(beroep, store):
    """Programmes leading to the profession (or one under it), in level order."""
    found = {}
    for row in _select(store, "route-opleidingen", beroep=beroep):
        iri = str(row["opleiding"])
        opleiding = found.setdefault(iri, {
            "iri": iri, "naam": _text(row["label"]), "soort": compact(row["soort"]),
            "niveau": _text(row.get("niveaulabel")), "eqf": _text(row.get("eqflabel")),
            "variant_van": _text(row.get("variantvanlabel")) or None,
            "bronsectie": _text(row.get("bronsectie")), "beroepen": [], "leidt_tot": []})
        if row["soort"] != BO.Opleiding:
            opleiding["soort"] = compact(row["soort"])
        naam = _text(row["doelberoeplabel"])
        if naam not in opleiding["beroepen"]:
            opleiding["beroepen"].append(naam)
            opleiding["leidt_tot"].append({"beroep": naam, "zekerheid": _text(row["zekerheid"]),
                                           "redenering": _text(row.get("redenering")) or None})
    return list(found.values())


def _bredere_opleidingen(beroep, naam, store):
    """Programmes into a profession `beroep` falls under: whether they lead to it is unknown."""
    found = {}
    for row in _select(store, "route-bredere-opleidingen", beroep=beroep):
        iri = str(row["opleiding"])
        breder = _text(row["brederlabel"])
        found.setdefault(iri, {
            "iri": iri, "naam": _text(row["label"]), "niveau": _text(row.get("niveaulabel")),
            "beroep": breder, "bronsectie": _text(row.get("bronsectie")), "zekerheid": "onbekend",
            "redenering": f"leidt op tot {breder}; de bron zegt niet of deze opleiding opleidt tot "
                          f"{naam}; vraag de opleiding"})
    return list(found.values())


def _per_opleiding(rows):
    """{programme IRI: its rows, in answer order}."""
    grouped = defaultdict(list)
    for row in rows:
        grouped[str(row["opleiding"])].append(row)
    return grouped


def _kenmerken(opleidingen, store):
    """{programme IRI: {kenmerk: [values]}} for every programme, from one query."""
    found = defaultdict(lambda: defaultdict(list))
    for row in _select(store, "opleiding-kenmerken"):
        values = found[str(row["opleiding"])][_text(row["kenmerk"])]
        text = _text(row.get("label")) or _text(row["waarde"])
        if text not in values:
            values.append(text)
    return {iri: found[iri] for iri in opleidingen}


def _eisonderdelen(store):
    """{requirement IRI: {"iri", "minimumniveau", "sectoren", "erkenning", …}} of every
    admission requirement, from one query."""
    parts = defaultdict(lambda: defaultdict(list))
    for row in _select(store, "route-eis-onderdelen"):
        parts[str(row["eis"])][_text(row["onderdeel"])].append(_text(row.get("label")) or _text(row["waarde"]))
    return {iri: {"iri": iri, "minimumniveau": (p["minimumniveau"] or [None])[0],
                  "sectoren": p["sector"], "erkenning": p["erkenning"],
                  "bron": p["bron"], "bronsectie": "; ".join(p["bronsectie"]),
                  "toelichting": " ".join(p["noot"])}
            for iri, p in parts.items()}


def _toelatingen(start, store):
    """{programme IRI: [requirement]} for every programme: each requirement judged per facet
    against `start` (None: not judged), from one query.

    `eis_zekerheid` is the requirement's own ("bron" or "afgeleid"), `redenering` why it is
    derived; with a start, `facetten` holds the query's "ja"/"nee"/"afgeleid"/"onbekend" per
    facet and `voldaan` "ja", "nee" or "onbekend". `zekerheid` starts as the requirement's own
    and becomes the certainty of the verdict in the route.
    """
    if start is None:
        rows = _select(store, "route-eisen")
    else:
        rows = _select(store, "route-toelating", start=start["iri"])
    onderdelen = _eisonderdelen(store) if rows else {}
    return {opleiding: _toelating(start, rijen, onderdelen) for opleiding, rijen in _per_opleiding(rows).items()}


def _toelating(start, rows, onderdelen):
    eisen = {}
    for row in rows:
        if str(row["eis"]) in eisen:   # one row per assumption a facet rests on
            continue
        eis = dict(onderdelen.get(str(row["eis"])) or _geen_onderdelen(str(row["eis"])))
        eis.update(naam=_text(row["eislabel"]), eis_zekerheid=_text(row["eiszekerheid"]),
                   zekerheid=_text(row["eiszekerheid"]), redenering=_text(row.get("redenering")) or None)
        if start is not None:
            eis["facetten"] = {f: _text(row[f]) for f in ("niveau", "sector", "erkenning")}
            eis["voldaan"] = _text(row["voldaan"])
            eis["aannames"] = [_text(row.get(f"{f}redenering")) for f in ("sector", "erkenning")
                               if eis["facetten"][f] == "afgeleid"]
        eisen[str(row["eis"])] = eis
    return sorted(eisen.values(), key=lambda e: e["naam"])


def _geen_onderdelen(iri):
    return {"iri": iri, "minimumniveau": None, "sectoren": [], "erkenning": [], "bron": [],
            "bronsectie": "", "toelichting": ""}


def _reden(eis, start):
    """Why `start` does not (or not surely) meet `eis`, in the requirement's own terms."""
    redenen = []
    niveau, sector, erkenning = (eis["facetten"][f] for f in ("niveau", "sector", "erkenning"))
    if niveau == "nee":
        redenen.append(f"vereist ten minste {eis['minimumniveau']}; {start['naam']} is {start['niveau']}")
    elif niveau == "onbekend":
        redenen.append(f"vereist ten minste {eis['minimumniveau']}; van {start['naam']} is geen NLQF-niveau bekend")
    vereist = " of ".join(eis["sectoren"])
    gezegd = [s["naam"] for s in start["sectoren"] if s["zekerheid"] == "bron"]
    if sector == "nee":
        redenen.append(f"vereist de sector {vereist}; {start['naam']} valt onder {', '.join(gezegd)}")
    elif sector == "onbekend":
        redenen.append(f"vereist de sector {vereist}; de bronnen noemen de sector van {start['naam']} niet")
    if erkenning == "onbekend":
        redenen.append(f"vereist erkenning door {' en '.join(eis['erkenning'])}; de bronnen zeggen niet "
                       f"dat {start['naam']} die erkenning heeft")
    return "; ".join(redenen)


def _vervolgstappen(beroep, store):
    """{programme IRI: [step]}: the steps after each programme, from one query."""
    return {opleiding: _stappen(rows) for opleiding, rows in
            _per_opleiding(_select(store, "route-vervolgstappen", beroep=beroep)).items()}


def _stappen(rows):
    steps = {}
    for row in rows:
        iri = str(row["stap"])
        stap = steps.setdefault(iri, {
            "stap": "lidmaatschap" if row.get("lidmaatschap") is not None and row["lidmaatschap"].toPython()
            else "registratie",
            "iri": iri, "naam": _text(row["label"]), "positie": int(row["positie"]),
            "beschrijving": _text(row.get("beschrijving")), "bronsectie": _text(row.get("bronsectie")),
            "register": None, "regeling": None, "vereiste_erkenning": [], "beroepsverenigingen": [],
            "zekerheid": "bron", "redenering": None})
        if row.get("register") is not None:
            stap["register"] = {"iri": str(row["register"]), "naam": _text(row["registerlabel"])}
        if row.get("regeling") is not None:
            stap["regeling"] = {"iri": str(row["regeling"]), "naam": _text(row["regelinglabel"])}
        if row.get("erkenning") is not None:
            erkenning = _erkenning(row)
            if erkenning not in stap["vereiste_erkenning"]:
                stap["vereiste_erkenning"].append(erkenning)
        if row.get("verenigingslabel") is not None:
            naam = _text(row["verenigingslabel"])
            if naam not in stap["beroepsverenigingen"]:
                stap["beroepsverenigingen"].append(naam)
    for stap in steps.values():
        zekerheden = [e["zekerheid"] for e in stap["vereiste_erkenning"]]
        stap["zekerheid"] = zwakste(*zekerheden)
        stap["redenering"] = _redenering(*(e["redenering"] for e in stap["vereiste_erkenning"]
                                           if e["zekerheid"] == stap["zekerheid"]))
    return sorted(steps.values(), key=lambda s: (s["positie"], s["naam"]))


def _erkenning(row):
    """A recognition a step requires: stated for the programme, assumed, or unknown (never 'no':
    no source says a programme is not recognised)."""
    organisatie = _text(row["erkenninglabel"])
    if row["erkend"].toPython():
        return {"organisatie": organisatie, "voldaan": "ja", "zekerheid": "bron", "redenering": None}
    if row.get("erkenningredenering") is not None:
        return {"organisatie": organisatie, "voldaan": "ja", "zekerheid": "afgeleid",
                "redenering": _text(row["erkenningredenering"])}
    return {"organisatie": organisatie, "voldaan": "onbekend", "zekerheid": "onbekend",
            "redenering": f"de bronnen zeggen niet dat de opleiding erkend is door {organisatie}; vraag de opleiding"}


# --- one route ---------------------------------------------------------------------------

def _toelatingsstap(start, opleiding, eisen, store):
    """(steps, blokkades): a tussenstap if needed, then the admission step with its certainty."""
    if start is not None and start["iri"] == opleiding["iri"]:
        return [{"stap": "toelating", "eisen": [], "afgerond": True, "zekerheid": "bron",
                 "redenering": None}], []
    stappen, blokkades = [], []
    tussen = None
    if start is not None:
        te_laag = [e for e in eisen if e["voldaan"] == "nee"]
        if te_laag and all(e["facetten"]["sector"] != "nee" for e in te_laag):
            tussen = _tussenstap(start, opleiding, te_laag, store)
        if tussen:
            stappen.append(tussen)
            for eis in te_laag:
                eis.update(voldaan="ja", via_tussenstap=True)
    zekerheden, afgeleid, onbekend = [], [], []
    for eis in eisen:
        if start is None or eis["voldaan"] == "ja":
            via = eis.get("via_tussenstap")
            aannames = [] if start is None or via else eis["aannames"]
            eis["zekerheid"] = zwakste(eis["eis_zekerheid"], "afgeleid" if aannames else None,
                                       tussen["zekerheid"] if via else None)
            if eis["zekerheid"] == "afgeleid":
                afgeleid += [eis["redenering"]] + aannames + ([tussen["redenering"]] if via else [])
        elif eis["voldaan"] == "nee" and eis["eis_zekerheid"] == "bron":
            eis["zekerheid"] = "bron"
            blokkades.append({"eis": {k: eis[k] for k in ("iri", "naam", "bronsectie", "toelichting")},
                              "reden": _reden(eis, start)})
            continue
        else:   # a derived requirement not met, or a facet the data cannot judge
            eis["zekerheid"] = "onbekend"
            soort = " (afgeleide eis)" if eis["eis_zekerheid"] == "afgeleid" else ""
            onbekend.append(f"{eis['naam']}{soort}: {_reden(eis, start)}; vraag de opleiding.")
        zekerheden.append(eis["zekerheid"])
    if not eisen:
        zekerheid, redenering = "onbekend", GEEN_TOELATINGSEISEN
    else:
        zekerheid = zwakste(*zekerheden)
        redenering = _redenering(*{"bron": [], "afgeleid": afgeleid, "onbekend": onbekend}[zekerheid])
    stappen.append({"stap": "toelating", "eisen": eisen, "zekerheid": zekerheid, "redenering": redenering})
    return stappen, blokkades


def _tussenstap(start, opleiding, te_laag, store):
    rows = _select(store, "route-tussenstappen", start=start["iri"], opleiding=opleiding["iri"])
    if not rows:
        return None
    opleidingen = []
    for r in rows:
        zekerheid = zwakste(_text(r["geschikt"]), _text(r["toegang"]))
        opleidingen.append({"iri": str(r["tussen"]), "naam": _text(r["label"]), "niveau": _text(r["niveaulabel"]),
                            "zekerheid": zekerheid,
                            "toegang": _text(r["toegang"]), "geschikt": _text(r["geschikt"])})
    zekerheid = zwakste(*(e["eis_zekerheid"] for e in te_laag), sterkste(*(o["zekerheid"] for o in opleidingen)))
    redenering = None
    if zekerheid != "bron":
        afgeleid = [e["redenering"] for e in te_laag if e["eis_zekerheid"] == "afgeleid"]
        if any(o["geschikt"] == "afgeleid" for o in opleidingen):
            afgeleid.append("Dat deze opleidingen de vereiste sector of erkenning hebben, is een aanname: "
                            "de bronnen noemen die niet.")
        if any(o["toegang"] == "afgeleid" for o in opleidingen):
            afgeleid.append(f"Dat {start['naam']} ertoe wordt toegelaten, volgt uit afgeleide toelatingseisen.")
        if any(o["toegang"] == "onbekend" for o in opleidingen):
            afgeleid.append("Van opleidingen met zekerheid 'onbekend' noemen de bronnen geen toelatingseisen.")
        redenering = _redenering(*afgeleid)
    return {"stap": "tussenstap", "opleidingen": opleidingen, "zekerheid": zekerheid, "redenering": redenering,
            "reden": "; ".join(f"{e['naam']}: {_reden(e, start)}" for e in te_laag)}


def _opleidingsstap(opleiding, kenmerken):
    zekerheid = sterkste(*(b["zekerheid"] for b in opleiding["leidt_tot"]))
    redenering = None if zekerheid == "bron" else _redenering(
        *(b["redenering"] for b in opleiding["leidt_tot"] if b["zekerheid"] == zekerheid))
    if kenmerken["erkenning_aanname"]:  # the step names a recognition no source states
        zekerheid = zwakste(zekerheid, "afgeleid")
        redenering = _redenering(redenering, *kenmerken["erkenning_redenering"])
    return {"stap": "opleiding", "iri": opleiding["iri"], "naam": opleiding["naam"],
            "soort": opleiding["soort"], "niveau": opleiding["niveau"], "eqf": opleiding["eqf"],
            "variant_van": opleiding["variant_van"], "beroepen": opleiding["beroepen"],
            "leidt_tot": opleiding["leidt_tot"],
            "accreditatie": kenmerken["accreditatie"], "erkenning": kenmerken["erkenning"],
            "erkenning_aanname": kenmerken["erkenning_aanname"],
            "instellingen": kenmerken["instelling"],
            "studiebelasting": toon_getal((kenmerken["studiebelasting"] or [None])[0]),
            "bron": kenmerken["bron"], "bronsectie": "; ".join(kenmerken["bronsectie"]),
            "noten": kenmerken["noot"], "zekerheid": zekerheid, "redenering": redenering}


def _route(opleiding, start, gegevens, store):
    """{"opleiding", "stappen", "haalbaar", "blokkades", "zekerheid", "onbekend"} for one programme.
    `gegevens`: the programmes' requirements, characteristics and next steps (see routes())."""
    eisen, kenmerken, vervolgstappen = gegevens
    stappen = []
    if start is not None:
        stappen.append({"stap": "vooropleiding", "iri": start["iri"], "naam": start["naam"],
                        "niveau": start["niveau"], "sectoren": start["sectoren"],
                        "zekerheid": "bron", "redenering": None})
    toelating, blokkades = _toelatingsstap(start, opleiding, eisen.get(opleiding["iri"], []), store)
    stappen += toelating
    stappen.append(_opleidingsstap(opleiding, kenmerken[opleiding["iri"]]))
    stappen += vervolgstappen.get(opleiding["iri"], [])
    return {"opleiding": {k: opleiding[k] for k in ("iri", "naam", "niveau", "eqf", "variant_van", "beroepen")},
            "stappen": stappen, "haalbaar": not blokkades, "blokkades": blokkades,
            "zekerheid": zwakste(*(s["zekerheid"] for s in stappen)),
            "onbekend": [{"stap": s["stap"], "redenering": s["redenering"]}
                         for s in stappen if s["zekerheid"] == "onbekend"]}


# --- the public call ---------------------------------------------------------------------

def routes(naar, vanaf=None, store=None, taal=None):
    """Every route into profession `naar` (a name, label or IRI slug), from `vanaf` if given.

    Returns {"beroep", "vanaf", "haalbaar", "routes": [...], "geblokkeerd": [...], "breder": [...]}:
    routes step by step, each step with its `zekerheid`; for each programme a stated requirement
    refuses `vanaf`, that requirement; and the programmes into a broader profession (whether
    they lead to this one, the sources do not say). Unknown or ambiguous names raise BeroepenError.
    Names in `taal` (nl, en) where the graph has them, else Dutch ("taal" says which was asked).
    """
    store = InTaal(store or EmbeddedStore(), taal)
    beroep_iri, beroep_naam = resolve_beroep(naar, store)
    start = None
    if vanaf is not None and vanaf.strip():
        start = _startpunt(resolve_start(vanaf, store)[0], store)
    opleidingen = _opleidingen(beroep_iri, store)
    gevonden = []
    if opleidingen:   # each kind of fact in one query for all programmes, not one per programme
        gegevens = (_toelatingen(start, store), _kenmerken([o["iri"] for o in opleidingen], store),
                    _vervolgstappen(beroep_iri, store))
        gevonden = [_route(o, start, gegevens, store) for o in opleidingen]
    return {
        "taal": str(store.taal),
        "beroep": {"iri": beroep_iri, "naam": beroep_naam},
        "vanaf": start,
        # None: the graph holds no programme into this profession, so whether there is a route
        # is unknown (not "no": no source refuses one)
        "haalbaar": any(r["haalbaar"] for r in gevonden) if gevonden else None,
        "onbekend": None if gevonden else GEEN_OPLEIDING.format(beroep=beroep_naam),
        "routes": [r for r in gevonden if r["haalbaar"]],
        "geblokkeerd": [{"opleiding": r["opleiding"], "blokkades": r["blokkades"]}
                        for r in gevonden if not r["haalbaar"]],
        "breder": _bredere_opleidingen(beroep_iri, beroep_naam, store),
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
    """The routes as readable text: one block per route, one numbered line per step, each with
    how sure it is; the unknown steps named under the route."""
    vanaf = f" vanaf {result['vanaf']['naam']}" if result["vanaf"] else ""
    onzeker = sum(1 for r in result["routes"] if r["onbekend"])
    if result["haalbaar"] is None:
        return f"Routes naar {result['beroep']['naam']}{vanaf}: onbekend. {result['onbekend']}\n"
    lines = [f"Routes naar {result['beroep']['naam']}{vanaf}: {len(result['routes'])} haalbaar"
             + (f" (waarvan {onzeker} met onbekende stappen)" if onzeker else "")
             + f", {len(result['geblokkeerd'])} geblokkeerd", ""]
    for n, route in enumerate(result["routes"], 1):
        lines.append(f"Route {n}: {_opleiding_kop(route['opleiding'])} — zekerheid: {route['zekerheid']}")
        for i, stap in enumerate(route["stappen"], 1):
            lines.append(f"  {i}. {_stap_tekst(stap)} {{{_zekerheid_tekst(stap)}}}")
        for stap in route["onbekend"]:
            lines.append(f"  onbekend ({stap['stap']}): {stap['redenering']}")
        lines.append("")
    if result["geblokkeerd"]:
        lines.append("Geblokkeerd (door een eis die de bron stelt):")
        for blocked in result["geblokkeerd"]:
            lines.append(f"  {_opleiding_kop(blocked['opleiding'])}")
            for blokkade in blocked["blokkades"]:
                eis = blokkade["eis"]
                lines.append(f"    - toelatingseis '{eis['naam']}': {blokkade['reden']} [{eis['bronsectie']}]")
        lines.append("")
    if result.get("breder"):
        lines.append("Opleidingen tot een breder beroep (zekerheid: onbekend):")
        for opleiding in result["breder"]:
            niveau = f" ({opleiding['niveau']})" if opleiding["niveau"] else ""
            lines.append(f"  {opleiding['naam']}{niveau}: {opleiding['redenering']} [{opleiding['bronsectie']}]")
        lines.append("")
    return "\n".join(lines)


def _zekerheid_tekst(stap):
    if stap.get("redenering") and stap["zekerheid"] == "afgeleid":
        return f"zekerheid: afgeleid — {stap['redenering']}"
    return f"zekerheid: {stap['zekerheid']}"


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
        namen = "; ".join(f"{o['naam']} ({o['niveau']}, {o['zekerheid']})" for o in stap["opleidingen"])
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
        if stap["erkenning_aanname"]:
            delen.append(f"erkend door {', '.join(stap['erkenning_aanname'])} (aanname)")
        if stap["instellingen"]:
            delen.append(f"instellingen: {', '.join(stap['instellingen'])}")
        return "; ".join(delen) + f" [{stap['bronsectie']}]"
    delen = [f"{stap['naam']}"]
    if stap["beroepsverenigingen"]:
        delen.append(f"bij {', '.join(stap['beroepsverenigingen'])}")
    for erkenning in stap["vereiste_erkenning"]:
        status = {"bron": "voldaan", "afgeleid": "voldaan volgens een aanname", "onbekend": "onbekend"}
        delen.append(f"voorwaarde: opleiding erkend door {erkenning['organisatie']} "
                     f"({status[erkenning['zekerheid']]})")
    if stap["regeling"]:
        delen.append(f"regeling: {stap['regeling']['naam']}")
    return "; ".join(delen) + f" [{stap['bronsectie']}]"


UITKOMST = {"ja": "voldaan", "nee": "NIET voldaan", "onbekend": "onbekend"}


def _eis_tekst(eis):
    status = ""
    if "voldaan" in eis:
        status = " — voldaan na de tussenstap" if eis.get("via_tussenstap") else f" — {UITKOMST[eis['voldaan']]}"
    afgeleid = " (afgeleide eis)" if eis["eis_zekerheid"] == "afgeleid" else ""
    noot = f" ({eis['toelichting']})" if eis.get("toelichting") else ""
    return f"{eis['naam']}{afgeleid}{status} [{eis['bronsectie']}]{noot}"


# --- one diagram -------------------------------------------------------------------------

def kaart(result):
    """The routes of `result` (what routes() returns) as one diagram: the ways in as branches.

    Routes whose steps up to the programme are the same (the same tussenstap and admission
    rules, judged the same) share one branch, which lists their programmes; programmes a stated
    rule refuses form branches of their own (`geblokkeerd`). What follows a programme
    (membership, register) is listed once per distinct chain of steps, under `vervolgen`, each
    naming the programmes it follows. Nothing is added or dropped: every route of `result` is
    one programme of one branch, every blocked programme one of a blocked branch.

    Returns {"takken": [{"nummer", "stappen", "zekerheid", "geblokkeerd", "blokkades", "gemeen",
    "opleidingen": [{"stap", "route", "zekerheid", "onbekend", "vervolg"}]}],
    "vervolgen": [{"nummer", "stappen", "opleidingen"}], "redeneringen": [text]}: `route` is
    the route's index in result["routes"], `vervolg` the number of its chain of next steps;
    `redeneringen` every distinct reasoning of the steps, in page order (shown once, referred to);
    `gemeen` what every programme of a branch shares (accreditation, source, certainty, …).
    """
    takken, vervolgen = {}, {}
    for index, route in enumerate(result["routes"]):
        stappen = [s for s in route["stappen"] if s["stap"] != "vooropleiding"]
        positie = next(i for i, s in enumerate(stappen) if s["stap"] == "opleiding")
        voor, opleiding, na = stappen[:positie], stappen[positie], stappen[positie + 1:]
        vervolg = vervolgen.setdefault(_sleutel(na), {"nummer": len(vervolgen) + 1, "stappen": na,
                                                        "opleidingen": []})
        vervolg["opleidingen"].append(opleiding["naam"])
        tak = takken.setdefault(_sleutel(voor), {
            "nummer": len(takken) + 1, "stappen": voor, "geblokkeerd": False, "blokkades": [],
            "zekerheid": zwakste(*(s["zekerheid"] for s in voor)) if voor else "bron", "opleidingen": []})
        tak["opleidingen"].append({"stap": opleiding, "route": index, "zekerheid": route["zekerheid"],
                                   "onbekend": route["onbekend"], "vervolg": vervolg["nummer"]})
    for blocked in result["geblokkeerd"]:
        tak = takken.setdefault(("geblokkeerd", _sleutel(blocked["blokkades"])), {
            "nummer": len(takken) + 1, "stappen": [], "geblokkeerd": True, "blokkades": blocked["blokkades"],
            "zekerheid": "bron", "opleidingen": []})
        tak["opleidingen"].append({"stap": dict(blocked["opleiding"], stap="opleiding"), "route": None,
                                   "zekerheid": "bron", "onbekend": [], "vervolg": None})
    takken, vervolgen = list(takken.values()), list(vervolgen.values())
    for tak in takken:
        tak["gemeen"] = _gemeen([o["stap"] for o in tak["opleidingen"]])
    return {"takken": takken, "vervolgen": vervolgen, "redeneringen": _redeneringen(takken, vervolgen)}


# what the programmes of a branch may have in common, said once for the branch
GEDEELD = ("accreditatie", "erkenning", "erkenning_aanname", "studiebelasting", "instellingen", "noten",
           "bronsectie", "zekerheid", "redenering")


def _gemeen(stappen):
    """{key: value} of the GEDEELD keys whose value every programme step shares (two or more
    steps; empty values left out): the diagram says them once per branch, not per programme."""
    if len(stappen) < 2:
        return {}
    eerste = stappen[0]
    gemeen = {k: eerste[k] for k in GEDEELD
              if eerste.get(k) not in (None, "", []) and all(s.get(k) == eerste[k] for s in stappen[1:])}
    # a certainty and its reasoning are said together, or each programme says its own
    if not all(s.get("redenering") == eerste.get("redenering") for s in stappen[1:]):
        gemeen.pop("zekerheid", None)
    if "zekerheid" not in gemeen:
        gemeen.pop("redenering", None)
    return gemeen


def _sleutel(stappen):
    """Steps as a key: equal when every value is equal."""
    return json.dumps(stappen, sort_keys=True, ensure_ascii=False)


def _redeneringen(takken, vervolgen):
    gezien = []
    def add(text):
        if text and text not in gezien:
            gezien.append(text)
    for tak in takken:
        for stap in tak["stappen"]:
            add(stap.get("redenering"))
        for opleiding in tak["opleidingen"]:
            add(opleiding["stap"].get("redenering"))
    for vervolg in vervolgen:
        for stap in vervolg["stappen"]:
            add(stap.get("redenering"))
    return gezien
