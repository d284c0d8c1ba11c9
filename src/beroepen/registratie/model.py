"""The registration rules as plain objects: schemes, requirements, counting rules, attributes.

The bottom of registratie/: it imports nothing else of registratie/, and everything else
(the rule reader regels.py, the dossier readers, the evaluator, the pySHACL reference)
imports it. The objects are filled from the rule data by regels.py; nothing here knows a
threshold, a period or a kind of evidence.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from rdflib import Graph, URIRef

from ..errors import BeroepenError
from ..vocab import BO

HERREGISTRATIE = "herregistratie"
REGISTRATIE = "registratie"
SOORT = {BO.Herregistratieregeling: HERREGISTRATIE, BO.Registratieregeling: REGISTRATIE}
# The four bo:Meetwijze the engines implement (shapes/regels.ttl allows no other), as constants:
# a Namespace attribute builds a new URIRef on every use, and the evaluator asks millions of times.
SOM_VAN_PUNTEN = BO.somVanPunten
AANTAL_ACTIVITEITEN = BO.aantalActiviteiten
OPGEGEVEN_MINIMUM = BO.opgegevenMinimum
VERKLARING_AANWEZIG = BO.verklaringAanwezig


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
    meetwijze: URIRef                # a bo:Meetwijze: what the evaluator and the shapes dispatch on
    drempel: Decimal = None          # None: the source gives no threshold, not testable
    eenheid: str = ""
    kenmerk: URIRef = None           # the dossier attribute read by opgegevenMinimum/verklaring
    tekst: str = ""
    bron: str = ""
    bronsectie: str = ""
    telregels: tuple = ()
    meetwijze_label: str = ""        # the meetwijze's rdfs:label from the ontology

    @property
    def toetsbaar(self):
        return self.drempel is not None or self.meetwijze == VERKLARING_AANWEZIG

    @property
    def telt_activiteiten(self):
        return self.meetwijze in (SOM_VAN_PUNTEN, AANTAL_ACTIVITEITEN)


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
    versie: str = ""                 # owl:versionInfo: the name --regelversie takes
    geldig: str = ""                 # dct:valid as written (a DCMI Period), "" when the source gives none
    geldigheid: object = None        # versies.Geldigheid parsed from `geldig`, None when none
    vervangt: URIRef = None          # prov:wasRevisionOf: the version this one revises
    overgangsregel: URIRef = None    # bo:overgangsregel: which date of a dossier picks the version
    overgangsregel_label: str = ""

    @property
    def versienaam(self):
        """The version's name, or the scheme's code when the data names no version."""
        return self.versie or self.code

    def kolommen(self):
        return [k.kolom for k in self.kenmerken]

    @property
    def puntensoorten(self):
        """The kinds of activity (IRIs, str) whose points a requirement adds up: per the rule
        data, an activity of such a kind must state its points."""
        return {str(t.soort) for e in self.eisen if e.meetwijze == SOM_VAN_PUNTEN for t in e.telregels}

    def periode_eind(self, start):
        """The last day of this scheme's period from `start`: 2020-01-01 → 2024-12-31."""
        return periode_eind(start, self.periode_jaren)

    def te_lange_periode(self, start, eind):
        """The message for a period longer than the scheme's bo:periodeJaren, else None: its
        verdict would count activities the scheme does not, so it is bad input, not a warning."""
        if not (start and eind and self.periode_jaren) or eind <= self.periode_eind(start):
            return None
        return (f"periode: {start} t/m {eind} is langer dan de {self.periode_jaren} jaar van regeling "
                f"{self.code} (verwacht een einde uiterlijk {self.periode_eind(start)})")


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
    volledige_namen: dict = field(default_factory=dict)    # organisation IRI (str) → prefLabel, where it has one

    def regeling(self, code, soort):
        soorten = sorted({r.soort for r in self.regelingen})
        if soort not in soorten:
            raise BeroepenError(f"onbekende soort '{soort}' (verwacht {' of '.join(soorten)})")
        found = self.versies(code, soort)
        if len(found) > 1 and len({r.versie for r in found if r.versie}) < len(found):
            raise BeroepenError(f"meer dan één {soort}regeling met code '{code}' en geen versienaam "
                                "(owl:versionInfo) die ze onderscheidt: " + ", ".join(sorted(str(r.iri) for r in found)))
        if found:
            return found[-1]        # the newest version: how a file of this scheme is read
        bekend = sorted(r.code for r in self.regelingen if r.soort == soort)
        raise BeroepenError(f"onbekend register '{code}' voor {soort}; bekend: {', '.join(bekend)}")


    def versies(self, code, soort):
        """The versions of a scheme (one Regeling each, same code and soort), oldest first: a
        version after the one it revises (prov:wasRevisionOf), else by name."""
        found = sorted((r for r in self.regelingen if r.code == code and r.soort == soort),
                       key=lambda r: (r.versie, str(r.iri)))
        diepte = {}

        def generatie(r, gezien=()):
            if r.iri not in diepte:
                vorige = next((v for v in found if v.iri == r.vervangt and v.iri not in gezien), None)
                diepte[r.iri] = 0 if vorige is None else generatie(vorige, gezien + (r.iri,)) + 1
            return diepte[r.iri]
        return sorted(found, key=generatie)


def periode_eind(start, jaren):
    """The last day of a period of `jaren` years from `start`: 2020-01-01 → 2024-12-31."""
    try:
        return date(start.year + jaren, start.month, start.day) - timedelta(days=1)
    except ValueError:          # 29 February
        return date(start.year + jaren, 3, 1) - timedelta(days=1)
