"""The sheets of a workbook (lezen.Tabel) to the profile's triples, with a finding per bad
cell and the sheet, row and column each triple came from (for the SHACL findings)."""
import re

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from ..vocab import BO, ID, SKOS
from . import bladen as B
from .omzetten import Bevinding, geheel, pad_voor, tekst, term

_CODE = re.compile(r"[\w.-]{1,100}")
_KOP = re.compile(r"(.+?)(?: (\d+))?")


class Inlezer:
    def __init__(self, profiel, tabellen):
        self.profiel = profiel
        self.tabellen = tabellen
        self.bevindingen = []
        self.codes = {b.naam: {} for b in B.BLADEN}   # sheet: {code: IRI}
        self.herkomst = {}       # IRI: (sheet, row)
        self.kolom_van = {}      # (IRI, predicate): column letter
        self.koppen_van = {}     # sheet: {header: column letter}
        self.onleesbaar = set()  # sheets whose headers failed: their rows are not read
        self.graph = Graph()

    def fout(self, blad, rij, kolom, bericht):
        self.bevindingen.append(Bevinding(blad, rij, kolom, bericht))

    def graaf(self):
        rows = {}
        for blad in B.BLADEN:
            if blad.naam == B.MATRIX:
                continue
            koppen = self._koppen(blad)
            if koppen is None:
                self.onleesbaar.add(blad.naam)
            else:
                rows[blad.naam] = [(n, r, s) for n, r in self._rijen(blad, koppen)
                                   for s in [self._sleutel(blad, n, r)] if s is not None]
        for blad in B.BLADEN:
            for number, row, s in rows.get(blad.naam, ()):
                self._triples(blad, number, row, s)
        self._matrix()
        if self.profiel not in self.herkomst and B.PROFIEL in rows:
            self.fout(B.PROFIEL, None, None, "het profiel zelf ontbreekt (één rij verwacht)")
        return self.graph

    # --- headers ------------------------------------------------------------------------

    def _koppen(self, blad):
        """{letter: (kop, n)} of a sheet, or None (with findings) when it cannot be read."""
        tabel = self.tabellen.get(blad.naam)
        if tabel is None:
            self.fout(blad.naam, None, None, "blad ontbreekt")
            return None
        found, seen, good = {}, {}, True
        for letter, kop in tabel.koppen:
            base, n = _KOP.fullmatch(kop).groups()
            if kop in blad.sleutels or kop == "soort":
                base, n = kop, None
            elif base not in B.KOLOM or (n is not None and int(n) < 2):
                self.fout(blad.naam, 1, letter, f"onbekende kolom '{kop}'; verwacht: " +
                          ", ".join(list(blad.sleutels) + ["soort"] + [k.kop for k in B.KOLOMMEN]))
                good = False
                continue
            if kop in seen:
                self.fout(blad.naam, 1, letter, f"kolom '{kop}' staat er twee keer (ook {seen[kop]})")
                good = False
            seen[kop] = letter
            found[letter] = (base, n)
        self.koppen_van[blad.naam] = seen
        for kop in list(blad.sleutels) + (["soort"] if len(blad.soorten) > 1 else []) + ["naam"]:
            if kop not in seen:
                self.fout(blad.naam, 1, None, f"kolom '{kop}' ontbreekt")
                good = False
        return found if good else None

    def _rijen(self, blad, koppen):
        for number, values in self.tabellen[blad.naam].rijen:
            row = {}
            for letter, value in values.items():
                if letter not in koppen:
                    self.fout(blad.naam, number, letter, "een waarde in een kolom zonder kop")
                    continue
                row[koppen[letter]] = (letter, value)
            yield number, row

    # --- keys -------------------------------------------------------------------------------

    def _sleutel(self, blad, number, row):
        """The row's IRI from its soort and key (and the parent's), or None (with a finding)."""
        letter, soort = row.get(("soort", None), (None, None))
        soort = tekst(soort).strip() if soort is not None else None
        if soort is None and len(blad.soorten) == 1:   # a new row on a sheet of one kind
            soort = blad.soorten[0]
        row[("soort", None)] = (letter, soort)
        if soort not in blad.soorten:
            return self.fout(blad.naam, number, letter,
                             f"onbekende soort '{soort or ''}'; verwacht: {', '.join(blad.soorten)}")
        if blad.ouder:
            return self._deel(blad, number, row, soort)
        letter, code = row.get(("code", None), (None, None))
        code = tekst(code).strip() if code is not None else ""
        if blad.naam == B.PROFIEL:
            return self._profiel(blad, number, letter, code)
        if not _CODE.fullmatch(code):
            return self.fout(blad.naam, number, letter,
                             f"code '{code[:100]}' is leeg, langer dan 100 tekens of bevat andere tekens "
                             "dan letters, cijfers, '.', '-' en '_'")
        under = ID if blad.naam == B.BRONNEN else f"{self.profiel}/"
        return self._nieuw(blad, number, code, _ref(under + pad_voor(blad, soort) + code))

    def _profiel(self, blad, number, letter, code):
        """The one row of the profile sheet; its code says whose workbook it is."""
        eigen = str(self.profiel).rsplit("/", 1)[-1]
        if code != eigen:
            return self.fout(blad.naam, number, letter, f"dit werkboek is van profiel '{code}', "
                             f"niet van '{eigen}' (--profiel)")
        if self.codes[blad.naam]:
            return self.fout(blad.naam, number, None, "een tweede profiel; één rij verwacht")
        return self._nieuw(blad, number, code, self.profiel)

    def _deel(self, blad, number, row, soort):
        letter, code = row.get((blad.ouder_kop, None), (None, None))
        parent = self.codes[blad.ouder].get(tekst(code).strip() if code is not None else "")
        if parent is None and blad.ouder in self.onleesbaar:
            return None     # the parent sheet's header is the one finding, not each child row
        if parent is None:
            return self.fout(blad.naam, number, letter, f"onbekende {blad.ouder_kop} '{code or ''}'")
        vletter, volgorde = row.get(("volgorde", None), (None, None))
        try:
            volgorde = geheel(volgorde)
        except ValueError as err:
            return self.fout(blad.naam, number, vletter, str(err))
        s = _ref(f"{parent}/{pad_voor(blad, soort)}{volgorde}")
        if self._nieuw(blad, number, f"{code}/{volgorde}", s) is None:
            return None
        self.graph.add((parent, blad.via, s))
        self.graph.add((s, BO.volgorde, Literal(volgorde, datatype=XSD.integer)))
        return s

    def _nieuw(self, blad, number, code, s):
        if s in self.herkomst:
            other = self.herkomst[s]
            return self.fout(blad.naam, number, None,
                             f"dubbele sleutel '{code}' (ook {other[0]}, rij {other[1]})")
        self.herkomst[s] = (blad.naam, number)
        self.codes[blad.naam][code] = s
        return s

    # --- cells ------------------------------------------------------------------------------

    def _triples(self, blad, number, row, s):
        soort = row[("soort", None)][1]
        self.graph.add((s, RDF.type, BO[soort]))
        if blad.in_schema:
            self.graph.add((s, SKOS.inScheme, self.profiel))
        if not any(base == "naam" for base, _ in row):
            self.fout(blad.naam, number, self.koppen_van[blad.naam].get("naam"), "lege naam")
        for (base, _), (letter, value) in row.items():
            kolom = B.KOLOM.get(base)
            if kolom is None:
                continue  # a key or the soort
            try:
                o = term(kolom, value, self.profiel, self.codes)
            except ValueError as err:
                self.fout(blad.naam, number, letter, str(err))
                continue
            if isinstance(o, Literal) and len(o) > B.MAX_TEKST:
                self.fout(blad.naam, number, letter, f"tekst langer dan {B.MAX_TEKST} tekens")
                continue
            self.graph.add((s, kolom.predicaat, o))
            self.kolom_van[(s, kolom.predicaat)] = letter
            if kolom.soort == B.TOP:
                self.graph.add((self.profiel, SKOS.hasTopConcept, s))

    def _matrix(self):
        tabel = self.tabellen.get(B.MATRIX)
        if tabel is None:
            return self.fout(B.MATRIX, None, None, "blad ontbreekt")
        if {"beroepstaken", "competenties"} & self.onleesbaar:
            return None     # its keys are unknown: the header finding there says why
        taken, comps = self.codes["beroepstaken"], self.codes["competenties"]
        columns = {}
        for letter, kop in tabel.koppen:
            if letter == "A":
                if kop != "beroepstaak":
                    self.fout(B.MATRIX, 1, letter, f"verwacht de kop 'beroepstaak', niet '{kop}'")
            elif kop not in comps:
                self.fout(B.MATRIX, 1, letter, f"onbekende competentie '{kop}'")
            else:
                columns[letter] = comps[kop]
        for number, values in tabel.rijen:
            code = tekst(values.get("A", "")).strip()
            if code not in taken:
                self.fout(B.MATRIX, number, "A", f"onbekende beroepstaak '{code}'")
                continue
            for letter, value in values.items():
                if letter == "A" or letter not in columns:
                    continue
                if tekst(value).strip().lower() != "x":
                    self.fout(B.MATRIX, number, letter, f"verwacht 'x' of een lege cel, niet '{value}'")
                    continue
                self.graph.add((taken[code], BO.relatieMetCompetentie, columns[letter]))
                self.kolom_van[(taken[code], BO.relatieMetCompetentie)] = B.MATRIX


def _ref(text):
    from rdflib import URIRef
    return URIRef(text)
