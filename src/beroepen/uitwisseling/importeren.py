"""`beroepen import`: an edited workbook back into the profile's Turtle file, only when the
workbook's own checks and the SHACL gate (shapes/ and the ontology, on the whole graph with the
new profile in place of the old) find no error. Each SHACL finding is named by the sheet, row
and column its node and property came from."""
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ..errors import BeroepenError
from ..kennisgraaf.graaf import load_graph, parse_turtle, shipped_data_files
from ..vocab import BO, PREFIXES, compact
from . import bladen as B
from .omzetten import Bevinding, lokaal

KOP = "# Geschreven door `beroepen import` uit een werkboek ({werkboek}); bewerk het werkboek\n" \
      "# (beroepen export) of dit bestand. Commentaar van de vorige versie staat in git.\n"


@dataclass
class Uitkomst:
    bestand: Path                 # the Turtle file (written only when `geschreven`)
    bevindingen: list = field(default_factory=list)
    geschreven: bool = False
    triples: int = 0

    @property
    def fouten(self):
        return [b for b in self.bevindingen if b.fout]

    def as_dict(self):
        return {"bestand": str(self.bestand), "geschreven": self.geschreven,
                "triples": self.triples, "bevindingen": [b.as_dict() for b in self.bevindingen]}


def profielbestand(profiel, bestanden=None):
    """The data file that declares the profile (data/<naam>.ttl, not a translation twin)."""
    profiel = URIRef(profiel)
    for path in shipped_data_files() if bestanden is None else bestanden:
        if path.suffix != ".ttl" or path.name.endswith(".en.ttl"):
            continue
        text = path.read_text(encoding="utf-8")
        if str(profiel) not in text and f"<{lokaal(profiel)}>" not in text:
            continue  # parse only the files that name it
        if (profiel, RDF.type, BO.Beroepscompetentieprofiel) in parse_turtle(path):
            return path
    raise BeroepenError("geen bestand in data/ beschrijft dit profiel", node=str(profiel))


def importeer_bestand(werkboek_pad, profiel, uit=None, limits=None, schrijven=True):
    """Read the workbook, check it, and write the profile's file (default: its file in
    data/; `uit`: elsewhere). Nothing is written when a finding is an error."""
    from . import werkboek
    from ..resources import checkout_dir
    data = checkout_dir("data")
    if data is None and uit is None:
        raise BeroepenError("geef --uit BESTAND: hier is geen checkout van beroepen (geen data/ in de "
                            "huidige map), en in de bestanden van het geïnstalleerde pakket schrijft "
                            "import niet (een volgende installatie zou de wijziging wissen)")
    bron = profielbestand(profiel, None if data is None else sorted(data.glob("*.ttl")))
    uitkomst = Uitkomst(Path(uit) if uit else bron)
    reader = werkboek.lees(werkboek_pad, profiel, limits)
    uitkomst.bevindingen = list(reader.bevindingen)
    if uitkomst.fouten:
        return uitkomst
    oud = parse_turtle(bron)
    nieuw = (oud - werkboek.profieltriples(oud, profiel)) + reader.graph
    uitkomst.bevindingen += shacl_bevindingen(nieuw, bron.name, reader)
    uitkomst.triples = len(nieuw)
    if uitkomst.fouten or not schrijven:
        return uitkomst
    from ..kennisgraaf.release import write_atomic
    write_atomic(uitkomst.bestand, turtle(nieuw, Path(werkboek_pad).name).encode("utf-8"))
    uitkomst.geschreven = True
    return uitkomst


def turtle(graph, werkboek_naam):
    from ..vocab import ID
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    out += graph
    text = out.serialize(format="turtle", base=ID)
    return KOP.format(werkboek=werkboek_naam.replace("\n", " ")) + text


def shacl_bevindingen(nieuw, bestandsnaam, reader):
    """The SHACL gate on the shipped graph with `nieuw` in place of the file `bestandsnaam`;
    Violations are errors, the rest remarks (only those on the profile's own nodes)."""
    from ..kennisgraaf import validation
    graph = load_graph([p for p in shipped_data_files() if p.name != bestandsnaam])
    graph += nieuw
    report = validation.validate(graph)
    plaats = {compact(s): where for s, where in reader.herkomst.items()}
    kolom = {(compact(s), compact(p)): letter for (s, p), letter in reader.kolom_van.items()}
    found = []
    for f in report.findings:
        error = f.severity == "Violation"
        if f.node not in plaats and not error:
            continue
        blad, rij = plaats.get(f.node, (None, None))
        letter = kolom.get((f.node, f.path)) or _kop(reader, blad, f.path)
        if letter == B.MATRIX:  # a matrix cell: the task's row in the matrix sheet
            blad, letter = B.MATRIX, None
        waarde = f" (waarde: {f.value})" if f.value else ""
        wie = "" if blad else f"{f.node}: "
        found.append(Bevinding(blad or "graaf", rij if blad != B.MATRIX else None, letter,
                               f"{wie}{f.message}{waarde} [SHACL {f.shape}]", fout=error))
    return found


def _kop(reader, blad, path):
    """The letter of the sheet's column for a property (a SHACL path), when it has one."""
    kolom = next((k for k in B.KOLOMMEN if compact(k.predicaat) == path), None)
    return reader.koppen_van.get(blad, {}).get(kolom.kop) if kolom else None
