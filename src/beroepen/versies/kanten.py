"""The two sides of a comparison: a version the graph knows, the shipped example, or a Turtle file.

A side is read with the same named queries whatever it comes from (`versie-onderdelen`,
`profielversies`): from the store for the version whose content the graph holds, from an
EmbeddedStore over the file's graph otherwise. A file is outside input: read under the upload
budget and parsed in the sandbox (invoer.limieten.parse_rdf), held in memory only.
"""
import functools
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from ..errors import BeroepenError
from ..invoer import limieten
from ..invoer.tabel import Bestand
from ..kennisgraaf.labels import id_path
from ..kennisgraaf.queries import named_query
from ..kennisgraaf.store import EmbeddedStore
from ..resources import resource_dir

VOORBEELD = "voorbeeld"     # the name of the shipped example version of a profile


@dataclass
class Kant:
    """One side: what the user named it, the file (None: the graph), the version records the
    side holds (`versies`, `eigen`: the one whose content it is) and its parts as query rows."""
    naam: str
    bestand: str = None
    versies: list = field(default_factory=list)
    eigen: dict = None
    rijen: list = field(default_factory=list)
    voorbeeld: bool = False


def versies(store, profiel_iri):
    """The version records of a profile in `store`: [{iri, naam, label, vastgesteld, geldig,
    herziet, herziet_naam, afgeleid_van, notitie, bron, bron_label, bronsectie, inhoud}]."""
    rows = store.select(named_query("profielversies").text, {"profiel": URIRef(profiel_iri)})
    found = {}
    for r in rows:
        v = found.setdefault(str(r["versie"]), {
            "iri": str(r["versie"]), "naam": str(r["naam"]), "label": _tekst(r.get("label")),
            "vastgesteld": _tekst(r.get("vastgesteld")), "geldig": _tekst(r.get("geldig")),
            "geldigheid": periode_tekst(_tekst(r.get("geldig"))), **periode(_tekst(r.get("geldig"))),
            "herziet": _tekst(r.get("herziet")), "herziet_naam": _tekst(r.get("herzietNaam")),
            "afgeleid_van": _tekst(r.get("afgeleidVan")), "notitie": _tekst(r.get("notitie")),
            "bron": _tekst(r.get("bron")), "bron_label": _tekst(r.get("bronLabel")),
            "bronsecties": [], "inhoud": str(r.get("inhoud", "")).lower() in ("true", "1")})
        sectie = _tekst(r.get("bronsectie"))
        if sectie and sectie not in v["bronsecties"]:
            v["bronsecties"].append(sectie)
    return list(found.values())


def periode(tekst):
    """{"geldig_vanaf", "geldig_tot"} of a DCMI Period ("start=2020-04; end=2025-12-31;"), '' where absent."""
    delen = dict(d.strip().partition("=")[::2] for d in tekst.split(";") if "=" in d)
    return {"geldig_vanaf": delen.get("start", "").strip(), "geldig_tot": delen.get("end", "").strip()}


def periode_tekst(tekst):
    """A DCMI Period in words: 'vanaf 2020-04', 'tot en met 2025-12-31', 'van 2020-04 tot en met 2025-12-31'."""
    start, end = periode(tekst).values()
    if start and end:
        return f"van {start} tot en met {end}"
    return f"vanaf {start}" if start else (f"tot en met {end}" if end else "")


def voorbeelden(profiel):
    """{name: path} of the shipped example versions of a profile (data/examples/<slug>-voorbeeld.ttl)."""
    pad = resource_dir("data") / "examples" / f"{profiel['slug']}-{VOORBEELD}.ttl"
    return {VOORBEELD: pad} if pad.is_file() else {}


def kant(store, profiel, tekst, paden=True):
    """The side `tekst` names: a version of the graph (its owl:versionInfo or IRI), the example
    ('voorbeeld'), or (paden=True, the CLI) a path to a Turtle file. Unknown: bad input (exit 2,
    HTTP 400, as an unknown query parameter value) naming the known versions."""
    tekst = (tekst or "").strip()
    if not tekst:
        raise BeroepenError("geef een versie: een naam die de graaf kent, 'voorbeeld' of een Turtle-bestand")
    bekend = versies(store, profiel["iri"])
    for v in bekend:
        if tekst.casefold() in (v["naam"].casefold(), v["iri"].casefold(), (id_path(v["iri"]) or "").casefold()):
            return _uit_graaf(store, profiel, v, bekend)
    examples = voorbeelden(profiel)
    if tekst.casefold() in examples:
        return _herziet(_voorbeeld(str(examples[tekst.casefold()]), profiel["iri"], tekst.casefold()), bekend)
    if paden and (Path(tekst).exists() or tekst.lower().endswith((".ttl", ".turtle"))):
        return _herziet(uit_bestand(Bestand.lees(tekst), profiel["iri"], tekst), bekend)
    namen = [v["naam"] for v in bekend] + list(examples)
    extra = " of een pad naar een Turtle-bestand" if paden else ""
    raise BeroepenError(f"onbekende versie '{tekst}' van profiel {profiel['slug']}; bekend: "
                       f"{', '.join(namen) or 'geen'}{extra}")


def _uit_graaf(store, profiel, versie, bekend):
    if not versie["inhoud"]:
        raise BeroepenError(f"van versie '{versie['naam']}' van profiel {profiel['slug']} kent de graaf "
                           "alleen het versierecord, niet de inhoud; geef een Turtle-bestand met die versie")
    return Kant(naam=versie["naam"], versies=bekend, eigen=versie,
                rijen=_onderdelen(store, profiel["iri"]))


def _herziet(kant, bekend):
    """A file's version record names the version it revises by IRI; the graph knows its name."""
    namen = {v["iri"]: v["naam"] for v in bekend}
    for v in kant.versies:
        if v["herziet"] and not v["herziet_naam"]:
            v["herziet_naam"] = namen.get(v["herziet"], "")
    return kant


@functools.lru_cache(maxsize=8)
def _voorbeeld(pad, profiel_iri, naam):
    """The shipped example, read once per process (the web offers it on every diff page)."""
    kant = uit_bestand(Bestand.lees(pad), profiel_iri, naam)
    kant.voorbeeld = True
    kant.bestand = f"data/examples/{Path(pad).name}"     # not the server's own path
    return kant


def uit_bestand(bestand, profiel_iri, naam=None, limits=limieten.CLI):
    """A side from a Turtle file (a Bestand: name + bytes), parsed in the sandbox."""
    graph = limieten.parse_rdf(bestand.naam, bestand.data, "turtle", limits)
    store = EmbeddedStore(graph)
    rijen = _onderdelen(store, profiel_iri)
    if not rijen:
        raise BeroepenError(f"bevat geen onderdelen van profiel {id_path(profiel_iri) or profiel_iri} "
                            f"(niets met skos:inScheme <{profiel_iri}>)", file=bestand.naam)
    eigen_versies = versies(store, profiel_iri)
    eigen = next((v for v in eigen_versies if v["inhoud"]), None)
    return Kant(naam=naam or bestand.naam, bestand=bestand.naam, versies=eigen_versies, eigen=eigen,
                rijen=rijen)


def _onderdelen(store, profiel_iri):
    return list(store.select(named_query("versie-onderdelen").text, {"profiel": URIRef(profiel_iri)}))


def _tekst(term):
    return "" if term is None else str(term)


def overzicht(store, profiel):
    """A profile's versions as /versies/<profiel> lists them: {"profiel", "versies" (the graph's),
    "voorbeelden" (the shipped example's version record, marked as an example)}."""
    versies_ = versies(store, profiel["iri"])
    voorbeelden_ = []
    for naam, pad in voorbeelden(profiel).items():
        k = _herziet(_voorbeeld(str(pad), profiel["iri"], naam), versies_)
        voorbeelden_.append(dict(k.eigen or {}, naam=naam, bestand=k.bestand, voorbeeld=True))
    return {"profiel": {"iri": profiel["iri"], "slug": profiel["slug"], "label": profiel["label"],
                        "beroep": profiel.get("beroep", ""), "beroep_label": profiel.get("beroep_label", "")},
            "versies": versies_, "voorbeelden": voorbeelden_}
