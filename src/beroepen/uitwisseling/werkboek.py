"""A competence profile as one xlsx workbook and back, for the profile's owner.

`exporteer(store_or_graph, profiel, path)` writes the workbook; `importeer(path, profiel)`
reads an edited one and gives (rdflib.Graph, findings). The layout is in bladen.py. "The
profile's triples" (`profieltriples`) are what the named query `werkboek-profiel` gives for
the profile and that the workbook has a column for: the profile, everything in its scheme and
the sources it cites, Dutch or untagged literals only. For the BCP that is every triple of
data/bcp-vaktherapeut.ttl; links other files add (ESCO matches, English twins) stay there.
"""
import re
from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..errors import BeroepenError
from ..kennisgraaf.queries import named_query
from ..vocab import BO, ID, SKOS
from . import bladen as B
from .lezen import lees_werkboek
from .omzetten import Bevinding, cel, lokaal, pad_voor

NIET_IN_KOLOM = {RDF.type, SKOS.inScheme, SKOS.hasTopConcept, BO.relatieMetCompetentie}


def _store(store_or_graph):
    from ..kennisgraaf.store import EmbeddedStore
    return EmbeddedStore(store_or_graph) if isinstance(store_or_graph, Graph) else store_or_graph


# --- reading the profile from the graph ---------------------------------------------------

def _eigenschappen(store, profiel):
    """{subject: {predicate: [objects]}} of the named query's answer."""
    found = defaultdict(lambda: defaultdict(list))
    for row in store.select(named_query("werkboek-profiel").text, {"profiel": URIRef(profiel)}):
        found[row["s"]][row["p"]].append(row["o"])
    return found


def _soorten(props):
    """{subject: (Blad, soort)} for the subjects of a kind the workbook has a sheet for."""
    found = {}
    for s, p in props.items():
        kinds = {B.SOORT_PER_KLASSE[t] for t in p.get(RDF.type, ()) if t in B.SOORT_PER_KLASSE}
        if len(kinds) > 1:
            raise BeroepenError(f"heeft meer dan één soort: {', '.join(k[1] for k in kinds)}", node=s)
        if kinds:
            found[s] = kinds.pop()
    return found


class Profiel:
    """A profile read from the graph, with each resource's sheet, key and cells."""

    def __init__(self, store, profiel):
        self.iri = URIRef(profiel)
        self.props = _eigenschappen(store, profiel)
        self.soort = _soorten(self.props)
        self.ouder = {}  # part: its parent (a werkzaamheid: its task)
        for parent, (blad, _) in self.soort.items():
            for deel in B.BLADEN:
                if deel.ouder == blad.naam:
                    self.ouder.update((d, parent) for d in self.props[parent].get(deel.via, ()))
        self.code = {s: self._code(s) for s in self.soort}

    def _code(self, s):
        blad, soort = self.soort[s]
        if blad.naam == B.PROFIEL:
            return slug(self.iri)
        if blad.ouder:
            volgorde = self.props[s].get(BO.volgorde, [None])[0]
            parent = self.ouder.get(s)
            under = f"{parent}/{pad_voor(blad, soort)}" if parent else None
            code = str(volgorde)
        else:
            under = (ID if blad.naam == B.BRONNEN else f"{self.iri}/") + pad_voor(blad, soort)
            code = str(s)[len(under):]
        if under is None or str(s) != under + code or not re.fullmatch(r"[\w.-]+", code):
            raise BeroepenError("kan niet in het werkboek: het IRI volgt niet het patroon "
                                f"'{under or '?'}<code>' van het blad '{blad.naam}'", node=s)
        return code

    def rijen(self, blad):
        """The sheet's rows in key order: {kop: [values]}."""
        rows = [self._rij(s) for s, (b, _) in self.soort.items() if b is blad]
        return sorted(rows, key=lambda r: tuple(_sorteer(r[k][0]) for k in blad.sleutels
                                                if k in r))

    def _rij(self, s):
        blad, soort = self.soort[s]
        row = {"soort": [soort]}
        if blad.ouder:
            row[blad.ouder_kop] = [self.code[self.ouder[s]]]
            row["volgorde"] = [int(self.code[s])]
        else:
            row["code"] = [self.code[s]]
        skip = set(NIET_IN_KOLOM) | {b.via for b in B.BLADEN if b.via}
        if blad.ouder:
            skip.add(BO.volgorde)
        for p, objects in self.props[s].items():
            kolom = B.PER_PREDICAAT.get(p)
            if p in skip or kolom is None:
                continue
            row[kolom.kop] = sorted((cel(kolom, o, self) for o in objects), key=_sorteer)
        return row

    def matrix(self):
        """(task codes, competence codes, {(task code, competence code)}) the graph links."""
        taken = {s for s, (b, _) in self.soort.items() if b.naam == "beroepstaken"}
        comps = {s for s, (b, _) in self.soort.items() if b.naam == "competenties"}
        cells = {(self.code[t], self.code[c]) for t in taken
                 for c in self.props[t].get(BO.relatieMetCompetentie, ()) if c in comps}
        return (sorted((self.code[t] for t in taken), key=_sorteer),
                sorted((self.code[c] for c in comps), key=_sorteer), cells)


def slug(iri):
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _sorteer(value):
    """Numbers before words, numbers by value ('2' before '10')."""
    text = str(value)
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def profieltriples(store_or_graph, profiel):
    """The profile's triples (see the module's docstring), as a Graph."""
    prof = Profiel(_store(store_or_graph), profiel)
    graph = Graph()
    via = {b.via for b in B.BLADEN if b.via}
    for s in prof.soort:
        for p, objects in prof.props[s].items():
            if p in via or p in NIET_IN_KOLOM or p in B.PER_PREDICAAT:
                for o in objects:
                    graph.add((s, p, o))
    return graph


# --- export ---------------------------------------------------------------------------------

def exporteer(store_or_graph, profiel, path):
    """Write the profile `profiel` (its IRI) as an xlsx workbook to `path` (a path or a
    binary file object)."""
    from .schrijven import schrijf_werkboek
    prof = Profiel(_store(store_or_graph), profiel)
    if not prof.soort:
        raise BeroepenError("het profiel heeft niets dat in een werkboek kan", node=profiel)
    schrijf_werkboek(prof, path)


# --- import ---------------------------------------------------------------------------------

def importeer(path, profiel, limits=None):
    """(rdflib.Graph of the profile, [Bevinding]) from an edited workbook; the graph is
    complete only when no finding is a 'fout'. Only the workbook's own checks: the SHACL
    gate runs in importeren.importeer_bestand."""
    reader = lees(path, profiel, limits)
    return reader.graph, reader.bevindingen


def lees(path, profiel, limits=None):
    """The Inlezer after reading: .graph, .bevindingen, .herkomst (IRI: sheet, row) and
    .kolom_van ((IRI, predicate): column letter)."""
    from .inlezen import Inlezer
    tabellen, findings = lees_werkboek(path, limits)
    reader = Inlezer(URIRef(profiel), tabellen)
    if not any(f.fout for f in findings):
        reader.graaf()
    reader.bevindingen[:0] = findings
    return reader


__all__ = ["exporteer", "importeer", "profieltriples", "Bevinding", "lokaal"]
