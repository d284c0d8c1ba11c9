"""Where `beroepen import` writes without --uit: the checkout's data/ a curator edits, never the
installed package's own copy (outside test of issue 13: after `pip install .` an import went
into site-packages, where the next install wipes it, and data/ in the clone stayed unchanged)."""
import shutil

import pytest
from click.testing import CliRunner

from beroepen import resources
from beroepen.cli import main
from beroepen.resources import resource_dir


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("doel") / "bcp.xlsx"
    result = CliRunner().invoke(main, ["export", "--profiel", "vaktherapeut", "--uit", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _import(workbook):
    return CliRunner().invoke(main, ["import", str(workbook), "--profiel", "vaktherapeut"])


def test_checkout_dir_is_the_current_directorys_clone_before_the_packages_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resources.checkout_dir("data") in (None, resources._CHECKOUT / "data")
    (tmp_path / "src" / "beroepen").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "pyproject.toml").write_text("")
    assert resources.checkout_dir("data") == tmp_path / "data"


def test_import_writes_into_the_checkout_in_the_current_directory(workbook, tmp_path, monkeypatch):
    checkout = tmp_path / "clone"
    (checkout / "src" / "beroepen").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\nname = 'beroepen'\n")
    shutil.copytree(resource_dir("data"), checkout / "data")
    doel = checkout / "data" / "bcp-vaktherapeut.ttl"
    doel.write_text(doel.read_text(encoding="utf-8") + "\n# een regel van de curator\n", encoding="utf-8")
    shipped = (resource_dir("data") / "bcp-vaktherapeut.ttl").read_bytes()
    monkeypatch.chdir(checkout)
    result = _import(workbook)
    assert result.exit_code == 0, result.output
    assert str(doel) in result.output
    assert "een regel van de curator" not in doel.read_text(encoding="utf-8")   # rewritten
    assert (resource_dir("data") / "bcp-vaktherapeut.ttl").read_bytes() == shipped


def test_import_without_a_checkout_asks_for_uit_and_writes_nothing(workbook, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(resources, "checkout_dir", lambda name: None)   # an installed wheel
    shipped = (resource_dir("data") / "bcp-vaktherapeut.ttl").read_bytes()
    result = _import(workbook)
    assert result.exit_code == 2
    assert "geef --uit" in result.output and "Traceback" not in result.output
    assert (resource_dir("data") / "bcp-vaktherapeut.ttl").read_bytes() == shipped
    assert list(tmp_path.iterdir()) == []
