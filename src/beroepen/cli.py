"""The `beroepen` command: parse arguments, call the core, print. No logic lives here.

Exit codes: 0 ok, 1 findings (the check ran and something does not meet it), 2 bad input
or usage. Bad input is a BeroepenError: its message goes to stderr, without a traceback.
"""
import sys

import click

from .errors import BeroepenError


class Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BeroepenError as err:
            click.echo(f"fout: {err}", err=True)
            ctx.exit(2)


def write(text, output=None):
    """Print `text`, or write it to `output` atomically (all or nothing)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from .release import write_atomic
    write_atomic(output, text.encode("utf-8"))


endpoint_option = click.option(
    "--endpoint", envvar="BEROEPEN_ENDPOINT", default=None, metavar="URL",
    help="SPARQL 1.1-endpoint in plaats van de ingebouwde graaf (of $BEROEPEN_ENDPOINT).")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="beroepen")
def main():
    """Kennisgraaf van zorg- en welzijnsberoepen: competenties, opleidingen, registratie."""


@main.command()
@click.argument("name_or_file")
@click.option("--param", "-p", multiple=True, metavar="NAAM=WAARDE",
              help="Waarde voor een parameter van de query (herhaalbaar).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@endpoint_option
def query(name_or_file, param, fmt, endpoint):
    """Voer een benoemde query (of een .rq-bestand) uit en druk het resultaat af."""
    from . import querying
    result = querying.run(name_or_file, dict(p.split("=", 1) for p in param if "=" in p),
                          endpoint=endpoint)
    write(querying.render(result, fmt))


# --- graaf (kern) ---

@main.command()
@click.option("--profiel", required=True, help="Profiel of beroep, bijvoorbeeld 'vaktherapeut'.")
@click.option("--format", "fmt", type=click.Choice(["csv", "markdown", "html", "json"]), default="csv")
@endpoint_option
def matrix(profiel, fmt, endpoint):
    """De beroepstaak × competentie-matrix van een profiel, zoals het profiel hem geeft."""
    from . import formats, matrix as core
    from .graph import open_store
    m = core.matrix(open_store(endpoint), profiel)
    render = {"csv": core.matrix_csv, "markdown": core.matrix_markdown, "html": core.matrix_html,
              "json": formats.as_json}[fmt]
    write(render(m))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text")
def validate(files, fmt):
    """Valideer databestanden (standaard: de hele graaf) tegen de SHACL-vormen."""
    from . import validation, reports
    report = validation.validate_files(list(files) or None)
    write(reports.render_validation(report, fmt))
    sys.exit(0 if report.conforms else 1)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
