"""`beroepen diff` (registered in cli.py): parse, call the core, print."""
import sys

import click


@click.command()
@click.option("--profiel", required=True, help="Het profiel, bijvoorbeeld 'vaktherapeut' of 'stw'.")
@click.option("--van", "van", required=True, metavar="VERSIE",
              help="De oude versie: een naam die de graaf kent (bijv. 2020), 'voorbeeld' of een Turtle-bestand.")
@click.option("--naar", "naar", required=True, metavar="VERSIE", help="De nieuwe versie, op dezelfde manier.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="Schrijf het verschil naar dit bestand (in zijn geheel of niet).")
@click.option("--endpoint", envvar="BEROEPEN_ENDPOINT", default=None, metavar="URL",
              help="SPARQL 1.1-endpoint in plaats van de ingebouwde graaf (of $BEROEPEN_ENDPOINT).")
def diff(profiel, van, naar, fmt, output, endpoint):
    """Wat er tussen twee versies van een profiel is veranderd: taakgroepen, beroepstaken,
    werkzaamheden, competenties, gedragskenmerken, kennisdomeinen, kritische situaties en
    matrixcellen, toegevoegd, verwijderd of gewijzigd, met oude en nieuwe waarde en bronsectie.

    Exit 0: geen verschillen; 1: verschillen; 2: onbekende versie of onleesbaar bestand.
    """
    from .. import formats
    from ..cli import niet_over_invoer, write
    from ..kennisgraaf.store import open_store
    from . import uitvoer
    from .vergelijking import vergelijk
    niet_over_invoer(output, [van, naar])
    r = vergelijk(open_store(endpoint), profiel, van, naar)
    if fmt == "html":  # Flask and Jinja only for HTML
        from ..web.render import versies_html as render
    else:
        render = {"text": uitvoer.as_text, "json": formats.as_json, "csv": uitvoer.as_csv}[fmt]
    write(render(r), output)
    sys.exit(1 if r["samenvatting"]["totaal"] else 0)
