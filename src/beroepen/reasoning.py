"""OWL 2 consistency of ontology + data with HermiT, run through owlready2 (needs Java)."""
import os
import shutil
import tempfile
from dataclasses import dataclass, field

from .errors import BeroepenError


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
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology("file://" + path).load()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as err:
            return Consistency(False, message=f"HermiT: ontologie en data zijn inconsistent ({err})")
        except owlready2.base.OwlReadyJavaError as err:
            raise BeroepenError(f"HermiT kon niet draaien: {err}") from None
        unsatisfiable = sorted(c.iri for c in world.inconsistent_classes())
    message = ("HermiT: consistent" if not unsatisfiable else
               "HermiT: onvervulbare klassen: " + ", ".join(unsatisfiable))
    return Consistency(True, unsatisfiable, message)
