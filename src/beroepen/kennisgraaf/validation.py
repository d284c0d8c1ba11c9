"""SHACL validation: pySHACL's report graph turned into plain findings.

Findings are read from the report graph (never from its text). The ontology goes in as
`ont_graph`, so its rdfs:subClassOf axioms are in the data graph: SHACL's targetClass and
sh:class follow them, and data typed with a subclass is checked by shapes that target the
superclass. RDFS inference stays off by default: it would type every IRI named by a property
with an rdfs:range, so a misspelt competence would pass sh:class instead of failing it.
"""
from dataclasses import dataclass, asdict
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, RDF, URIRef

from ..errors import BeroepenError
from ..vocab import SH, compact
from .graaf import load_graph, parse_data_file, parse_turtle, shipped_data_files
from ..resources import turtle_files

SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass
class Finding:
    node: str
    shape: str
    path: str
    severity: str
    message: str
    value: str = ""
    constraint: str = ""
    file: str = ""

    def as_dict(self):
        return asdict(self)


@dataclass
class Report:
    conforms: bool
    findings: list
    graph: Graph

    @property
    def violations(self):
        return [f for f in self.findings if f.severity == "Violation"]


def load_shapes(paths=None):
    graph = Graph()
    for path in paths or turtle_files("shapes"):
        parse_turtle(path, graph)
    return graph


def load_ontology():
    graph = Graph()
    for path in turtle_files("ontology"):
        parse_turtle(path, graph)
    return graph


def validate(data_graph, shapes_graph=None, ont_graph=None, inference="none", inplace=False):
    """Validate `data_graph`; returns a Report with findings sorted by node and shape.
    `inplace`: pySHACL adds the ontology to `data_graph` itself instead of to a copy."""
    shapes_graph = load_shapes() if shapes_graph is None else shapes_graph
    ont_graph = load_ontology() if ont_graph is None else ont_graph
    conforms, report_graph, _ = shacl_validate(
        data_graph, shacl_graph=shapes_graph, ont_graph=ont_graph, inference=inference,
        allow_warnings=True, advanced=True, abort_on_first=False, inplace=inplace)
    if not isinstance(report_graph, Graph):  # pySHACL hands back a ValidationFailure for bad shapes
        raise BeroepenError(f"de SHACL-vormen zijn ongeldig: {report_graph}")
    findings = sorted(_findings(report_graph), key=lambda f: (f.node, f.shape, f.path))
    return Report(bool(conforms), findings, report_graph)


def validate_files(data_files=None):
    """Validate data files in the context of the shipped graph (default: the graph itself).

    A given file takes the place of the shipped file of the same name, so an edited copy is
    judged instead of the original; findings name the given file that describes their node.
    """
    if not data_files:
        return validate(load_graph())
    given = [Path(p) for p in data_files]
    names = {p.name for p in given}
    graph = load_graph([p for p in shipped_data_files() if p.name not in names])
    where = {}
    for path in given:
        part = parse_data_file(path)
        for subject in set(part.subjects()):
            where.setdefault(_show(subject), []).append(str(path))
        graph += part
    report = validate(graph)
    for finding in report.findings:
        finding.file = ", ".join(where.get(finding.node, []))
    return report


def _findings(report):
    for result in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value(result, SH.value)
        yield Finding(
            node=_show(report.value(result, SH.focusNode)),
            shape=_show(_rule(report, result)),
            path=_show(report.value(result, SH.resultPath)),
            severity=SEVERITY.get(report.value(result, SH.resultSeverity), "Violation"),
            message=" / ".join(sorted(str(m) for m in report.objects(result, SH.resultMessage))),
            value=_show(value),
            constraint=_show(report.value(result, SH.sourceConstraintComponent)),
        )


def _rule(report, result):
    """The named rule behind a result: the SPARQL constraint when it has an IRI, else the shape."""
    constraint = report.value(result, SH.sourceConstraint)
    return constraint if isinstance(constraint, URIRef) else report.value(result, SH.sourceShape)


def _show(term):
    return "" if term is None else compact(term)
