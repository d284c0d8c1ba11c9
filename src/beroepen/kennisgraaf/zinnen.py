"""How a resource page says its links in plain language: one table, not if-chains.

ZINNEN gives per property (compact IRI) the group it belongs to and, per direction, the
sentence's start and the noun for one and for several items, in Dutch and English:
"Hangt samen met" + "competenties" + "3, 4, 6, A, E en F". `vooruit` is the resource's own
link (beroepstaak → competentie), `terug` a link that points to it, read from its side
(competentie ← beroepstaak: "Hangt samen met beroepstaken 1, 3 en 5"). None: not a sentence
(the fact is in the page's head or says the same as another row); it stays in the full table.
An empty noun: the items' names say enough ("Hoort bij Beroepscompetentieprofiel Vaktherapeut").
Where the items are all of one kind whose plural MEERVOUD knows, that kind is the noun.
A property missing here gets a sentence from its ontology label (`fallback`).
"""
from rdflib import Namespace
from rdflib.namespace import OWL

from ..vocab import BO, DCT, PROV, RDF, RDFS, SKOS

# group key: (Dutch, English), in the order the page shows them
GROEPEN = {
    "opbouw": ("Opbouw", "Structure"),
    "samenhang": ("Samenhang", "Related"),
    "beroep": ("Beroep en organisaties", "Profession and organisations"),
    "opleiding": ("Opleiding", "Education"),
    "registratie": ("Registratie", "Registration"),
    "bronnen": ("Wat de bronnen erover zeggen", "What the sources say about it"),
    "overig": ("Overig", "Other"),
}


SSSOM = Namespace("https://w3id.org/sssom/")
PAV = Namespace("http://purl.org/pav/")


def _z(groep, vooruit, terug):
    return {"groep": groep, "vooruit": vooruit, "terug": terug}


def _r(nl_begin, nl_een="", nl_meer="", en_begin="", en_een="", en_meer=""):
    return {"nl": (nl_begin, nl_een, nl_meer), "en": (en_begin, en_een, en_meer)}


ZINNEN = {str(p): z for p, z in {
    # opbouw: the place in the hierarchy
    SKOS.inScheme: _z("opbouw", _r("Hoort bij", en_begin="Belongs to"),
                      _r("Omvat", "onderdeel", "onderdelen", "Contains", "item", "items")),
    SKOS.topConceptOf: _z("opbouw", None, None),
    SKOS.hasTopConcept: _z("opbouw", None, None),
    BO.taakgroep: _z("opbouw", _r("Hoort bij", "taakgroep", "taakgroepen", "Belongs to", "task group", "task groups"),
                     _r("Omvat", "taak", "taken", "Contains", "task", "tasks")),
    BO.activiteit: _z("opbouw", _r("Omvat", "activiteit", "activiteiten", "Contains", "activity", "activities"),
                      _r("Hoort bij", "taak", "taken", "Belongs to", "task", "tasks")),
    BO.indicator: _z("opbouw", _r("Blijkt uit", "indicator", "indicatoren", "Visible in", "indicator", "indicators"),
                     _r("Is een kenmerk van", "competentie", "competenties", "Is an indicator of", "competence", "competences")),
    BO.kennisitem: _z("opbouw", _r("Omvat", "kennisitem", "kennisitems", "Contains", "knowledge item", "knowledge items"),
                      _r("Hoort bij", "kennisdomein", "kennisdomeinen", "Belongs to", "knowledge domain", "knowledge domains")),
    SKOS.broader: _z("opbouw", _r("Valt onder", en_begin="Falls under"), _r("Omvat", en_begin="Contains")),
    SKOS.narrower: _z("opbouw", _r("Omvat", en_begin="Contains"), _r("Valt onder", en_begin="Falls under")),
    BO.valtOnder: _z("opbouw", _r("Valt onder", "beroep", "beroepen", "Falls under", "profession", "professions"),
                     _r("Omvat", "beroep", "beroepen", "Contains", "profession", "professions")),
    SKOS.member: _z("opbouw", _r("Bestaat uit", en_begin="Consists of"), _r("Hoort bij", en_begin="Belongs to")),
    BO.profielVan: _z("opbouw", _r("Beschrijft het beroep", en_begin="Describes the profession"),
                      _r("Beschreven in", "profiel", "profielen", "Described in", "profile", "profiles")),
    BO.varianteVan: _z("opbouw", _r("Is een variant van", en_begin="Is a variant of"),
                       _r("Heeft als variant", en_begin="Has as variant")),
    # samenhang
    BO.relatieMetCompetentie: _z("samenhang",
                                 _r("Hangt samen met", "competentie", "competenties", "Goes with", "competence", "competences"),
                                 _r("Hangt samen met", "beroepstaak", "beroepstaken", "Goes with", "professional task", "professional tasks")),
    SKOS.related: _z("samenhang", _r("Verwant aan", en_begin="Related to"), _r("Verwant aan", en_begin="Related to")),
    SKOS.closeMatch: _z("samenhang", _r("Komt overeen met", en_begin="Close match of"),
                        _r("Komt overeen met", en_begin="Close match of")),
    SKOS.broadMatch: _z("samenhang", _r("Past binnen", "breder begrip", "bredere begrippen", "Fits within", "broader concept", "broader concepts"),
                       _r("Omvat", "smaller begrip", "smallere begrippen", "Contains", "narrower concept", "narrower concepts")),
    SKOS.narrowMatch: _z("samenhang", _r("Omvat", "smaller begrip", "smallere begrippen", "Contains", "narrower concept", "narrower concepts"),
                         _r("Past binnen", "breder begrip", "bredere begrippen", "Fits within", "broader concept", "broader concepts")),
    SKOS.relatedMatch: _z("samenhang", _r("Verwant aan", en_begin="Related to"), _r("Verwant aan", en_begin="Related to")),
    # a mapping (ESCO crosswalk) is an owl:Axiom annotating the mapping triple with its justification
    OWL.annotatedSource: _z("samenhang", _r("Koppelt", en_begin="Maps"),
                            _r("Onderbouwd in", "koppeling", "koppelingen", "Justified in", "mapping", "mappings")),
    OWL.annotatedTarget: _z("samenhang", _r("Aan", en_begin="To"),
                            _r("Onderbouwd in", "koppeling", "koppelingen", "Justified in", "mapping", "mappings")),
    OWL.annotatedProperty: _z("samenhang", None, None),
    SSSOM.mappings: _z("samenhang", _r("Bevat", "koppeling", "koppelingen", "Contains", "mapping", "mappings"),
                       _r("Hoort bij de koppelingenset", en_begin="Belongs to the mapping set")),
    SSSOM.mapping_justification: _z("samenhang", _r("Onderbouwing:", en_begin="Justification:"),
                                    _r("Onderbouwing van", en_begin="Justification of")),
    PAV.authoredBy: _z("samenhang", _r("Gemaakt door", en_begin="Authored by"), _r("Maakte", en_begin="Authored")),
    SKOS.exactMatch: _z("samenhang", _r("Is gelijk aan", en_begin="Same as"), _r("Is gelijk aan", en_begin="Same as")),
    BO.werktSamenMet: _z("samenhang", _r("Werkt samen met", en_begin="Works with"), _r("Werkt samen met", en_begin="Works with")),
    BO.consulteert: _z("samenhang", _r("Consulteert", en_begin="Consults"), _r("Wordt geconsulteerd door", en_begin="Is consulted by")),
    BO.werktOnderSupervisieVan: _z("samenhang", _r("Werkt onder supervisie van", en_begin="Works under supervision of"),
                                   _r("Geeft supervisie aan", en_begin="Supervises")),
    # beroep en organisaties
    BO.register: _z("beroep", _r("Wordt geregistreerd in", en_begin="Is registered in"),
                    _r("Is het register van", en_begin="Is the register of")),
    BO.vertegenwoordigdDoor: _z("beroep", _r("Vertegenwoordigd door", en_begin="Represented by"),
                                _r("Vertegenwoordigt", "beroep", "beroepen", "Represents", "profession", "professions")),
    BO.werkveld: _z("beroep", _r("Werkzaam in", "werkveld", "werkvelden", "Works in", "field of practice", "fields of practice"),
                    _r("Werkveld van", en_begin="Field of practice of")),
    BO.vergoedingsbron: _z("beroep", _r("Vergoed via", en_begin="Funded through"), _r("Vergoedt", en_begin="Funds")),
    BO.beheerdDoor: _z("beroep", _r("Beheerd door", en_begin="Maintained by"), _r("Beheert", en_begin="Maintains")),
    DCT.publisher: _z("beroep", _r("Uitgegeven door", en_begin="Published by"), _r("Gaf uit", en_begin="Published")),
    DCT.license: _z("beroep", _r("Licentie:", en_begin="Licence:"), _r("Licentie van", en_begin="Licence of")),
    DCT.creator: _z("beroep", _r("Gemaakt door", en_begin="Made by"), _r("Maakte", en_begin="Made")),
    BO.financier: _z("beroep", _r("Gefinancierd door", en_begin="Funded by"), _r("Financierde", en_begin="Funded")),
    BO.uitvoerder: _z("beroep", _r("Uitgevoerd door", en_begin="Carried out by"), _r("Voerde uit", en_begin="Carried out")),
    BO.onderzoekspartner: _z("beroep", _r("Met als onderzoekspartner", en_begin="With research partner"),
                             _r("Onderzoekspartner bij", en_begin="Research partner in")),
    # opleiding
    BO.leidtTot: _z("opleiding", _r("Leidt op tot", en_begin="Trains for"),
                    _r("Opgeleid in", en_begin="Trained in")),
    BO.toelatingseis: _z("opleiding", _r("Toelatingseis", "", "", "Admission requirement"),
                         _r("Toelatingseis van", "opleiding", "opleidingen", "Admission requirement of", "programme", "programmes")),
    BO.niveau: _z("opleiding", _r("Op niveau", en_begin="At level"), _r("Niveau van", en_begin="Level of")),
    BO.accreditatieDoor: _z("opleiding", _r("Geaccrediteerd door", en_begin="Accredited by"),
                            _r("Accrediteert", en_begin="Accredits")),
    BO.erkendDoor: _z("opleiding", _r("Erkend door", en_begin="Recognised by"), _r("Erkent", en_begin="Recognises")),
    BO.opleidingsinstelling: _z("opleiding", _r("Gegeven door", en_begin="Given by"), _r("Geeft", en_begin="Gives")),
    BO.landelijkOpleidingsprofiel: _z("opleiding", _r("Volgt het landelijk opleidingsprofiel", en_begin="Follows the national programme profile"),
                                      _r("Gevolgd door", "opleiding", "opleidingen", "Followed by", "programme", "programmes")),
    BO.specifiekVoor: _z("opleiding", _r("Specifiek voor", en_begin="Specific to"),
                         _r("Met als specifieke variant", en_begin="With the specific variant")),
    BO.zekerheid: _z("bronnen", _r("Zekerheid:", en_begin="Certainty:"), _r("Zekerheid van", en_begin="Certainty of")),
    BO.vervolgstap: _z("opleiding", _r("Daarna", en_begin="Next"), _r("Vervolgstap na", en_begin="Next step after")),
    BO.minimumNiveau: _z("opleiding", _r("Vraagt minimaal", en_begin="Requires at least"),
                         _r("Minimumniveau van", en_begin="Minimum level of")),
    BO.vereisteErkenningDoor: _z("opleiding", _r("Vereist erkenning door", en_begin="Requires recognition by"),
                                 _r("Erkenning gevraagd in", en_begin="Recognition required in")),
    BO.vereistAccreditatieDoor: _z("registratie", _r("Vereist accreditatie door", en_begin="Requires accreditation by"),
                                   _r("Accreditatie gevraagd in", en_begin="Accreditation required in")),
    BO.vereisteSector: _z("opleiding", _r("Vereist de sector", en_begin="Requires the sector"),
                          _r("Sector gevraagd in", en_begin="Sector required in")),
    BO.sector: _z("opleiding", _r("In de sector", en_begin="In the sector"), _r("Sector van", en_begin="Sector of")),
    BO.eqfNiveau: _z("opleiding", _r("Komt overeen met", en_begin="Corresponds to"),
                     _r("Komt overeen met", en_begin="Corresponds to")),
    BO.volgendeStap: _z("opleiding", _r("Daarna", en_begin="Next"), _r("Volgt op", en_begin="Follows")),
    BO.inschrijvingIn: _z("registratie", _r("Inschrijving in", en_begin="Registration in"),
                          _r("Inschrijving via", en_begin="Registration through")),
    # registratie
    BO.telt: _z("registratie", _r("Telt volgens", "telregel", "telregels", "Counts by", "counting rule", "counting rules"),
                _r("Telregel van", en_begin="Counting rule of")),
    BO.teltSoort: _z("registratie", _r("Telt", en_begin="Counts"), _r("Geteld in", en_begin="Counted in")),
    BO.meetwijze: _z("registratie", _r("Gemeten als", en_begin="Measured as"), _r("Meetwijze van", en_begin="Measure of")),
    BO.dossierkenmerk: _z("registratie", _r("Leest uit het dossier", en_begin="Reads from the dossier"),
                          _r("Gelezen door", en_begin="Read by")),
    BO.eis: _z("registratie", _r("Stelt", "eis", "eisen", "Sets", "requirement", "requirements"),
               _r("Eis van", en_begin="Requirement of")),
    BO.geldtVoorBeroep: _z("registratie", _r("Geldt voor", en_begin="Applies to"),
                           _r("Geregeld in", "regeling", "regelingen", "Governed by", "scheme", "schemes")),
    BO.geldtVoorRegister: _z("registratie", _r("Geldt voor", en_begin="Applies to"),
                             _r("Geregeld in", "regeling", "regelingen", "Governed by", "scheme", "schemes")),
    BO.vastgesteldDoor: _z("registratie", _r("Vastgesteld door", en_begin="Established by"),
                           _r("Stelde vast", en_begin="Established")),
    # wat de bronnen erover zeggen
    BO.betreftBeroep: _z("bronnen", _r("Betreft", en_begin="Concerns"),
                         _r("Besproken in", "punt uit de bronnen", "punten uit de bronnen",
                            "Discussed in", "point from the sources", "points from the sources")),
    BO.gaatOver: _z("bronnen", _r("Gaat over", en_begin="Is about"),
                    _r("Besproken in", "punt uit de bronnen", "punten uit de bronnen",
                       "Discussed in", "point from the sources", "points from the sources")),
    BO.interpretatieVan: _z("bronnen", _r("Interpreteert", en_begin="Interprets"),
                            _r("Geïnterpreteerd in", "interpretatie", "interpretaties", "Interpreted in", "interpretation", "interpretations")),
    BO.verwijstNaar: _z("bronnen", _r("Verwijst naar", en_begin="Points to"),
                        _r("Genoemd in", "interpretatie", "interpretaties", "Named in", "interpretation", "interpretations")),
    BO.kengetal: _z("bronnen", _r("Met", "kengetal", "kengetallen", "With", "figure", "figures"),
                    _r("Kengetal van", en_begin="Figure of")),
    BO.illustreert: _z("bronnen", _r("Illustreert", en_begin="Illustrates"), _r("Geïllustreerd door", en_begin="Illustrated by")),
    DCT.references: _z("bronnen", _r("Verwijst naar", en_begin="References"), _r("Aangehaald in", en_begin="Cited in")),
    BO.aanname: _z("bronnen", _r("Berust op", "aanname", "aannamen", "Rests on", "assumption", "assumptions"),
                   _r("Aanname bij", en_begin="Assumption for")),
    BO.tenOpzichteVan: _z("bronnen", _r("Ten opzichte van", en_begin="Relative to"),
                          _r("Basis voor", "kengetal", "kengetallen", "Base of", "figure", "figures")),
    BO.doelstelling: _z("bronnen", _r("Met", "doelstelling", "doelstellingen", "With", "objective", "objectives"),
                        _r("Doelstelling van", en_begin="Objective of")),
    BO.meet: _z("bronnen", _r("Meet", en_begin="Measures"), _r("Gemeten met", en_begin="Measured with")),
    BO.metInstrument: _z("bronnen", _r("Met instrument", en_begin="With instrument"), _r("Gebruikt in", en_begin="Used in")),
    BO.streefwaarde: _z("bronnen", _r("Streefwaarde", en_begin="Target value"), _r("Streefwaarde van", en_begin="Target value of")),
    BO.meetinstrument: _z("bronnen", _r("Noemt het meetinstrument", en_begin="Names the instrument"),
                          _r("Genoemd in", en_begin="Named in")),
    # an assumption is a reified statement (rdf:Statement with bo:aanname): in the full table
    RDF.subject: _z("bronnen", None, None),
    RDF.predicate: _z("bronnen", None, None),
    RDF.object: _z("bronnen", None, None),
    # where a resource's English texts come from: the English page says it in a line of its own
    BO.vertaling: _z("bronnen", None, None),
    # versions of a profile or a registration scheme (issue 13)
    BO.versie: _z("bronnen", _r("Versie:", en_begin="Version:"), _r("Versie van", en_begin="Version of")),
    DCT.isVersionOf: _z("bronnen", _r("Is een versie van", en_begin="Is a version of"),
                        _r("Heeft als versie", en_begin="Has as version")),
    BO.overgangsregel: _z("registratie", _r("Overgangsregel:", en_begin="Transition rule:"),
                          _r("Overgangsregel van", en_begin="Transition rule of")),
    PROV.wasDerivedFrom: _z("bronnen", _r("Afgeleid van", en_begin="Derived from"),
                            _r("Grondslag van", en_begin="Basis of")),
    RDFS.seeAlso: _z("bronnen", _r("Zie ook", en_begin="See also"), _r("Zie ook", en_begin="See also")),
    # in the page's head already
    RDF.type: _z("overig", None, None),
    DCT.source: _z("bronnen", None, None),
}.items()}

# The plural of a kind's label, to name items that are all of one kind.
MEERVOUD = {
    "activiteit": "activiteiten", "activity": "activities",
    "beroepstaak": "beroepstaken", "professional task": "professional tasks",
    "kerntaak": "kerntaken", "core task": "core tasks",
    "gedragskenmerk": "gedragskenmerken", "behavioural indicator": "behavioural indicators",
    "bekwaamheid": "bekwaamheden", "ability": "abilities",
    "generieke competentie": "generieke competenties", "generic competence": "generic competences",
    "specifieke vaktherapeutische competentie": "specifieke vaktherapeutische competenties",
    "profession-specific competence": "profession-specific competences",
    "beroep": "beroepen", "profession": "professions",
    "bacheloropleiding": "bacheloropleidingen", "bachelor programme": "bachelor programmes",
    "masteropleiding": "masteropleidingen", "master programme": "master programmes",
    "kennis": "kennisitems", "knowledge": "knowledge items",
    "werkveld": "werkvelden", "field of practice": "fields of practice",
    "interpretatie": "interpretaties", "interpretation": "interpretations",
    "kengetal": "kengetallen", "figure": "figures",
    "eis": "eisen", "requirement": "requirements",
    "toelatingseis": "toelatingseisen", "admission requirement": "admission requirements",
    "opleidingsinstelling": "opleidingsinstellingen", "training institute": "training institutes",
    "aanbeveling": "aanbevelingen", "recommendation": "recommendations",
    "bevinding": "bevindingen", "finding": "findings",
    "valkuil": "valkuilen", "pitfall": "pitfalls",
    "kwalificatieniveau": "kwalificatieniveaus", "qualification level": "qualification levels",
    "bron": "bronnen", "source document": "source documents",
}

EN = {"nl": " en ", "en": " and "}


def phrase(prop, richting, lang):
    """(group, start, noun for one, noun for several) for a property and direction, or None
    when the link is no sentence. `richting` is "vooruit" or "terug"."""
    zin = ZINNEN.get(prop)
    if zin is None:
        return None
    parts = zin[richting]
    return None if parts is None else (zin["groep"],) + parts[lang if lang in parts else "nl"]


def fallback(label, richting, lang):
    """A sentence start from the property's own label, for properties the table lacks."""
    if richting == "vooruit":
        return ("overig", label[:1].upper() + label[1:], "", "")
    start = f"Verwijst hiernaar met ‘{label}’" if lang != "en" else f"Points here with ‘{label}’"
    return ("overig", start, "", "")


def join(parts, lang="nl"):
    """Dutch (or English) list joining: 'a', 'a en b', 'a, b en c'."""
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + EN.get(lang, EN["nl"]) + parts[-1]


def noun(items, een, meer, lang):
    """The noun for these items: their shared kind where its plural is known, else the table's."""
    soorten = {i.get("soort") for i in items}
    if len(soorten) == 1:
        soort = soorten.pop()
        if soort in MEERVOUD:
            return soort if len(items) == 1 else MEERVOUD[soort]
    return een if len(items) == 1 else meer
