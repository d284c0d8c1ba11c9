"""What a person types, resolved to the IRI they mean (kennisgraaf/opzoeken.py)."""
import pytest
from click.testing import CliRunner

from beroepen.cli import main
from beroepen.kennisgraaf.opzoeken import resolve
from beroepen.kennisgraaf.store import EmbeddedStore
from beroepen.vocab import ID


@pytest.fixture(scope="module")
def store(shipped_graph):
    return EmbeddedStore(shipped_graph)


def test_a_path_within_a_profile_named_by_its_profession_resolves(store):
    """`show beroepstaak/5 --profiel vaktherapeut` failed, though the ambiguity message for '5'
    suggests exactly 'beroepstaak/5': the profile was only resolved for bare codes."""
    assert resolve(store, "beroepstaak/5", "vaktherapeut") == ID + "profiel/bcp-vaktherapeut/beroepstaak/5"
    assert resolve(store, "kerntaak/2", "stw") == ID + "profiel/stw/kerntaak/2"


def test_show_follows_its_own_suggestion_for_an_ambiguous_code():
    runner = CliRunner()
    ambiguous = runner.invoke(main, ["show", "5", "--profiel", "vaktherapeut"])
    assert ambiguous.exit_code == 2 and "'beroepstaak/5'" in ambiguous.output
    followed = runner.invoke(main, ["show", "beroepstaak/5", "--profiel", "vaktherapeut"])
    assert followed.exit_code == 0, followed.output
    assert "profiel/bcp-vaktherapeut/beroepstaak/5" in followed.output


def test_a_bare_name_resolves_when_exactly_one_path_ends_with_it(store):
    """`beroepen show muziektherapeut` was 'onbekende resource'; only beroep/muziektherapeut ends so."""
    assert resolve(store, "muziektherapeut") == ID + "beroep/muziektherapeut"
    with pytest.raises(Exception, match="onbekende resource"):
        resolve(store, "geen-beroep-zo")
