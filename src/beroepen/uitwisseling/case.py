"""A competence profile as a 1EdTech CASE 1.1 package (the CFPackage JSON), for curriculum tools.

`pakket(store, profiel)` gives the package as a dict: the profile is the CFDocument; its
taakgroepen, tasks, werkzaamheden, competences, indicators, knowledge domains and items and
critical situations are CFItems; `isChildOf` associations make the tree (every item is the child
of its parent, a top item of the document) and `isRelatedTo` associations the task × competence
matrix. Everything is read with the named queries case-document, case-onderdelen and case-matrix.

Identifiers are UUIDs (version 5) over our IRIs, so the same IRI always gives the same
identifier; `uri` is our IRI. Every lastChangeDateTime is the date of the version the graph
describes (never the time of the export), so an export is byte-identical run to run.
"""
import re
import uuid
from collections import defaultdict

from rdflib import XSD, URIRef

from .. import formats
from ..errors import BeroepenError, NietGevonden
from ..kennisgraaf.queries import named_query
from ..vocab import BASE, BO

CASE_VERSIE = "1.1"
TAAL = "nl"  # every text the export holds is the Dutch one (the source's)
MEDIA_TYPE = "application/json"
ASSOCIATIES = uuid.uuid5(uuid.NAMESPACE_URL, BASE + "case/associatie")

# The order of kinds among siblings (a taakgroep's tasks before a competence's indicators).
SOORTVOLGORDE = [BO[k] for k in (
    "Taakgroep", "Beroepstaak", "Kerntaak", "Activiteit", "GeneriekeCompetentie",
    "SpecifiekeCompetentie", "Gedragskenmerk", "Bekwaamheid", "Kennisdomein", "Kennis",
    "VaardigheidOfHouding", "KritischeBeroepssituatie")]


def _plaats(klasse):
    """A kind's place in SOORTVOLGORDE; a kind added to the query but not there goes last."""
    return SOORTVOLGORDE.index(klasse) if klasse in SOORTVOLGORDE else len(SOORTVOLGORDE)


def identifier(iri):
    """The CASE identifier of one of our IRIs: a UUID (version 5, URL namespace) over it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, str(iri)))


def pakket(store, profiel):
    """The CASE package of `profiel` (a dict from profielen.resolve_profiel)."""
    iri = URIRef(profiel["iri"])
    document = _document(store, iri)
    tijd = document["lastChangeDateTime"]
    items = _items(store, iri)
    boom = _boom(items)
    volgorde = _diepte_eerst(boom, None)
    link = {None: _link(document["title"], iri)}
    link.update((i, _link(items[i]["naam"], i)) for i in items)
    cf_items = [_cf_item(i, items[i], tijd) for i in volgorde]
    associaties = [_associatie("isChildOf", link[i], link[items[i]["ouder"]], tijd,
                               profiel["slug"], volgnummer=items[i]["volgnummer"])
                   for i in volgorde]
    associaties += _matrix(store, iri, items, link, tijd, profiel["slug"])
    return {"CFDocument": document, "CFItems": cf_items, "CFAssociations": associaties,
            "CFDefinitions": {"CFItemTypes": _itemtypes(items, tijd)}}


def als_json(data):
    """The package as the CLI writes it and the web serves it: the same bytes every run."""
    return formats.as_json(data)


# --- the document ---------------------------------------------------------------------------

def _document(store, iri):
    rows = store.select(named_query("case-document").text, {"profiel": iri})
    if not rows:
        raise NietGevonden("heeft geen Nederlandse naam; CASE vraagt een titel", node=iri)
    waarden = defaultdict(set)
    for row in rows:
        for key, value in row.items():
            waarden[key].add(value)
    row = {key: _enkel(iri, key, values) for key, values in waarden.items()
           if key not in ("beroep", "beroepNaam", "versienotitie")}
    maker = _organisatie(row, "maker") or _organisatie(row, "uitgever")
    if not maker:
        raise NietGevonden("de bron noemt geen maker of uitgever; CASE vraagt een 'creator'", node=iri)
    datum = row.get("vastgesteld") or row.get("bronDatum")
    if datum is None:
        raise NietGevonden("heeft geen versie of bron met een datum; CASE vraagt een "
                           "lastChangeDateTime", node=iri)
    document = {"identifier": identifier(iri), "uri": str(iri), "caseVersion": CASE_VERSIE,
                "creator": maker, "title": str(row["titel"]),
                "lastChangeDateTime": _tijdstip(datum, iri)}
    optioneel = {"officialSourceURL": row.get("bron"), "publisher": _organisatie(row, "uitgever"),
                 "description": row.get("beschrijving")}
    document.update((k, str(v)) for k, v in optioneel.items() if v)
    document.update(_beroepen(rows))
    optioneel = {"language": TAAL, "version": row.get("versienaam"), "adoptionStatus": row.get("status"),
                 "notes": "\n\n".join(sorted(map(str, waarden["versienotitie"]))) or None}
    document.update((k, str(v)) for k, v in optioneel.items() if v)
    return document


def _beroepen(rows):
    """subject and subjectURI: the professions the profile describes (by name), if any."""
    beroepen = sorted({(str(r.get("beroepNaam") or _lokaal(r["beroep"])), str(r["beroep"]))
                       for r in rows if r.get("beroep")})
    if not beroepen:
        return {}
    return {"subject": [naam for naam, _ in beroepen],
            "subjectURI": [_link(naam, beroep) for naam, beroep in beroepen]}


def _organisatie(row, rol):
    """'Federatie Vaktherapeutische Beroepen (FVB)': the name, with the abbreviation if any."""
    naam, afkorting = row.get(f"{rol}Naam"), row.get(f"{rol}Afkorting")
    if naam is None:
        return str(afkorting) if afkorting else None
    return f"{naam} ({afkorting})" if afkorting else str(naam)


def _tijdstip(datum, iri):
    """An ISO 8601 dateTime for a date the graph gives: a year or a month is its first moment
    (UTC), as CASE's lastChangeDateTime needs a full timestamp."""
    text = str(datum)
    formaat = {XSD.gYear: "{}-01-01T00:00:00Z", XSD.gYearMonth: "{}-01T00:00:00Z",
               XSD.date: "{}T00:00:00Z"}.get(getattr(datum, "datatype", None))
    if formaat:
        return formaat.format(text)
    if getattr(datum, "datatype", None) == XSD.dateTime:
        return text if re.search(r"(Z|[+-]\d\d:\d\d)$", text) else text + "Z"
    raise BeroepenError(f"datum '{text}' is geen jaar, maand, datum of tijdstip", node=iri)


# --- the items ------------------------------------------------------------------------------

def _items(store, iri):
    """{IRI: {"type", "typeNaam", "typeDefinitie", "notatie", "volgnummer", "ouder", "naam",
    "korteTitel", "beschrijving"}} of every part, one value per key (several descriptions are
    joined in a fixed order; several kinds, parents or names are an error in the graph)."""
    waarden = defaultdict(lambda: defaultdict(set))
    for row in store.select(named_query("case-onderdelen").text, {"profiel": iri}):
        for key, value in row.items():
            waarden[row["onderdeel"]][key].add(value)
    return {deel: _item(deel, w) for deel, w in waarden.items()}


def _item(deel, w):
    enkel = lambda key: _enkel(deel, key, w.get(key, set()))
    volgnummer = enkel("volgorde") or enkel("nummer")
    return {"type": enkel("type"), "typeNaam": enkel("typeNaam"), "typeDefinitie": enkel("typeDefinitie"),
            "notatie": enkel("notatie"), "volgnummer": int(volgnummer) if volgnummer is not None else None,
            "ouder": enkel("ouder"), "naam": str(enkel("naam")), "korteTitel": enkel("korteTitel"),
            "beschrijving": "\n\n".join(sorted(map(str, w.get("beschrijving", ())))) or None}


def _enkel(deel, key, values):
    """The one value of `key` (None if none); several are an error naming the node."""
    if len(values) > 1:
        shown = ", ".join(sorted(map(str, values)))
        raise BeroepenError(f"heeft meer dan één {key} ({shown}); de CASE-export kan er maar één gebruiken", node=deel)
    return next(iter(values), None)


def _boom(items):
    """{parent (None: the document): [children in order]}."""
    kinderen = defaultdict(list)
    for deel, item in items.items():
        if item["ouder"] not in items:
            item["ouder"] = None
        kinderen[item["ouder"]].append(deel)
    for lijst in kinderen.values():
        lijst.sort(key=lambda d: _sorteer(d, items[d]))
    return kinderen


def _sorteer(deel, item):
    code = str(item["notatie"] or "")
    return (_plaats(item["type"]),
            item["volgnummer"] if item["volgnummer"] is not None else float("inf"),
            (0, int(code), "") if code.isdigit() else (1, 0, code), item["naam"], str(deel))


def _diepte_eerst(boom, ouder):
    volgorde = []
    for deel in boom.get(ouder, ()):
        volgorde += [deel] + _diepte_eerst(boom, deel)
    return volgorde


def _cf_item(deel, item, tijd):
    cf = {"identifier": identifier(deel), "fullStatement": item["naam"],
          "CFItemType": str(item["typeNaam"] or _lokaal(item["type"])), "uri": str(deel)}
    if item["notatie"] is not None:
        cf["humanCodingScheme"] = str(item["notatie"])
    if item["volgnummer"] is not None:
        cf["listEnumeration"] = str(item["volgnummer"])
    if item["korteTitel"] is not None:
        cf["abbreviatedStatement"] = str(item["korteTitel"])
    if item["beschrijving"]:
        cf["notes"] = item["beschrijving"]
    cf.update({"language": TAAL, "CFItemTypeURI": _link(cf["CFItemType"], item["type"]),
               "lastChangeDateTime": tijd})
    return cf


def _itemtypes(items, tijd):
    types = {item["type"]: item for item in items.values()}
    return [{"identifier": identifier(t), "uri": str(t),
             "title": str(types[t]["typeNaam"] or _lokaal(t)),
             "description": str(types[t]["typeDefinitie"] or types[t]["typeNaam"] or _lokaal(t)),
             "hierarchyCode": _lokaal(t), "lastChangeDateTime": tijd}
            for t in sorted(types, key=lambda t: (_plaats(t), str(t)))]


def _lokaal(iri):
    return re.split(r"[#/]", str(iri))[-1]


# --- the associations -----------------------------------------------------------------------

def _link(titel, iri):
    """A LinkGenURI/LinkURI: title, identifier and uri of one of our resources."""
    return {"title": str(titel), "identifier": identifier(iri), "uri": str(iri)}


def _associatie(soort, van, naar, tijd, slug, volgnummer=None, notitie=None):
    """One CFAssociation; its identifier is a UUID over origin, type and destination, its uri
    that identifier in the package on our site (an association has no IRI of its own)."""
    ident = str(uuid.uuid5(ASSOCIATIES, f"{van['uri']} {soort} {naar['uri']}"))
    associatie = {"identifier": ident, "associationType": soort}
    if volgnummer is not None:
        associatie["sequenceNumber"] = volgnummer
    associatie.update({"uri": f"{BASE}case/{slug}.json#{ident}", "originNodeURI": van,
                       "destinationNodeURI": naar, "lastChangeDateTime": tijd})
    if notitie:
        associatie["notes"] = notitie
    return associatie


def _matrix(store, iri, items, link, tijd, slug):
    """An isRelatedTo association from each task to each competence the source links it to,
    the note saying which relation of the profile it is."""
    rows = store.select(named_query("case-matrix").text, {"profiel": iri})
    cellen = []
    for row in rows:
        for deel in (row["taak"], row["competentie"]):
            if deel not in items:
                raise BeroepenError("staat in de matrix maar is geen onderdeel met een "
                                    "Nederlandse naam", node=deel)
        naam, definitie = row.get("relatieNaam"), row.get("relatieDefinitie")
        notitie = f"{naam or _lokaal(row['relatie'])} ({row['relatie']})" + (f": {definitie}" if definitie else "")
        cellen.append((items[row["taak"]], items[row["competentie"]], row, notitie))
    cellen.sort(key=lambda c: (_sorteer(c[2]["taak"], c[0]), _sorteer(c[2]["competentie"], c[1])))
    return [_associatie("isRelatedTo", link[row["taak"]], link[row["competentie"]], tijd, slug,
                        notitie=notitie) for _, _, row, notitie in cellen]
