"""The registration rules, read from the rule data (data/registratie-*.ttl) into plain objects.

Nothing here knows a threshold, a period or a kind of evidence: they all come from the
Turtle data through the named queries `registratie-*`. A registry adds its own scheme by
adding a Turtle file (or passing it as an extra rule file).
"""
import functools
from collections import Counter
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Namespace, SKOS, URIRef, XSD

from ..errors import BeroepenError
from ..vocab import DEF
from ..kennisgraaf.store import EmbeddedStore
from ..kennisgraaf.graaf import default_graph, parse_turtle
from ..kennisgraaf.queries import named_query
from ..resources import turtle_files

BO = Namespace(DEF)
HERREGISTRATIE = "herregistratie"
REGISTRATIE = "registratie"
_SOORT = {BO.Herregistratieregeling: HERREGISTRATIE, BO.Registratieregeling: REGISTRATIE}


@dataclass(frozen=True)
class Telregel:
    soort: URIRef
    accreditatie: URIRef = None      # an organisation whose accreditation lets it count, if any; a
                                     # telregel naming several is one Telregel each: any one suffices


@dataclass(frozen=True)
class Eis:
    iri: URIRef
    code: str
    label: str
    meetwijze: URIRef
    drempel: Decimal = None          # None: the source gives no threshold, not testable
    eenheid: str = ""
    kenmerk: URIRef = None           # the dossier attribute read by opgegevenMinimum/verklaring
    tekst: str = ""
    bron: str = ""
    bronsectie: str = ""
    telregels: tuple = ()

    @property
    def toetsbaar(self):
        return self.drempel is not None or self.meetwijze == BO.verklaringAanwezig

    @property
    def telt_activiteiten(self):
        return self.meetwijze in (BO.somVanPunten, BO.aantalActiviteiten)


@dataclass(frozen=True)
class Kenmerk:
    """A dossier attribute a requirement reads, and the input column it comes from."""
    iri: URIRef
    kolom: str
    type: URIRef
    label: str


@dataclass
class Regeling:
    iri: URIRef
    code: str
    soort: str                       # "registratie" or "herregistratie"
    label: str
    register: URIRef = None
    periode_jaren: int = None
    bron: str = ""
    bronsectie: str = ""
    eisen: list = field(default_factory=list)
    kenmerken: list = field(default_factory=list)

    def kolommen(self):
        return [k.kolom for k in self.kenmerken]

    @property
    def puntensoorten(self):
        """The kinds of activity (IRIs, str) whose points a requirement adds up: per the rule
        data, an activity of such a kind must state its points."""
        return {str(t.soort) for e in self.eisen if e.meetwijze == BO.somVanPunten for t in e.telregels}


@dataclass
class Regelboek:
    """Everything the reader and the evaluator need: schemes, kinds of evidence, names."""
    graph: Graph
    regelingen: list
    soorten: dict                    # code in a file → Activiteitsoort IRI (str)
    soortlabels: dict                # Activiteitsoort IRI (str) → label
    organisaties: dict               # accrediting organisation IRI (str) → short name
    organisatienamen: dict = field(default_factory=dict)   # naamsleutel(name) → {organisation IRI (str)}
    kortenamen: dict = field(default_factory=dict)         # every known organisation IRI (str) → short name

    def regeling(self, code, soort):
        soorten = sorted({r.soort for r in self.regelingen})
        if soort not in soorten:
            raise BeroepenError(f"onbekende soort '{soort}' (verwacht {' of '.join(soorten)})")
        found = [r for r in self.regelingen if r.code == code and r.soort == soort]
        if len(found) > 1:
            raise BeroepenError(f"meer dan één {soort}regeling met code '{code}': "
                                + ", ".join(sorted(str(r.iri) for r in found)))
        if found:
            return found[0]
        bekend = sorted(r.code for r in self.regelingen if r.soort == soort)
        raise BeroepenError(f"onbekend register '{code}' voor {soort}; bekend: {', '.join(bekend)}")


def rule_files():
    """The shipped rule data: ontology plus data/registratie-*.ttl."""
    return turtle_files("ontology") + [p for p in turtle_files("data")
                                       if p.name.startswith("registratie-")]


def kolomnaam(kenmerk):
    """bo:dagdelenPerWeek → dagdelen_per_week: the input column of a dossier attribute."""
    local = str(kenmerk).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).lower()


def _text(row, key):
    return str(row[key]) if key in row else ""


def _number(term):
    return None if term is None else Decimal(str(term))


def load(extra_files=()):
    """The rulebook from the shipped rule data plus any extra rule files."""
    graph = Graph()
    for path in list(rule_files()) + [Path(p) for p in extra_files]:
        parse_turtle(path, graph)
    if extra_files:
        from .shacl import check_rules
        check_rules(graph, extra_files)
    return build(graph)


@functools.lru_cache(maxsize=1)
def shipped():
    """The shipped rulebook, read once per process."""
    return load()


def build(graph):
    store = EmbeddedStore(graph)
    kenmerken = {r["kenmerk"]: Kenmerk(r["kenmerk"], kolomnaam(r["kenmerk"]), r.get("type", XSD.string),
                                       _text(r, "label"))
                 for r in store.select(named_query("registratie-kenmerken").text)}
    regelingen = []
    for row in store.select(named_query("registratie-regelingen").text):
        regeling = Regeling(
            iri=row["regeling"], code=str(row["code"]), soort=_SOORT[row["soort"]],
            label=_text(row, "label"), register=row.get("register"),
            periode_jaren=int(row["periodeJaren"]) if "periodeJaren" in row else None,
            bron=_text(row, "bron"), bronsectie=_text(row, "bronsectie"))
        regeling.eisen = _eisen(store, regeling.iri)
        regeling.kenmerken = [kenmerken[k] for k in dict.fromkeys(e.kenmerk for e in regeling.eisen)
                              if k is not None]
        regelingen.append(regeling)
    soorten, labels = {}, {}
    for row in store.select(named_query("registratie-activiteitsoorten").text):
        soorten[str(row["code"])] = str(row["soort"])
        labels[str(row["soort"])] = _text(row, "label") or str(row["code"])
    namen, kort = _organisatienamen(graph, default_graph())
    organisaties = {}
    for row in store.select(named_query("registratie-organisaties").text):
        iri = str(row["organisatie"])
        organisaties[iri] = kort.get(iri) or _text(row, "afkorting") or _text(row, "label") or iri

    return Regelboek(graph, regelingen, soorten, labels, organisaties, namen, kort)


def naamsleutel(text):
    """A name as compared: case, accents and spacing do not matter."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def _organisatienamen(*graphs):
    """({naamsleutel: {organisation IRI}}, {organisation IRI: short name}) of every organisation
    in the rule graph and the public graph, by prefLabel, altLabel and bo:afkorting."""
    namen, per_organisatie = {}, {}
    for graph in graphs:
        for row in EmbeddedStore(graph).select(named_query("registratie-organisatienamen").text):
            iri = str(row["organisatie"])
            eigen = per_organisatie.setdefault(iri, {})
            if "naam" in row:
                namen.setdefault(naamsleutel(str(row["naam"])), set()).add(iri)
                eigen.setdefault(row["eigenschap"], str(row["naam"]))
    afkortingen = Counter(naamsleutel(e[BO.afkorting]) for e in per_organisatie.values() if BO.afkorting in e)
    kort = {iri: _kortenaam(iri, eigen, afkortingen) for iri, eigen in per_organisatie.items()}
    return namen, kort


def _kortenaam(iri, eigen, afkortingen):
    """The afkorting, unless another organisation has it too (NVVS): then the prefLabel."""
    afkorting = eigen.get(BO.afkorting)
    if afkorting and afkortingen[naamsleutel(afkorting)] == 1:
        return afkorting
    return eigen.get(SKOS.prefLabel) or afkorting or iri.rsplit("/", 1)[-1].upper()


def _eisen(store, regeling):
    bindings = {"regeling": regeling}
    telregels = {}
    for row in store.select(named_query("registratie-telregels").text, bindings):
        telregels.setdefault(row["eis"], []).append(Telregel(row["soort"], row.get("accreditatie")))
    return [Eis(iri=row["eis"], code=str(row["code"]), label=_text(row, "label") or str(row["code"]),
                meetwijze=row["meetwijze"], drempel=_number(row.get("drempel")),
                eenheid=_text(row, "eenheid"), kenmerk=row.get("kenmerk"), tekst=_text(row, "tekst"),
                bron=_text(row, "bron"), bronsectie=_text(row, "bronsectie"),
                telregels=tuple(telregels.get(row["eis"], ())))
            for row in store.select(named_query("registratie-eisen").text, bindings)]
