"""The workbook's layout, as data: which sheet holds which kind of resource, how its key makes
the resource's IRI, and which column holds which property. Export and import both read these
tables; neither knows a sheet by name otherwise.

Every property column may repeat: a second value of `noot` goes in `noot 2`, and so on.
"""
from dataclasses import dataclass

from rdflib.namespace import OWL, RDFS

from ..vocab import BO, DCT, PROV, SKOS

# What a cell holds, and how it becomes an RDF term (werkboek.term):
TEKST = "tekst"      # Dutch text: a literal tagged @nl
WOORD = "woord"      # a plain literal (bronsectie, notatie, bronbestand)
GEHEEL = "geheel"    # xsd:integer
DATUM = "datum"      # xsd:gYear, xsd:gYearMonth or xsd:date, by its form
IRI = "iri"          # an IRI: below https://w3id.org/beroepen/id/ without that prefix, else whole
PERIODE = "periode"  # a DCMI period ("start=2020-04;"), typed dct:Period
TOP = "top"          # "ja": the resource is a top concept of the profile (both directions)


@dataclass(frozen=True)
class Kolom:
    kop: str          # the header
    predicaat: object
    soort: str
    verwijst: str = None   # a code in this sheet (bo:taakgroep: a code in 'taakgroepen')


# In the order the columns appear; a sheet shows the ones its resources use (naam, bron and
# bronsectie always).
KOLOMMEN = (
    Kolom("naam", SKOS.prefLabel, TEKST),
    Kolom("andere naam", SKOS.altLabel, TEKST),
    Kolom("korte titel", BO.korteTitel, TEKST),
    Kolom("titel", DCT.title, TEKST),
    Kolom("notatie", SKOS.notation, WOORD),
    Kolom("nummer", BO.nummer, GEHEEL),
    Kolom("volgorde", BO.volgorde, GEHEEL),
    Kolom("taakgroep", BO.taakgroep, IRI, verwijst="taakgroepen"),
    Kolom("beschrijving", DCT.description, TEKST),
    Kolom("definitie", SKOS.definition, TEKST),
    Kolom("noot", SKOS.note, TEKST),
    Kolom("toelichting", SKOS.scopeNote, TEKST),
    Kolom("redactionele noot", SKOS.editorialNote, TEKST),
    Kolom("topconcept", SKOS.topConceptOf, TOP),
    Kolom("profiel van", BO.profielVan, IRI),
    Kolom("versie", BO.versie, IRI),
    Kolom("versienummer", OWL.versionInfo, WOORD),
    Kolom("versie van", DCT.isVersionOf, IRI),
    Kolom("geldig", DCT.valid, PERIODE),
    Kolom("herziening van", PROV.wasRevisionOf, IRI),
    Kolom("afgeleid van", PROV.wasDerivedFrom, IRI),
    Kolom("afkorting", BO.afkorting, WOORD),
    Kolom("uitgever", DCT.publisher, IRI),
    Kolom("uitgegeven", DCT.issued, DATUM),
    Kolom("bronbestand", BO.bronbestand, WOORD),
    Kolom("verwijst naar", DCT.references, IRI),
    Kolom("zie ook", RDFS.seeAlso, IRI),
    Kolom("bron", DCT.source, IRI),
    Kolom("bronsectie", BO.bronsectie, WOORD),
)
ALTIJD = ("naam", "bron", "bronsectie")
KOLOM = {k.kop: k for k in KOLOMMEN}
PER_PREDICAAT = {k.predicaat: k for k in KOLOMMEN}


@dataclass(frozen=True)
class Blad:
    naam: str
    soorten: tuple            # the classes (local names in bo:) of its rows
    pad: str                  # IRI = <under>/<pad><code>
    ouder: str = None         # the sheet of the parent (None: the profile, or the id base for bronnen)
    via: object = None        # the parent's property to its parts
    wat: str = ""             # the 'lees mij' line
    in_schema: bool = True    # its rows are skos:inScheme the profile

    @property
    def sleutels(self):
        """The key columns: a code (the profile's: the last part of its IRI, checked on
        import), or the parent's code and the order within it."""
        return (self.ouder_kop, "volgorde") if self.ouder else ("code",)

    @property
    def ouder_kop(self):
        return BLAD[self.ouder].enkelvoud if self.ouder else None

    @property
    def enkelvoud(self):
        return ENKELVOUD[self.naam]


PROFIEL = "profiel"
MATRIX = "matrix"
BRONNEN = "bronnen"
VERSIES = "versies"
LEES_MIJ = "lees mij"

BLADEN = (
    Blad(PROFIEL, ("Beroepscompetentieprofiel",), "", in_schema=False,
         wat="het profiel zelf: naam, inleidende teksten (noot), het beroep dat het beschrijft"),
    Blad(VERSIES, ("Profielversie",), "versie/", in_schema=False,
         wat="de versies van het profiel: nummer, uitgegeven, geldig, welke versie ze herzien"),
    Blad("taakgroepen", ("Taakgroep",), "taakgroep/",
         wat="de groepen waarin de beroepstaken vallen"),
    Blad("beroepstaken", ("Beroepstaak", "Kerntaak"), "",
         wat="de beroepstaken (of kerntaken), met hun taakgroep"),
    Blad("werkzaamheden", ("Activiteit",), "activiteit/", "beroepstaken", BO.activiteit,
         wat="de werkzaamheden (activiteiten) van elke taak, per taak genummerd"),
    Blad("competenties", ("GeneriekeCompetentie", "SpecifiekeCompetentie"), "competentie/",
         wat="de generieke en specifieke competenties"),
    Blad("gedragskenmerken", ("Gedragskenmerk", "Bekwaamheid"), "", "competenties", BO.indicator,
         wat="de gedragskenmerken (en bekwaamheden) van elke competentie, per competentie genummerd"),
    Blad(MATRIX, (), "",
         wat="welke competenties bij welke beroepstaak horen (x), zoals de bron ze noemt"),
    Blad("kennisdomeinen", ("Kennisdomein",), "kennisdomein/",
         wat="de kennisdomeinen"),
    Blad("kennisitems", ("Kennis", "VaardigheidOfHouding"), "item/", "kennisdomeinen", BO.kennisitem,
         wat="de kennis en vaardigheden of houdingen van elk kennisdomein, per domein genummerd"),
    Blad("kritische situaties", ("KritischeBeroepssituatie",), "kritische-situatie/",
         wat="de kritische beroepssituaties"),
    Blad(BRONNEN, ("Bron",), "bron/", in_schema=False,
         wat="de documenten waaruit het profiel komt"),
)
BLAD = {b.naam: b for b in BLADEN}
ENKELVOUD = {PROFIEL: "profiel", VERSIES: "versie", "taakgroepen": "taakgroep", "beroepstaken": "beroepstaak",
             "werkzaamheden": "werkzaamheid", "competenties": "competentie",
             "gedragskenmerken": "gedragskenmerk", MATRIX: "beroepstaak",
             "kennisdomeinen": "kennisdomein", "kennisitems": "kennisitem",
             "kritische situaties": "kritische situatie", BRONNEN: "bron"}

# Where a task's IRI goes depends on its kind (the BCP has beroepstaken, the STW kerntaken);
# an indicator's on whether its competence is generic (bekwaamheid) or specific.
PAD_PER_SOORT = {"Beroepstaak": "beroepstaak/", "Kerntaak": "kerntaak/",
                 "Gedragskenmerk": "gedragskenmerk/", "Bekwaamheid": "bekwaamheid/"}

SOORT_PER_KLASSE = {BO[s]: (b, s) for b in BLADEN for s in b.soorten}

MAX_RIJEN = 5_000      # rows per sheet (the BCP's largest sheet has 79)
MAX_KOLOMMEN = 100     # columns per sheet
MAX_TEKST = 32_767     # characters in a cell (Excel's own limit)
