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


def turtle_files(name):
    """All Turtle files of a resource folder, top level only (subfolders hold examples), in a stable order."""
    return sorted(resource_dir(name).glob("*.ttl"))
