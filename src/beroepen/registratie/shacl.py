"""The reference engine: pySHACL with shapes/registratie.ttl and shapes/herregistratie.ttl.

A verdict is read from the report graph: a result whose sh:value is a bo:Eis says that the
focus node (a dossier) fails that requirement. Any other result is a structural problem of
the dossier graph (a missing date, an unknown kind): bad input.
"""
import functools

from pyshacl import validate as shacl_validate
from rdflib import Graph, Namespace, RDF

from ..graph import compact, parse_turtle
from ..resources import resource_dir
from ..validation import SH
from .dossier import dossier_iri, namespace, to_graph
from .regels import BO

SHAPE_FILES = ("registratie.ttl", "herregistratie.ttl")
BS = Namespace("https://w3id.org/beroepen/shapes#")
# The shapes a dossier check needs. The rule data's own shapes (RegelingShape, EisShape, …)
# are checked with the rest of the public graph (beroepen validate / build), not per dossier.
DOSSIER_SHAPES = [BS.DossierShape, BS.RegistratiedossierShape, BS.HerregistratiedossierShape,
                  BS.BewijsactiviteitShape]


@functools.lru_cache(maxsize=1)
def dossier_shapes():
    """The dossier node shapes and their property shapes (pySHACL's use_shapes wants both)."""
    graph = shapes_graph()
    return DOSSIER_SHAPES + [p for s in DOSSIER_SHAPES for p in graph.objects(s, SH.property)]


@functools.lru_cache(maxsize=1)
def shapes_graph():
    graph = Graph()
    for name in SHAPE_FILES:
        parse_turtle(resource_dir("shapes") / name, graph)
    return graph


def run(data_graph):
    """pySHACL over a graph holding dossiers and rule data: (failures, problems).

    failures: {dossier node: {requirement IRI, …}}; problems: [{node, regel, melding}] for
    every result that is not a failed requirement.
    """
    conforms, report, text = shacl_validate(
        data_graph, shacl_graph=shapes_graph(), inference="none", advanced=True,
        allow_warnings=True, abort_on_first=False, use_shapes=dossier_shapes())
    if not isinstance(report, Graph):
        raise RuntimeError(f"pySHACL kon niet valideren: {text}")
    failures, problems = {}, []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        node = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        if value is not None and (value, RDF.type, BO.Eis) in data_graph:
            failures.setdefault(node, set()).add(value)
        else:
            problems.append({"node": compact(node), "regel": compact(report.value(result, SH.sourceConstraint)
                                                                   or report.value(result, SH.sourceShape)),
                             "melding": str(report.value(result, SH.resultMessage) or "")})
    return failures, problems


RULE_SHAPES = [BS.RegelingShape, BS.EisShape, BS.HerregistratieregelingShape]


def check_rules(graph, files):
    """A registry's own rule file must meet the rule shapes, or a malformed requirement
    (no meetwijze, a threshold that is not a number) would silently be left out."""
    graph_shapes = shapes_graph()
    use = RULE_SHAPES + [p for s in RULE_SHAPES for p in graph_shapes.objects(s, SH.property)]
    conforms, report, text = shacl_validate(graph, shacl_graph=graph_shapes, inference="none", advanced=True,
                                            allow_warnings=True, use_shapes=use)
    if not isinstance(report, Graph):
        raise RuntimeError(f"pySHACL kon niet valideren: {text}")
    problems = sorted(f"{compact(report.value(r, SH.focusNode))}: {report.value(r, SH.resultMessage)}"
                      for r in report.subjects(RDF.type, SH.ValidationResult))
    if problems:
        from ..errors import BeroepenError
        raise BeroepenError("regelbestand voldoet niet aan de vormen voor regelingen:\n  " + "\n  ".join(problems),
                            file=", ".join(str(f) for f in files))


def _codes(dossier, failed):
    return {e.code for e in dossier.regeling.eisen if e.iri in failed}


def per_dossier(dossiers, regelboek):
    """{registratienummer: failed requirement codes}, one pySHACL run per dossier."""
    verdicts = {}
    for dossier in dossiers:
        ns = namespace()
        failures, problems = run(to_graph([dossier], regelboek.graph, ns))
        _no_problems(problems)
        verdicts[dossier.registratienummer] = _codes(dossier, failures.get(dossier_iri(dossier, ns), set()))
    return verdicts


def in_one_run(dossiers, regelboek):
    """The same, as one pySHACL run over all dossiers merged: the naive reference."""
    ns = namespace()
    failures, problems = run(to_graph(dossiers, regelboek.graph, ns))
    _no_problems(problems)
    return {d.registratienummer: _codes(d, failures.get(dossier_iri(d, ns), set())) for d in dossiers}


def _no_problems(problems):
    if problems:  # dossiers built from checked CSV rows are well-formed; this is a bug
        raise RuntimeError(f"dossiergraaf voldoet niet aan de vorm: {problems[:3]}")
