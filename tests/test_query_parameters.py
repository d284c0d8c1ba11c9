"""A named query's parameter takes what a person types (a profile's code, label, profession or
IRI; a competence code in any case) and refuses what the graph does not know, naming the
parameter, the value and the closest known names: never a silent 0 rows. The query headers
say which user group a query serves; the pages' plumbing is `intern`."""
import csv
import io
import re

import pytest
from click.testing import CliRunner
from rdflib import Namespace, RDF, URIRef
from rdflib.namespace import SKOS

from beroepen.cli import main
from beroepen.kennisgraaf.queries import GROEPEN, INTERN, QUERY_DIR, all_queries, named_query
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID

BO = Namespace("https://w3id.org/beroepen/def#")


def query(*args):
    return CliRunner().invoke(main, ["query", *args, "--format", "csv"])


def rows(*args):
    result = query(*args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def refused(*args):
    result = query(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_a_profile_by_code_label_profession_or_iri_gives_the_same_rows(shipped_graph):
    profiel = URIRef(ID + "profiel/bcp-vaktherapeut")
    label = next(str(o) for o in shipped_graph.objects(profiel, SKOS.prefLabel) if o.language == "nl")
    beroep = shipped_graph.value(profiel, BO.profielVan)
    beroep_label = next(str(o) for o in shipped_graph.objects(beroep, SKOS.prefLabel) if o.language == "nl")
    expected = {str(c) for c in shipped_graph.subjects(SKOS.inScheme, profiel)
                if {BO.GeneriekeCompetentie, BO.SpecifiekeCompetentie} & set(shipped_graph.objects(c, RDF.type))}
    assert expected
    answers = [rows("competenties-van-profiel", "-p", f"profiel={typed}")
               for typed in ("bcp-vaktherapeut", "BCP-Vaktherapeut", label, label.upper(), beroep_label,
                             str(profiel), "profiel/bcp-vaktherapeut", "  bcp-vaktherapeut ")]
    assert {r["competentie"] for r in answers[0]} == expected
    assert all(a == answers[0] for a in answers)


def test_query_with_profile_code_stw_does_not_answer_0_rows():
    """`beroepen query … -p profiel=stw` bound id/stw, which does not exist, and said nothing."""
    by_code = rows("profiel-onderdelen", "-p", "profiel=stw")
    assert by_code and by_code == rows("profiel-onderdelen", "-p", f"profiel={ID}profiel/stw")


def test_a_competence_code_in_any_case_gives_the_same_rows(shipped_graph):
    competenties = [c for c in shipped_graph.subjects(SKOS.notation, None)
                    if (c, RDF.type, BO.SpecifiekeCompetentie) in shipped_graph]
    code = str(shipped_graph.value(competenties[0], SKOS.notation))
    taken = {int(shipped_graph.value(t, BO.nummer)) for c in competenties
             if str(shipped_graph.value(c, SKOS.notation)) == code
             for t in shipped_graph.subjects(BO.relatieMetCompetentie, c)}
    upper = rows("beroepstaken-per-competentie", "-p", f"code={code.upper()}")
    assert upper == rows("beroepstaken-per-competentie", "-p", f"code={code.lower()}")
    assert {int(r["nummer"]) for r in upper} == taken and taken


def test_an_unknown_value_names_the_parameter_the_value_and_the_closest_names():
    output = refused("competenties-van-profiel", "-p", "profiel=bcp-vaktherapie")
    assert "parameter 'profiel'" in output and "'bcp-vaktherapie'" in output
    assert "bedoelde u" in output and "bcp-vaktherapeut" in output


def test_an_unknown_competence_code_lists_the_known_codes(shipped_graph):
    codes = {str(n) for c in shipped_graph.subjects(RDF.type, BO.SpecifiekeCompetentie)
             for n in shipped_graph.objects(c, SKOS.notation)}
    unknown = next(c for c in "ZYXWVUTSRQ" if c not in codes)
    output = refused("beroepstaken-per-competentie", "-p", f"code={unknown}")
    assert f"parameter 'code': onbekende waarde '{unknown}'" in output
    assert all(re.search(rf"\b{re.escape(c)}\b", output.split("bekend:")[1]) for c in codes)


def test_a_task_number_the_profile_lacks_is_refused_and_a_word_is_no_number(shipped_graph):
    numbers = {int(n) for t in shipped_graph.subjects(RDF.type, BO.Beroepstaak)
               for n in shipped_graph.objects(t, BO.nummer)}
    assert "parameter 'nummer'" in refused("competenties-per-beroepstaak", "-p", f"nummer={max(numbers) + 1}")
    assert "verwacht een integer" in refused("competenties-per-beroepstaak", "-p", "nummer=drie")


def test_a_name_of_two_schemes_is_ambiguous_and_lists_both(shipped_graph):
    regelingen = [r for soort in (BO.Registratieregeling, BO.Herregistratieregeling)
                  for r in shipped_graph.subjects(RDF.type, soort)]
    by_code = {}
    for r in regelingen:
        by_code.setdefault(str(shipped_graph.value(r, SKOS.notation)), []).append(r)
    code, shared = next((c, rs) for c, rs in sorted(by_code.items()) if len(rs) > 1)
    output = refused("registratie-eisen", "-p", f"regeling={code}")
    assert "meer dan één waarde" in output
    assert all(str(r)[len(ID):] in output for r in shared)
    one = str(shared[0])[len(ID):]
    assert rows("registratie-eisen", "-p", f"regeling={one}")


def test_the_start_of_a_source_section_in_any_case_gives_the_same_rows():
    canonical = rows("uit-bronsectie", "-p", "sectie=BCP Vaktherapeut §4.1")
    assert canonical and canonical == rows("uit-bronsectie", "-p", "sectie=bcp vaktherapeut §4.1")
    assert "geen bekende waarde begint met" in refused("uit-bronsectie", "-p", "sectie=BCP Vakterapeut")


def test_a_very_long_value_is_refused_before_it_is_compared():
    output = refused("competenties-van-profiel", "-p", "profiel=" + "x" * 100_000)
    assert "parameter 'profiel'" in output and len(output) < 1000


@pytest.mark.parametrize("path", sorted(QUERY_DIR.glob("*.rq")), ids=lambda p: p.stem)
def test_a_query_names_a_known_user_group_or_none(path):
    """A query without '# groep:' is the pages' own (intern): not listed on /queries."""
    header = re.search(r"(?m)^# groep: (.*)$", path.read_text(encoding="utf-8"))
    groep = header.group(1).strip() if header else INTERN
    assert groep in (*GROEPEN, INTERN), f"{path.name}: groep '{groep}'; bekend: {', '.join(GROEPEN)}, {INTERN}"
    assert named_query(path.stem).groep == groep


def test_each_user_group_has_queries_and_the_pages_plumbing_is_not_public():
    groups = {q.groep for q in all_queries() if q.openbaar}
    assert groups == set(GROEPEN)
    for name in ("resource-beschrijving", "resource-uitgaand", "index-resources", "zoek-labels",
                 "waarden-profielen", "registratie-regelgraaf"):
        assert not named_query(name).openbaar, name


@pytest.mark.parametrize("q", [q for q in all_queries() if q.openbaar], ids=lambda q: q.name)
def test_a_public_query_has_a_dutch_title_and_a_one_line_summary(q):
    assert q.titel and q.titel != q.name
    assert q.kort and "\n" not in q.kort and len(q.kort) <= 160, len(q.kort)


def test_every_values_query_a_parameter_names_lists_values_with_names(shipped_graph):
    store = EmbeddedStore(shipped_graph)
    named = {p.waarden for q in all_queries() for p in q.parameters if p.waarden}
    assert named
    for name in sorted(named):
        found = store.select(named_query(name).text)
        assert found and all(r.get("waarde") is not None and r.get("naam") is not None for r in found), name
