"""The `beroepen` command: parse arguments, call the core, print. No logic lives here.

Exit codes: 0 ok, 1 findings (the check ran and something does not meet it, or must be judged
by hand); a BeroepenError's kind gives the rest (errors.SOORTEN): 2 bad input or usage, an
unknown or ambiguous name, 3 a bug in beroepen (the registration engines disagree), 4 the
SPARQL store is unreachable or refused the query. The message goes to stderr, without a traceback.
Stopped by Ctrl-C: 130, by SIGTERM: 143 (128 + the signal), with a short message; files being
written are removed (release.write_atomic_chunks). `serve` stops cleanly on either (exit 0).
"""
import logging
import signal
import sys
import threading

import click

from . import defaults
from .errors import BeroepenError


class Beeindigd(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so that cleanup code runs as for Ctrl-C. A kind of
    KeyboardInterrupt because libraries let that through where they catch everything else
    (waitress' event loop swallowed a plain BaseException and kept serving)."""


def _beeindig(signum, frame):
    raise Beeindigd()


class Group(click.Group):
    def invoke(self, ctx):
        main_thread = threading.current_thread() is threading.main_thread()  # else no signals
        previous = signal.signal(signal.SIGTERM, _beeindig) if main_thread else None
        try:
            return super().invoke(ctx)
        except BeroepenError as err:
            click.echo(f"fout: {err}", err=True)
            ctx.exit(err.exit_code)
        except Beeindigd:
            click.echo("afgebroken (SIGTERM)", err=True)
            ctx.exit(128 + signal.SIGTERM)
        except KeyboardInterrupt:
            click.echo("\nafgebroken (Ctrl-C)", err=True)
            ctx.exit(128 + signal.SIGINT)
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def niet_over_invoer(output, inputs):
    """Refuse an -o that names one of the input files: the report would replace the export."""
    from pathlib import Path
    if output and any(Path(output).resolve() == Path(i).resolve() for i in inputs):
        raise BeroepenError("is ook een invoerbestand; het rapport zou het vervangen. "
                            "Kies een ander bestand voor -o", file=output)


def write(text, output=None):
    """Print `text`, or write it to `output` atomically (all or nothing)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from .kennisgraaf.release import write_atomic
    write_atomic(output, text.encode("utf-8"))


from .opties import endpoint_option  # noqa: E402  (shared with the command modules)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="beroepen")
def main():
    """Kennisgraaf van zorg- en welzijnsberoepen: competenties, opleidingen, registratie."""
    # rdflib logs warnings (and tracebacks) for input it then rejects; our own message says it.
    logging.getLogger("rdflib").setLevel(logging.ERROR)


@main.command()
@click.argument("name_or_file")
@click.option("--param", "-p", multiple=True, metavar="NAAM=WAARDE",
              help="Waarde voor een parameter van de query (herhaalbaar).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("--lang", type=click.Choice(defaults.TALEN), default=None,
              help="Taal van de namen (een query die ?taal kent; standaard nl, Nederlands waar een vertaling ontbreekt).")
@endpoint_option
def query(name_or_file, param, fmt, lang, endpoint):
    """Voer een benoemde query (of een .rq-bestand) uit en druk het resultaat af."""
    from .kennisgraaf import querying
    result = querying.run(name_or_file, querying.parse_params(param), endpoint=endpoint, taal=lang)
    write(querying.render(result, fmt))


# --- graaf (kern) ---

@main.command()
@click.option("--profiel", required=True, help="Profiel of beroep, bijvoorbeeld 'vaktherapeut'.")
@click.option("--format", "fmt", type=click.Choice(["csv", "markdown", "html", "json"]), default="csv")
@click.option("--lang", type=click.Choice(defaults.TALEN), default=defaults.TAAL, show_default=True,
              help="Taal van de namen (Nederlands waar een vertaling ontbreekt).")
@endpoint_option
def matrix(profiel, fmt, lang, endpoint):
    """De beroepstaak × competentie-matrix van een profiel, zoals het profiel hem geeft."""
    from . import formats
    from .kennisgraaf import matrix as core
    from .kennisgraaf.store import open_store
    m = core.matrix(open_store(endpoint), profiel, lang)
    if fmt == "html":
        from .web.render import matrix_html
        write(matrix_html(m))
        return
    render = {"csv": core.matrix_csv, "markdown": core.matrix_markdown, "json": formats.as_json}[fmt]
    write(render(m))


@main.command()
@click.option("--output", "-o", default="dist", show_default=True, type=click.Path(file_okay=False),
              help="Map voor de releasebestanden.")
@click.option("--no-reason", is_flag=True, help="Sla de HermiT-consistentiecontrole over.")
@click.option("--data", "data_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Bouw met deze databestanden in plaats van data/*.ttl (herhaalbaar).")
def build(output, no_reason, data_files):
    """Voeg ontologie en data samen, controleer (SHACL, HermiT) en schrijf de release."""
    from .kennisgraaf import build as core
    from . import reports
    result = core.build(output, data_files=list(data_files) or None, reason=not no_reason)
    click.echo(reports.build_text(result), nl=False)
    sys.exit(0 if result["ok"] else 1)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "turtle", "json"]), default="text")
def validate(files, fmt):
    """Valideer databestanden samen met de rest van de graaf (standaard: de hele graaf).

    Een bestand met dezelfde naam als een meegeleverd databestand vervangt dat bestand.
    """
    from .kennisgraaf import validation
    from . import reports
    report = validation.validate_files(list(files) or None)
    write(reports.render_validation(report, fmt))
    sys.exit(0 if report.conforms else 1)


# --- web ---

@main.command()
@click.argument("code_or_iri")
@click.option("--profiel", default=defaults.PROFIEL, show_default=True,
              help="Profiel waarin een code (zoals 'D' of '3') wordt opgezocht.")
@click.option("--lang", type=click.Choice(defaults.TALEN), default=defaults.TAAL, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@endpoint_option
def show(code_or_iri, profiel, lang, fmt, endpoint):
    """Eén resource met al zijn verbindingen (in beide richtingen) en zijn bron."""
    from .kennisgraaf import describe
    from .kennisgraaf.opzoeken import resolve
    from . import formats
    from .kennisgraaf.store import open_store
    store = open_store(endpoint)
    d = describe.describe(store, resolve(store, code_or_iri, profiel), lang)
    write(formats.as_json(d) if fmt == "json" else describe.as_text(d))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int, help="Threads van de webserver.")
@click.option("--sparql-workers", default=None, type=int,
              help="Werkprocessen die /sparql-queries uitvoeren (standaard SPARQL_WORKERS: 2).")
@click.option("--timeout", default=None, type=float,
              help="Tijdslimiet per /sparql-query in seconden (standaard SPARQL_TIMEOUT: 10).")
@click.option("--row-cap", default=None, type=int,
              help="Maximum aantal rijen of triples per /sparql-antwoord (standaard SPARQL_ROW_CAP: 10000).")
@endpoint_option
def serve(host, port, threads, sparql_workers, timeout, row_cap, endpoint):
    """Start de website en het SPARQL-endpoint (waitress), op de ingebouwde graaf of een store."""
    from .web import server as core
    source = endpoint or "de ingebouwde graaf (of ENDPOINT uit BEROEPEN_WEB_SETTINGS)"
    click.echo(f"beroepen op http://{host}:{port}/ (SPARQL: /sparql) over {source}", err=True)
    core.serve(host, port, endpoint, threads, sparql_workers, timeout, row_cap)


@main.command()
@click.option("--endpoint", "graph_store", required=True, metavar="URL",
              help="Graph Store Protocol-URL van de store (Oxigraph: http://host:poort/store).")
@click.option("--bestand", type=click.Path(dir_okay=False), default=None,
              help="Releasebestand (.ttl, .nt of .jsonld, bijv. dist/beroepen.ttl); "
                   "standaard de ingebouwde graaf.")
@click.option("--graph", "graph", default=None, metavar="IRI",
              help="Benoemde graaf; standaard de default graph.")
@click.option("--toevoegen", is_flag=True, help="Voeg toe (POST) in plaats van te vervangen (PUT).")
def load(graph_store, bestand, graph, toevoegen):
    """Laad de release in een SPARQL-store (Graph Store Protocol)."""
    from .web import server as core
    data, media_type = core.release_bytes(bestand)
    result = core.upload(graph_store, data, media_type, graph, replace=not toevoegen)
    click.echo(f"{result['methode']} {result['url']}: {result['status']} ({len(data)} bytes)")


# --- opleiding ---

@main.command()
@click.option("--naar", required=True, metavar="BEROEP", help="Het beroep, bijvoorbeeld 'speltherapeut' of 'STW'.")
@click.option("--vanaf", default=None, metavar="DIPLOMA",
              help="Startpunt: een vooropleiding (havo), opleiding of NLQF-niveau (standaard: elk).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", type=click.Choice(defaults.TALEN), default=defaults.TAAL, show_default=True,
              help="Taal van de namen (Nederlands waar een vertaling ontbreekt).")
@endpoint_option
def route(naar, vanaf, fmt, lang, endpoint):
    """Alle routes naar registratie in een beroep, stap voor stap met bronnen.

    Elke stap zegt hoe zeker hij is: 'bron' (de bron zegt het), 'afgeleid' (met de redenering)
    of 'onbekend' (de bron zegt er niets over: vraag de opleiding). Alleen een eis die een bron
    stelt kan een route weigeren. Exit 0: er is een route (ook met onbekende stappen); 1: een
    eis uit de bron weigert elke route, of de bronnen noemen geen opleiding naar het beroep
    (onbekend); 2: onbekend beroep of startpunt.
    """
    from . import formats
    from .opleiding import routes
    from .kennisgraaf.store import open_store
    result = routes.routes(naar, vanaf, store=open_store(endpoint), taal=lang)
    write(formats.as_json(result) if fmt == "json" else routes.as_text(result))
    if result["haalbaar"] is None:
        click.echo(f"onbekend: {result['onbekend']}", err=True)
        sys.exit(1)
    if not result["haalbaar"]:
        reden = "; ".join(routes.blokkerende_eisen(result))
        click.echo(f"geen route naar {result['beroep']['naam']}: {reden}", err=True)
        sys.exit(1)


@main.command()
@click.argument("bestand", type=click.Path(dir_okay=False))
@click.option("--profiel", default=defaults.PROFIEL, show_default=True,
              help="Het profiel: 'vaktherapeut' (BCP) of 'stw' (kerntaken), of de naam van een profiel.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False),
              help="Schrijf het rapport naar dit bestand (in zijn geheel of niet).")
@click.option("--lang", type=click.Choice(defaults.TALEN), default=defaults.TAAL, show_default=True,
              help="Taal van de namen (Nederlands waar een vertaling ontbreekt).")
@endpoint_option
def curriculum(bestand, profiel, fmt, output, lang, endpoint):
    """Dekking van een curriculum (CSV of Turtle) tegen de competenties en taken van een profiel."""
    from .opleiding import curriculum as core
    from . import formats
    from .kennisgraaf.store import open_store
    niet_over_invoer(output, [bestand])
    rapport = core.toets(bestand, profiel, store=open_store(endpoint), taal=lang)
    for waarschuwing in rapport["waarschuwingen"]:   # columns not read: said, not silently dropped
        click.echo(f"waarschuwing: {waarschuwing['bestand']}: {waarschuwing['melding']}", err=True)
    if fmt == "html":  # Flask and Jinja only for HTML: 0.1 s of every run otherwise
        from .web.render import curriculum_html as render
    else:
        render = {"text": core.as_text, "json": formats.as_json, "csv": core.as_csv}[fmt]
    write(render(rapport), output)
    sys.exit(0 if rapport["volledig_gedekt"] else 1)


# --- registratie ---

def _voortgang(enabled, label):
    """A progress bar on stderr (only on a terminal, or when asked with --progress)."""
    def wrap(items, total, stap):
        step = max(total // 100, 1)
        i = 0
        for i, item in enumerate(items, 1):
            if i % step == 0:
                click.echo(f"\r{label}, {stap}: {min(i, total)}/{total} ({min(100, 100 * i // total)}%)",
                           err=True, nl=False)
            yield item
        click.echo(f"\r{label}, {stap}: {i}/{total} (100%)", err=True)
    if enabled is None:
        enabled = sys.stderr.isatty()
    return wrap if enabled else None


def _registratie_command(soort, bestanden, register, peildatum, fmt, output, engine, regels, progress, endpoint,
                         regelversie=None):
    from . import registratie
    from .kennisgraaf.store import open_store
    from .registratie import rapport as rapportage, regels as regelboek
    niet_over_invoer(output, list(bestanden) + list(regels or ()))
    boek = regelboek.uit_store(open_store(endpoint), regels)
    controle = registratie.toets(   # engines that disagree: InterneFout, exit 3, no report
        soort, [registratie.Bestand.lees(p) for p in bestanden], register=register,
        peildatum=registratie.peildatum(peildatum), engine=engine, regelboek=boek,
        voortgang=_voortgang(progress, soort), regelversie=regelversie)
    for waarschuwing in controle.kop["waarschuwingen"]:     # an unread column: said, not dropped silently
        click.echo(f"let op: {waarschuwing['bestand']}: {waarschuwing['melding']}", err=True)
    html = None
    if fmt == "html":
        from .web.registratie import html_chunks as html
    stukken = rapportage.stroom(controle, fmt, html)      # judged while written: one verdict in memory
    if output:
        rapportage.schrijf(stukken, output)
    else:
        for stuk in stukken:
            click.echo(stuk, nl=False)
    if fmt != "text" or output:
        click.echo(rapportage.samenvatting_tekst(controle.samenvatting), err=True)
    sys.exit(registratie.exitcode(controle.samenvatting))


def _registratie_options(command):
    for option in reversed([
        click.argument("bestanden", nargs=-1, required=True, type=click.Path(dir_okay=False)),
        click.option("--register", default=defaults.REGISTER, show_default=True,
                     help="Code van de regeling (skos:notation in data/registratie-*.ttl)."),
        click.option("--peildatum", default=None, metavar="DATUM",
                     help="Stand op deze datum (JJJJ-MM-DD of DD-MM-JJJJ): wat is nog nodig, in welk tempo."),
        click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text"),
        click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
                     help="Schrijf het rapport naar dit bestand (alles of niets)."),
        click.option("--engine", type=click.Choice(["auto", "regels", "shacl"]), default=defaults.ENGINE,
                     show_default=True,
                     help="'shacl' controleert elk oordeel en elk behaald getal ook met pySHACL (de referentie, "
                          "~0,3 s per dossier); 'auto' doet dat tot 5 dossiers en voor een vaste steekproef van 2 "
                          "uit een groter register; 'regels' niet. Verschillen ze: exit 3."),
        click.option("--regels", multiple=True, type=click.Path(dir_okay=False), metavar="TTL",
                     help="Extra regelbestand (Turtle) met een eigen regeling (herhaalbaar)."),
        click.option("--regelversie", default=None, metavar="NAAM",
                     help="Toets met deze versie van de regeling (owl:versionInfo, bijv. 2020) in plaats van "
                          "de versie die de overgangsregel per dossier kiest."),
        click.option("--progress/--no-progress", default=None,
                     help="Voortgang op stderr (standaard alleen op een terminal)."),
        endpoint_option,
    ]):
        command = option(command)
    return command


@main.command()
@_registratie_options
def herregistratie(bestanden, register, peildatum, fmt, output, engine, regels, regelversie, progress, endpoint):
    """Toets herregistratie: PRAKTIJK.csv ACTIVITEITEN.csv, of één Turtle/JSON-LD-dossier.

    Exit 0: iedereen voldoet; 1: iemand voldoet niet of moet handmatig beoordeeld worden (een
    eis zonder drempel in de bron); 2: foute invoer (alle foute regels worden genoemd, er wordt
    dan geen oordeel gegeven); 3: de regelevaluatie en pySHACL verschillen (een fout in
    beroepen, geen rapport).
    """
    _registratie_command("herregistratie", bestanden, register, peildatum, fmt, output, engine, regels, progress,
                         endpoint, regelversie)


@main.command()
@_registratie_options
def registratie(bestanden, register, peildatum, fmt, output, engine, regels, regelversie, progress, endpoint):
    """Toets een eerste registratie: PRAKTIJK.csv [ACTIVITEITEN.csv], of één Turtle/JSON-LD-dossier.

    Exit 0: iedereen voldoet; 1: iemand voldoet niet of moet handmatig beoordeeld worden;
    2: foute invoer; 3: de regelevaluatie en pySHACL verschillen (een fout in beroepen).
    """
    _registratie_command("registratie", bestanden, register, peildatum, fmt, output, engine, regels, progress,
                         endpoint, regelversie)


# --- ESCO (the commands live with their core in esco/commando.py) ---

from .esco.commando import esco  # noqa: E402
main.add_command(esco)

from .versies.commando import diff  # noqa: E402
main.add_command(diff)

from .uitwisseling.commando import export, import_  # noqa: E402
main.add_command(export)
main.add_command(import_)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
