"""The command line as a module: `python -m beroepen.cli` (what tests and cron jobs run)."""
import subprocess
import sys


def test_python_m_beroepen_cli_lists_every_command():
    """A command module importing cli.py at load time made `python -m beroepen.cli` fail with a
    circular import (cli ran as __main__ and was imported again, half-initialised)."""
    done = subprocess.run([sys.executable, "-m", "beroepen.cli", "--help"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in ("export", "import", "diff", "esco", "herregistratie", "show"):
        assert f"  {command} " in done.stdout, command
