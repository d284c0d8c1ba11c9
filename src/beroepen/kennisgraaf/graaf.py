"""Load the knowledge graph from the Turtle sources: into an rdflib Graph (for pySHACL, the
build, serialising) or straight into an in-memory Oxigraph store (for queries: fast)."""
import functools
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import BeroepenError
from ..resources import resource_dir, turtle_files
from ..vocab import PREFIXES

CROSSWALK_SUFFIX = ".sssom.tsv"  # SSSOM mapping tables (the ESCO crosswalk), turned into triples at load


def parse_turtle(path, graph=None):
    """Parse one Turtle file into `graph`; a syntax error names the file and line."""
    graph = Graph() if graph is None else graph
    path = Path(path)
    try:
        graph.parse(path, format="turtle")
    except BadSyntax as err:
        raise BeroepenError(f"Turtle-syntaxfout: {err._why}", file=path,
                            line=err.lines + 1) from None
    except (OSError, UnicodeDecodeError) as err:
        raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None
    except Exception as err:  # rdflib raises plain exceptions for bad IRIs, prefixes, …
        raise BeroepenError(f"ongeldige Turtle: {err}", file=path) from None
    return graph


def shipped_data_files():
    """Every data file of data/: the Turtle files, then the SSSOM crosswalks."""
    return turtle_files("data") + sorted(resource_dir("data").glob("*" + CROSSWALK_SUFFIX))


def source_files(data_files=None):
    """The ontology plus the given data files (default: every file in data/)."""
    data = shipped_data_files() if data_files is None else [Path(p) for p in data_files]
    return turtle_files("ontology") + data


def _crosswalk_ntriples(path):
    from ..esco.crosswalk import ntriples
    return ntriples(path)


def parse_data_file(path, graph=None):
    """One data file into `graph`: Turtle, or an SSSOM crosswalk turned into its triples."""
    graph = Graph() if graph is None else graph
    if Path(path).name.endswith(CROSSWALK_SUFFIX):
        return graph.parse(data=_crosswalk_ntriples(path), format="nt")
    return parse_turtle(path, graph)


def load_graph(data_files=None):
    """A fresh rdflib Graph holding the ontology and the data."""
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for path in source_files(data_files):
        parse_data_file(path, graph)
    return graph


@functools.lru_cache(maxsize=1)
def default_graph():
    """The shipped graph, parsed once per process (read-only by convention)."""
    return load_graph()


def is_default_graph(graph):
    """True when `graph` is the one default_graph() returned (without parsing it)."""
    return default_graph.cache_info().currsize > 0 and graph is default_graph()


def load_store(data_files=None):
    """A fresh in-memory pyoxigraph Store holding the ontology and the data, parsed by
    Oxigraph itself (no rdflib Graph in between); a syntax error names the file and line."""
    import pyoxigraph
    store = pyoxigraph.Store()
    for path in source_files(data_files):
        if path.name.endswith(CROSSWALK_SUFFIX):
            store.load(_crosswalk_ntriples(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
            continue
        try:
            store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
        except SyntaxError as err:
            raise BeroepenError(f"Turtle-syntaxfout: {err.msg}", file=path, line=err.lineno) from None
        except (OSError, ValueError) as err:
            raise BeroepenError(f"kan niet gelezen worden: {err}", file=path) from None
    return store


@functools.lru_cache(maxsize=1)
def default_store():
    """The shipped graph in an Oxigraph store, loaded once per process (read-only by
    convention; safe to query from several threads)."""
    return load_store()
