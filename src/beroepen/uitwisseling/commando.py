"""The `beroepen export` and `beroepen import` commands (registered in cli.py): parse, call
the core, print. `export` dispatches on --format (xlsx; more formats add a branch in EXPORTS)."""
import click

from ..opties import endpoint_option


def _xlsx(store, profiel, uit):
    import io
    from ..kennisgraaf.release import write_atomic
    from . import werkboek
    buffer = io.BytesIO()
    werkboek.exporteer(store, profiel["iri"], buffer)
    write_atomic(uit or f"{profiel['slug']}.xlsx", buffer.getvalue())
    return uit or f"{profiel['slug']}.xlsx"


def _case(store, profiel, uit):
    from ..cli import write
    from . import case
    path = uit or f"{profiel['slug']}.case.json"
    write(case.als_json(case.pakket(store, profiel)), path)
    return path


EXPORTS = {"xlsx": _xlsx, "case": _case}


@click.command("export")
@click.option("--profiel", required=True, help="Het profiel: vaktherapeut, stw, bcp-vaktherapeut of zijn IRI.")
@click.option("--format", "fmt", type=click.Choice(sorted(EXPORTS)), default="xlsx", show_default=True)
@click.option("--uit", default=None, type=click.Path(dir_okay=False),
              help="Schrijf hierheen (standaard <profiel>.xlsx of, bij case, <profiel>.case.json "
                   "in de huidige map).")
@endpoint_option
def export(profiel, fmt, uit, endpoint):
    """Schrijf een profiel als werkboek (xlsx) om te bewerken en terug te lezen met `beroepen import`,
    of als CASE 1.1-pakket (case, JSON) om in een curriculumtool te laden."""
    from ..kennisgraaf.profielen import resolve_profiel
    from ..kennisgraaf.store import open_store
    store = open_store(endpoint)
    written = EXPORTS[fmt](store, resolve_profiel(store, profiel), uit)
    click.echo(f"geschreven: {written}", err=True)


@click.command("import")
@click.argument("werkboek", type=click.Path(dir_okay=False))
@click.option("--profiel", required=True, help="Het profiel dat het werkboek beschrijft.")
@click.option("--uit", default=None, type=click.Path(dir_okay=False),
              help="Schrijf de Turtle hierheen (standaard het bestand van het profiel in data/).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def import_(werkboek, profiel, uit, fmt):
    """Lees een bewerkt werkboek terug naar Turtle, gecontroleerd (eigen controles en SHACL).

    Elke bevinding noemt blad, rij en kolom. Bij een fout wordt niets geschreven (exit 2).
    """
    from .. import formats
    from ..cli import niet_over_invoer
    from ..errors import BeroepenError
    from ..kennisgraaf.profielen import resolve_profiel
    from ..kennisgraaf.store import open_store
    from .importeren import importeer_bestand
    niet_over_invoer(uit, [werkboek])
    gevonden = resolve_profiel(open_store(), profiel)
    uitkomst = importeer_bestand(werkboek, gevonden["iri"], uit)
    if fmt == "json":
        click.echo(formats.as_json(uitkomst.as_dict()))
    else:
        for bevinding in uitkomst.bevindingen:
            click.echo(("fout: " if bevinding.fout else "let op: ") + str(bevinding), err=True)
    if uitkomst.fouten:
        n = len(uitkomst.fouten)
        raise BeroepenError(f"{n} {'fout' if n == 1 else 'fouten'} in het werkboek; niets geschreven",
                            file=werkboek)
    if fmt == "text":
        click.echo(f"geschreven: {uitkomst.bestand} ({uitkomst.triples} triples)")
