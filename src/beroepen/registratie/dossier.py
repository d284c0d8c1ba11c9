"""A practitioner's dossier: plain objects in memory, and the RDF graph SHACL checks.

Dossiers hold personal data. They live only in memory, for one request or one run; their
graph uses a fresh non-public namespace (urn:beroepen:dossier:<random>/) and is never
merged into the public graph, written to disk or logged.
"""
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef

from ..vocab import BO, DCT, RDF, XSD
from .model import HERREGISTRATIE


@dataclass(slots=True)
class Activiteit:
    regel: int                       # line in its file (or 0 for a graph)
    soort: str                       # Activiteitsoort IRI; plain str, compared millions of times
    soortcode: str
    datum: date
    punten: Decimal = None
    accreditaties: tuple = ()        # organisation IRIs (str)
    accreditatie_tekst: str = ""
    omschrijving: str = ""
    iri: URIRef = None               # only for dossiers read from a graph


@dataclass(slots=True)
class Dossier:
    registratienummer: str
    naam: str
    regeling: object                 # model.Regeling
    bestand: str = ""
    regel: int = 0
    periode_start: date = None
    periode_eind: date = None
    peildatum: date = None
    kenmerken: dict = field(default_factory=dict)     # kenmerk IRI → Decimal | bool | None
    activiteiten: list = field(default_factory=list)
    waarschuwingen: list = field(default_factory=list)
    versie: dict = None              # the rule version that judges it (versies.kies), or why none does


def namespace():
    """A fresh namespace for one run's dossiers; never reused, never published."""
    return Namespace(f"urn:beroepen:dossier:{uuid.uuid4()}/")


def to_graph(dossiers, rules_graph=None, ns=None):
    """The dossiers as RDF (plus the rule data when given), for SHACL validation."""
    ns = ns or namespace()
    graph = Graph()
    if rules_graph is not None:
        graph += rules_graph
    for dossier in dossiers:
        add_dossier(graph, dossier, ns)
    return graph


def dossier_iri(dossier, ns):
    return ns[quote(dossier.registratienummer, safe="")]


def add_dossier(graph, dossier, ns):
    node = dossier_iri(dossier, ns)
    kind = BO.Herregistratiedossier if dossier.regeling.soort == HERREGISTRATIE else BO.Registratiedossier
    add = graph.add
    add((node, RDF.type, kind))
    add((node, BO.registratienummer, Literal(dossier.registratienummer)))
    add((node, BO.regeling, dossier.regeling.iri))
    if dossier.regel:
        add((node, BO.bronregel, Literal(dossier.regel)))
    for prop, value in ((BO.periodeStart, dossier.periode_start), (BO.periodeEind, dossier.periode_eind),
                        (BO.peildatum, dossier.peildatum)):
        if value is not None:
            add((node, prop, Literal(value, datatype=XSD.date)))
    for kenmerk, value in dossier.kenmerken.items():
        if value is not None:
            add((node, kenmerk, _literal(value)))
    for i, activiteit in enumerate(dossier.activiteiten):
        item = activiteit.iri or ns[f"{quote(dossier.registratienummer, safe='')}/activiteit/{i + 1}"]
        add((node, BO.bewijs, item))
        add((item, RDF.type, BO.Bewijsactiviteit))
        add((item, BO.soort, URIRef(activiteit.soort)))
        add((item, BO.datum, Literal(activiteit.datum, datatype=XSD.date)))
        if activiteit.punten is not None:
            add((item, BO.punten, Literal(activiteit.punten, datatype=XSD.decimal)))
        for organisatie in activiteit.accreditaties:
            add((item, BO.geaccrediteerdDoor, URIRef(organisatie)))
        if activiteit.regel:
            add((item, BO.bronregel, Literal(activiteit.regel)))
        if activiteit.omschrijving:
            add((item, DCT.description, Literal(activiteit.omschrijving)))
    return node


def _literal(value):
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, Decimal):
        return Literal(value, datatype=XSD.decimal)
    return Literal(value)
