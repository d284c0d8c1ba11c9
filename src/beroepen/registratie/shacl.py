"""The reference engine: pySHACL with shapes/registratie.ttl and shapes/herregistratie.ttl.

A verdict is read from the report graph: a result whose sh:value is a bo:Eis says that the
focus node (a dossier) fails that requirement; an sh:Info result whose sh:resultPath is a
bo:Eis is a measurement (shapes/metingen.ttl): the value SHACL finds the dossier achieves.
Any other result is a structural problem of the dossier graph (a missing date, an unknown
kind): bad input.
"""
import functools
from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph

from ..errors import BeroepenError
from ..invoer.waarden import toon_getal
from ..kennisgraaf.graaf import parse_turtle
from ..resources import resource_dir
from ..vocab import BO, BS, RDF, SH, compact
from .dossier import dossier_iri, namespace, to_graph

SHAPE_FILES = ("registratie.ttl", "herregistratie.ttl", "metingen.ttl")
RULE_SHAPE_FILE = "regels.ttl"
# The shapes a dossier check needs. The rule data's own shapes (shapes/regels.ttl) are checked
# with the rest of the public graph (beroepen validate / build) and on every --regels file.
DOSSIER_SHAPES = [BS.DossierShape, BS.RegistratiedossierShape, BS.HerregistratiedossierShape,
                  BS.BewijsactiviteitShape]
# sh:Info measurements (shapes/metingen.ttl): what SHACL finds each dossier achieves per requirement.
METING_SHAPES = [BS.DossiermetingShape, BS.RegistratiemetingShape, BS.HerregistratiemetingShape]


@dataclass(frozen=True)
class Oordeel:
    """pySHACL's verdict on one dossier: the failed requirement codes and, when measured, the
    achieved value per requirement code (as the evaluator's JSON gives it)."""
    afgewezen: frozenset
    behaald: dict = None


@functools.lru_cache(maxsize=2)
def _use_shapes(metingen):
    """The node shapes and their property shapes (pySHACL's use_shapes wants both)."""
    graph = shapes_graph()
    nodes = DOSSIER_SHAPES + (METING_SHAPES if metingen else [])
    return nodes + [p for s in nodes for p in graph.objects(s, SH.property)]


def dossier_shapes():
    return _use_shapes(False)


@functools.lru_cache(maxsize=1)
def shapes_graph():
    graph = Graph()
    for name in SHAPE_FILES:
        parse_turtle(resource_dir("shapes") / name, graph)
    return graph


@functools.lru_cache(maxsize=1)
def rule_shapes_graph():
    return parse_turtle(resource_dir("shapes") / RULE_SHAPE_FILE, Graph())


def meet(data_graph, metingen=True):
    """pySHACL over a graph holding dossiers and rule data: (failures, measured, problems).

    failures: {dossier node: {requirement IRI, …}}; measured: {dossier node: {requirement IRI:
    value}} (with `metingen`); problems: [{node, regel, melding}] for every other result.
    """
    conforms, report, text = shacl_validate(
        data_graph, shacl_graph=shapes_graph(), inference="none", advanced=True,
        allow_warnings=True, abort_on_first=False, use_shapes=_use_shapes(metingen))
    if not isinstance(report, Graph):
        raise RuntimeError(f"pySHACL kon niet valideren: {text}")
    failures, gemeten, problems = {}, {}, []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        node = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        path = report.value(result, SH.resultPath)
        if report.value(result, SH.resultSeverity) == SH.Info and (path, RDF.type, BO.Eis) in data_graph:
            gemeten.setdefault(node, {})[path] = value
        elif value is not None and (value, RDF.type, BO.Eis) in data_graph:
            failures.setdefault(node, set()).add(value)
        else:
            problems.append({"node": compact(node), "regel": compact(report.value(result, SH.sourceConstraint)
                                                                   or report.value(result, SH.sourceShape)),
                             "melding": str(report.value(result, SH.resultMessage) or "")})
    return failures, gemeten, problems


def check_rules(graph, files):
    """A registry's own rule file must meet the rule shapes (shapes/regels.ttl), or a rule the
    engines do not both implement (an unknown meetwijze, a property no engine reads) would be
    silently ignored or read differently by the two."""
    conforms, report, text = shacl_validate(graph, shacl_graph=rule_shapes_graph(), inference="none",
                                            advanced=True, allow_warnings=True)
    if not isinstance(report, Graph):
        raise RuntimeError(f"pySHACL kon niet valideren: {text}")
    problems = sorted(_probleem(report, r) for r in report.subjects(RDF.type, SH.ValidationResult))
    if problems:
        raise BeroepenError("regelbestand voldoet niet aan de vormen voor regelingen:\n  " + "\n  ".join(problems),
                            file=", ".join(str(f) for f in files))


def _probleem(report, result):
    path = report.value(result, SH.resultPath)
    waar = f" ({compact(path)})" if path is not None else ""
    return f"{compact(report.value(result, SH.focusNode))}{waar}: {report.value(result, SH.resultMessage)}"


def oordeel(dossier, failed, gemeten):
    eisen = dossier.regeling.eisen
    behaald = None
    if gemeten is not None:
        behaald = {e.code: _waarde(gemeten.get(e.iri)) for e in eisen}
    return Oordeel(frozenset(e.code for e in eisen if e.iri in failed), behaald)


def _waarde(term):
    """A measured literal as the evaluator's JSON gives "behaald": 18 not 18.0, true, None."""
    if term is None:
        return None
    value = term.toPython()
    return value if isinstance(value, bool) else toon_getal(value)


def per_dossier(dossiers, regelboek, metingen=True):
    """{registratienummer: Oordeel}, one pySHACL run per dossier."""
    verdicts = {}
    for dossier in dossiers:
        ns = namespace()
        failures, gemeten, problems = meet(to_graph([dossier], regelboek.graph, ns), metingen)
        _no_problems(problems)
        node = dossier_iri(dossier, ns)
        verdicts[dossier.registratienummer] = oordeel(dossier, failures.get(node, set()),
                                                       gemeten.get(node, {}) if metingen else None)
    return verdicts


def in_one_run(dossiers, regelboek, metingen=True):
    """The same, as one pySHACL run over all dossiers merged: the naive reference."""
    ns = namespace()
    failures, gemeten, problems = meet(to_graph(dossiers, regelboek.graph, ns), metingen)
    _no_problems(problems)
    return {d.registratienummer: oordeel(d, failures.get(dossier_iri(d, ns), set()),
                                          gemeten.get(dossier_iri(d, ns), {}) if metingen else None)
            for d in dossiers}


def _no_problems(problems):
    if problems:  # dossiers built from checked CSV rows are well-formed; this is a bug
        raise RuntimeError(f"dossiergraaf voldoet niet aan de vorm: {problems[:3]}")
