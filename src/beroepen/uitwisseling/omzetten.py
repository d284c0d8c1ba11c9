"""One cell to one RDF term and back, and the findings an import reports."""
import datetime
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..vocab import DCT, ID
from . import bladen as B

_IRI_TEKENS = re.compile(r"[^\s<>\"{}|\\^`]+")
_DATUMVORMEN = ((re.compile(r"\d{4}"), XSD.gYear), (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
                (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date))


@dataclass(frozen=True)
class Bevinding:
    """A finding of an import, by where it is in the workbook."""
    blad: str
    rij: int = None
    kolom: str = None
    bericht: str = ""
    fout: bool = True   # False: a remark that does not stop the import

    def __str__(self):
        where = [self.blad or "werkboek"]
        where += [f"rij {self.rij}"] if self.rij else []
        where += [f"kolom {self.kolom}"] if self.kolom else []
        return f"{', '.join(where)}: {self.bericht}"

    def as_dict(self):
        return {"blad": self.blad, "rij": self.rij, "kolom": self.kolom,
                "bericht": self.bericht, "fout": self.fout}


def pad_voor(blad, soort):
    return B.PAD_PER_SOORT.get(soort, blad.pad)


def lokaal(iri):
    """An IRI below the id base without it ('bron/bcp-vaktherapeut'); any other whole."""
    text = str(iri)
    return text[len(ID):] if text.startswith(ID) else text


def cel(kolom, term, profiel):
    """The cell value of `term` in `kolom` (profiel: the Profiel, for codes and the top IRI)."""
    if kolom.soort == B.GEHEEL:
        return int(term)
    if kolom.soort == B.TOP:
        return "ja" if term == profiel.iri else lokaal(term)
    if kolom.soort == B.IRI:
        if kolom.verwijst and term in profiel.code:
            return profiel.code[term]
        return lokaal(term)
    return str(term)


def term(kolom, value, profiel_iri, codes):
    """The RDF term of a cell; ValueError with a Dutch message when it cannot be one.
    `codes`: {sheet: {code: IRI}} for columns that name a row of another sheet."""
    if kolom.soort == B.GEHEEL:
        return Literal(geheel(value), datatype=XSD.integer)
    if kolom.soort == B.DATUM:
        return _datum(value)
    text = tekst(value)
    if kolom.soort == B.TEKST:
        return Literal(text, lang="nl")
    if kolom.soort == B.WOORD:
        return Literal(text)
    if kolom.soort == B.PERIODE:
        return Literal(text, datatype=DCT.Period)
    if kolom.soort == B.TOP:
        if text.casefold() != "ja":
            raise ValueError(f"verwacht 'ja' of een lege cel, niet '{text}'")
        return profiel_iri
    if kolom.verwijst:
        if text not in codes.get(kolom.verwijst, {}):
            raise ValueError(f"onbekende {B.ENKELVOUD[kolom.verwijst]} '{text}'")
        return codes[kolom.verwijst][text]
    return iri(text)


def tekst(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number: 3, not 3.0
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
    return str(value)


def geheel(value):
    if isinstance(value, bool) or not (isinstance(value, int) or
                                       (isinstance(value, float) and value.is_integer()) or
                                       re.fullmatch(r"\s*-?\d{1,9}\s*", str(value))):
        raise ValueError(f"verwacht een geheel getal, niet '{value}'")
    return int(str(int(value)) if isinstance(value, float) else str(value).strip())


def iri(text):
    text = text.strip()
    whole = text if re.match(r"https?://", text) else ID + text
    if not _IRI_TEKENS.fullmatch(whole) or (whole == ID):
        raise ValueError(f"geen geldig IRI of id-pad: '{text}'")
    return URIRef(whole)


def _datum(value):
    text = tekst(value).strip()
    for form, datatype in _DATUMVORMEN:
        if form.fullmatch(text):
            return Literal(text, datatype=datatype)
    raise ValueError(f"verwacht een jaar (2020), jaar-maand (2020-04) of datum (2020-04-01), niet '{text}'")
