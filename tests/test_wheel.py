"""The built wheel carries the ontology, shapes, data and web assets: the installed command
works from any directory, with no checkout around it."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel unpacked into a folder of its own, placed first on PYTHONPATH."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp), str(REPO)], check=True)
    wheel = next(tmp.glob("beroepen-*.whl"))
    site = tmp / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


def beroepen(site, *args, cwd):
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "beroepen.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_wheel_holds_the_resources(installed):
    resources = installed / "beroepen" / "_resources"
    for name in ["ontology/beroepen.ttl", "shapes/beroepstaak.ttl", "web"]:
        assert (resources / name).exists(), name
    assert any((resources / "data").glob("*.ttl"))
    assert any((installed / "beroepen" / "kennisgraaf" / "queries").glob("*.rq"))


def test_installed_command_runs_outside_the_checkout(installed, tmp_path):
    matrix = beroepen(installed, "matrix", "--profiel", "vaktherapeut", "--format", "csv", cwd=tmp_path)
    assert matrix.returncode == 0, matrix.stderr
    assert matrix.stdout.splitlines()[0] == "beroepstaak,titel,1,2,3,4,5,6,A,B,C,D,E,F"
    build = beroepen(installed, "build", "-o", "release", cwd=tmp_path)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "release" / "beroepen.ttl").is_file()
