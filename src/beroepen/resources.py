"""Where the ontology, shapes, data and web assets are, installed or in a checkout."""
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def resource_dir(name):
    """`ontology`, `shapes`, `data` or `web`: inside the wheel, else the checkout's folder."""
    for base in (_PACKAGE / "_resources", _CHECKOUT):
        path = base / name
        if path.is_dir():
            return path
    raise FileNotFoundError(f"map '{name}' niet gevonden bij {_PACKAGE}")


def checkout_dir(name):
    """The folder `name` of the checkout a curator edits, or None: the current directory's when it
    is a beroepen checkout (a clone with `pip install .`), else the package's own checkout (an
    editable install). Commands that write data/ use it, never the installed package's copy."""
    for root in (Path.cwd(), _CHECKOUT):
        if (root / "pyproject.toml").is_file() and (root / "src" / "beroepen").is_dir() and (root / name).is_dir():
            return root / name
    return None


def turtle_files(name):
    """All Turtle files of a resource folder, top level only (subfolders hold examples), in a stable order."""
    return sorted(resource_dir(name).glob("*.ttl"))
