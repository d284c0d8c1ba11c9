"""Command-line options that several command modules share (cli.py, esco/, uitwisseling/, …).
Here and not in cli.py: a command module importing cli.py at load time made `python -m
beroepen.cli` import cli twice, the second time half-initialised (a circular import)."""
import click

endpoint_option = click.option(
    "--endpoint", envvar="BEROEPEN_ENDPOINT", default=None, metavar="URL",
    help="SPARQL 1.1-endpoint in plaats van de ingebouwde graaf (of $BEROEPEN_ENDPOINT).")
