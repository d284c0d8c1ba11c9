"""beroepen: knowledge graph of Dutch care and welfare professions.

The public API; the CLI, the web app and the tests call these functions.

Each name is imported when first used (PEP 562), so `import beroepen` (every CLI command)
does not load pySHACL and rdflib's SPARQL parser for a command that needs neither.
"""
import importlib

_WHERE = {
    "BeroepenError": ".errors",
    "load_graph": ".kennisgraaf.graaf",
    "open_store": ".kennisgraaf.store",
    "EmbeddedStore": ".kennisgraaf.store",
    "RemoteStore": ".kennisgraaf.store",
    "named_query": ".kennisgraaf.queries",
    "query_names": ".kennisgraaf.queries",
    "validate": ".kennisgraaf.validation",
    "validate_files": ".kennisgraaf.validation",
}

__all__ = list(_WHERE)
__version__ = "0.1.0"


def __getattr__(name):
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module 'beroepen' has no attribute {name!r}")
