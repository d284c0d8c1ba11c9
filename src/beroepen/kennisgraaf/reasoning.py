"""OWL 2 consistency of ontology + data with HermiT, run through owlready2 (needs Java)."""
import contextlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field

from rdflib import Graph, Literal, RDFS, XSD

from ..errors import BeroepenError

# XML Schema types HermiT rejects: they are not in the OWL 2 datatype map.
NOT_IN_OWL2 = {XSD.date, XSD.time, XSD.gYear, XSD.gYearMonth, XSD.gMonth, XSD.gMonthDay,
               XSD.gDay, XSD.duration}


@dataclass
class Consistency:
    consistent: bool
    unsatisfiable: list = field(default_factory=list)  # classes that can have no instances
    message: str = ""

    @property
    def ok(self):
        return self.consistent and not self.unsatisfiable


def check_consistency(graph):
    """Run HermiT over `graph` (an rdflib Graph holding the ontology and the data)."""
    import owlready2
    if not shutil.which(owlready2.JAVA_EXE) and not os.path.exists(owlready2.JAVA_EXE):
        raise BeroepenError("HermiT heeft Java nodig, maar 'java' is niet gevonden op deze machine")
    with tempfile.TemporaryDirectory(prefix="beroepen-hermit-") as tmp:
        path = os.path.join(tmp, "graaf.nt")
        owl2_only(graph).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        # said, not guessed: owlready2 reads the first 1,000 bytes, and when the first triple
        # is longer (a long skos:definition) it takes the N-Triples for RDF/XML and fails
        world.get_ontology("file://" + path).load(format="ntriples")
        try:
            with _working_dir(tmp), _temporary_files_in(tmp):
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as err:
            return Consistency(False, message=f"HermiT: ontologie en data zijn inconsistent ({err})")
        except owlready2.base.OwlReadyJavaError as err:
            raise BeroepenError(f"HermiT kon niet draaien: {_java_cause(err)}") from None
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes())
    message = ("HermiT: consistent" if not unsatisfiable else
               "HermiT: onvervulbare klassen: " + ", ".join(unsatisfiable))
    return Consistency(True, unsatisfiable, message)


_TEMPDIR_LOCK = threading.Lock()


@contextlib.contextmanager
def _temporary_files_in(path):
    """owlready2 writes the graph for HermiT to a file in the temporary folder and removes it
    only when HermiT succeeds; pointed at our own folder, it goes when that folder goes.
    (tempfile.tempdir is process-wide: a temporary file another thread makes meanwhile lands
    there too; the build that runs HermiT has no other threads.)"""
    with _TEMPDIR_LOCK:
        old = tempfile.tempdir
        tempfile.tempdir = path
        try:
            yield
        finally:
            tempfile.tempdir = old


@contextlib.contextmanager
def _working_dir(path):  # HermiT derives a base IRI from it, and fails at "/"
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def owl2_only(graph):
    """A copy in which datatypes outside the OWL 2 map read as plain literals.

    Dates (xsd:date) are common in the data but unknown to HermiT; SHACL's sh:datatype checks
    them, so for the consistency check their values and ranges may stand as rdfs:Literal.
    """
    copy = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in NOT_IN_OWL2:
            o = Literal(str(o))
        elif o in NOT_IN_OWL2:
            o = RDFS.Literal
        copy.add((s, p, o))
    return copy


def _java_cause(err):
    """The line of a Java error that says what went wrong, without the stack trace."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip() and not ln.strip().startswith("at ")]
    return next((ln for ln in lines if "Exception" in ln), lines[-1] if lines else str(err))
