"""beroepen: knowledge graph of Dutch care and welfare professions.

The public API; the CLI, the web app and the tests call these functions.
"""
from .errors import BeroepenError
from .kennisgraaf.graaf import load_graph
from .kennisgraaf.store import open_store, EmbeddedStore, RemoteStore
from .kennisgraaf.queries import named_query, query_names
from .kennisgraaf.validation import validate, validate_files

__all__ = ["BeroepenError", "load_graph", "open_store", "EmbeddedStore", "RemoteStore",
           "named_query", "query_names", "validate", "validate_files"]
__version__ = "0.1.0"
