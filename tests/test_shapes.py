"""Every named SHACL rule has a passing and a failing example in tests/shapes/<rule>/."""
from pathlib import Path

import pytest
from rdflib import Literal, Namespace

from beroepen.kennisgraaf.graaf import load_graph
from beroepen.kennisgraaf.validation import SH, validate

CASES = Path(__file__).parent / "shapes"
BS = Namespace("https://w3id.org/beroepen/shapes#")
EXAMPLES = sorted(CASES.glob("*/*.ttl"))


def rules_with_messages(shapes_graph):
    return {str(s)[len(BS):] for s in shapes_graph.subjects(SH.message, None) if str(s).startswith(BS)}


def rules_found(example, shapes_graph):
    report = validate(load_graph([example]), shapes_graph)
    return {f.shape[len("bs:"):] for f in report.findings if f.shape.startswith("bs:")}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example(example, shapes_graph):
    rule = example.parent.name
    found = rules_found(example, shapes_graph)
    if example.name.startswith("fail-"):
        assert rule in found, f"{example.name} should break {rule}; found {sorted(found)}"
    else:
        assert rule not in found, f"{example.name} should meet {rule}"


def test_every_rule_has_a_pass_and_a_fail_example(shapes_graph):
    for rule in sorted(rules_with_messages(shapes_graph)):
        names = [p.name for p in (CASES / rule).glob("*.ttl")]
        assert any(n.startswith("pass-") for n in names), f"{rule}: no pass-*.ttl"
        assert any(n.startswith("fail-") for n in names), f"{rule}: no fail-*.ttl"


def test_every_message_is_dutch(shapes_graph):
    for shape, message in shapes_graph.subject_objects(SH.message):
        assert isinstance(message, Literal) and message.language == "nl", f"{shape}: {message!r}"
