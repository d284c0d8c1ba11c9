"""A check's report as text, JSON, CSV or HTML. Plain strings; the caller prints or writes them.

JSON is the contract: an array of verdicts in input order. CSV has one row per practitioner
per requirement (what a spreadsheet filters on). HTML is one standalone page, the same one
the web page offers for download.

stroom(controle, fmt) writes a register while it is judged (a Controle from registratie.toets):
one verdict in memory at a time. Text ends with the samenvatting, counted meanwhile; JSON
and CSV have none (the CLI prints it on stderr after the last row); the HTML page shows it
above its table, so for HTML the verdicts are counted in a first pass and then judged again
while the page is written (twice the judging time, the same bounded memory). HTML is
rendered by the face that asks for it (web/registratie.html_chunks), passed in as `html`.
"""
import io
import json

from ..formats import csv_rij, csv_writer
from ..kennisgraaf.release import write_atomic_chunks
from ..vocab import BO

VERKLARING = str(BO.verklaringAanwezig)

FORMATS = ("text", "json", "csv", "html")
CSV_KOLOMMEN = ["registratienummer", "naam", "register", "voldoet", "eis", "vereist", "behaald",
                "eenheid", "eis_voldoet", "geteld", "niet_geteld", "nog_nodig", "per_jaar_nodig",
                "bronsectie", "versie", "onbekend"]


def render(rapport, fmt, html=None):
    """The whole report as one string."""
    return "".join(chunks(rapport, fmt, html))


def chunks(rapport, fmt, html=None):
    """The report piece by piece, so a register of 50,000 is never one huge string.
    html(rapport) renders the HTML page piece by piece (the faces own the templates)."""
    if fmt == "json":
        return json_chunks(rapport)
    if fmt == "csv":
        return csv_chunks(rapport)
    if fmt == "html":
        if html is None:
            raise ValueError("HTML wordt door de web-laag gemaakt: geef html=web.registratie.html_chunks")
        return html(rapport)
    return text_chunks(rapport)


def stroom(controle, fmt, html=None):
    """The report of a Controle piece by piece, judged while it is written (see above)."""
    if fmt == "html":
        samenvatting = controle.tel()
        rapport = dict(controle.kop, uitslagen=controle.uitslagen(tellen=False), samenvatting=samenvatting)
    else:
        rapport = controle.stroom()
    return chunks(rapport, fmt, html)


def schrijf(stukken, path):
    """Write the pieces to `path` all or nothing (see release.write_atomic_chunks)."""
    write_atomic_chunks(path, stukken)


def json_chunks(rapport):
    """The JSON contract: an array in input order, one practitioner per line."""
    yield "["
    for i, uitslag in enumerate(rapport["uitslagen"]):
        yield ("\n" if i == 0 else ",\n") + json.dumps(uitslag, ensure_ascii=False)
    yield "\n]\n"


def _getal(value):
    """18 → '18', 17.5 → '17,5' (Dutch), booleans as ja/nee, None as '–'."""
    if value is None:
        return "–"
    if value is True or value is False:
        return "ja" if value else "nee"
    return str(value).replace(".", ",")


# A dossier's verdict: True only when every requirement is met; None when none fails but one
# could not be judged (the source gives no threshold), so a person must decide.
OORDEEL = {True: "voldoet", False: "voldoet niet", None: "handmatig beoordelen"}


def _teken(voldoet):
    return {True: "✓", False: "✗", None: "?"}[voldoet]


def _eisregel(eis):
    if eis["meetwijze_iri"] == VERKLARING:
        waarde = "aanwezig" if eis["behaald"] else eis.get("toelichting", "niet aanwezig")
        return f"{_teken(eis['voldoet'])} {eis['eis']}: {waarde}"
    eenheid = f" {eis['eenheid']}" if eis["eenheid"] else ""
    if not eis["toetsbaar"]:
        return (f"? {eis['eis']}: {_getal(eis['behaald'])}{eenheid}; de bron noemt geen minimum, "
                "handmatig te beoordelen")
    if eis.get("toelichting"):
        return f"{_teken(eis['voldoet'])} {eis['eis']}: {eis['toelichting']}, vereist ten minste {_getal(eis['vereist'])}{eenheid}"
    return f"{_teken(eis['voldoet'])} {eis['eis']}: {_getal(eis['behaald'])} van ten minste {_getal(eis['vereist'])}{eenheid}"


def _activiteit(item):
    punten = f", {_getal(item['punten'])} punten" if item["punten"] is not None else ""
    door = f", geaccrediteerd door {item['geaccrediteerd_door']}" if item["geaccrediteerd_door"] else ""
    tekst = f" “{item['omschrijving']}”" if item["omschrijving"] else ""
    reden = f": {item['reden']}" if "reden" in item else ""
    return f"regel {item['regel']}, {item['datum']}, {item['soort']}{punten}{door}{tekst}{reden}"


def as_text(rapport):
    return "".join(text_chunks(rapport))


def text_chunks(rapport):
    for u in rapport["uitslagen"]:
        yield _text_dossier(u)
    yield samenvatting_tekst(rapport["samenvatting"]) + "\n"


def oordeel(u):
    """The dossier's verdict in words: "onbekend" when no rule version judged it."""
    return "onbekend" if u.get("onbekend") else OORDEEL[u["voldoet"]]


def versieregel(u):
    """Which rule version judged the dossier and why that one, or why none did."""
    versie = u.get("versie")
    if not versie:
        return ""
    if u.get("onbekend"):
        return f"geen regelversie: {u['onbekend']}"
    geldig = f" ({versie['geldigheid']})" if versie.get("geldigheid") else ""
    if versie["gekozen_door"] == "regelversie":
        waarom = "gekozen met --regelversie" + (f"; gold niet op {versie['datum']}"
                                                if versie.get("in_kracht") is False else "")
    elif versie["gekozen_door"] == "overgangsregel":
        waarom = f"gekozen door de overgangsregel: {versie['overgangsregel']}, {versie['datum']}"
    else:
        waarom = "de enige versie"
    return f"regelversie {versie['naam']}{geldig}, {waarom}"


def _text_dossier(u):
    out = []
    out.append(f"{u['registratienummer']}  {u['naam']}  {oordeel(u).upper()}")
    if "periode" in u:
        out.append(f"  periode {u['periode']['start']} t/m {u['periode']['eind']}"
                   + (f", peildatum {u['peildatum']}" if u.get("peildatum") else ""))
    if versieregel(u):
        out.append(f"  {versieregel(u)}")
    for w in u["waarschuwingen"]:
        out.append(f"  let op: {w}")
    for eis in u["eisen"]:
        out.append(f"  {_eisregel(eis)}   [{eis['bronsectie']}]")
        if "nog_nodig" in eis and eis["voldoet"] is False:
            out.append(f"      nog nodig: {_getal(eis['nog_nodig'])} in {_getal(eis['resterende_jaren'])} jaar, "
                       f"{_getal(eis['per_jaar_nodig'])} per jaar")
        for item in eis.get("geteld", []):
            out.append(f"      telt: {_activiteit(item)}")
        for item in eis.get("niet_geteld", []):
            out.append(f"      telt niet: {_activiteit(item)}")
    for item in u["niet_gebruikt"]:
        out.append(f"  niet gebruikt: {_activiteit(item)}")
    return "\n".join(out) + "\n\n"


def samenvatting_tekst(s):
    lines = [f"Samenvatting: {s['totaal']} beoordeeld, {s['voldoet']} voldoen, {s['voldoet_niet']} voldoen niet, "
             f"{s['handmatig_beoordelen']} handmatig te beoordelen"
             + (f", {s['onbekend']} onbekend (geen regelversie geldt)." if s.get("onbekend") else ".")]
    for code, teller in s["per_eis"].items():
        extra = f", {teller['niet_toetsbaar']} handmatig te beoordelen" if teller["niet_toetsbaar"] else ""
        lines.append(f"  {code}: {teller['voldoet']} voldoen, {teller['voldoet_niet']} voldoen niet{extra}")
    return "\n".join(lines)


def csv_rijen(rapport):
    for u in rapport["uitslagen"]:
        versie = (u.get("versie") or {}).get("naam") or ""
        if u.get("onbekend"):       # no requirement was judged: one row that says why
            yield [u["registratienummer"], u["naam"], u["register"], "onbekend"] + [""] * 10 + [versie, u["onbekend"]]
        for eis in u["eisen"]:
            yield [u["registratienummer"], u["naam"], u["register"], _janee(u["voldoet"]), eis["eis"],
                   _cel(eis.get("vereist")), _cel(eis.get("behaald")), eis["eenheid"],
                   _janee(eis["voldoet"]), len(eis.get("geteld", [])), len(eis.get("niet_geteld", [])),
                   _cel(eis.get("nog_nodig")), _cel(eis.get("per_jaar_nodig")), eis["bronsectie"], versie, ""]


def _janee(value):
    return {True: "ja", False: "nee", None: "handmatig"}[value]


def _cel(value):
    if value is None:
        return ""
    if value is True or value is False:
        return _janee(value)
    return value


def csv_tabel(rapport):
    """The CSV as rows of text, header first: what csv_chunks writes, for a page that builds
    the file in the browser (web/static/download.js)."""
    return [CSV_KOLOMMEN] + [["" if c is None else str(c) for c in csv_rij(rij)] for rij in csv_rijen(rapport)]


def csv_chunks(rapport):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(CSV_KOLOMMEN)
    for i, rij in enumerate(csv_rijen(rapport)):
        writer.writerow(csv_rij(rij))   # no cell runs as a formula or splits the row
        if i % 5000 == 4999:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def template_helpers():
    """The functions the report templates call (the standalone page and the web page)."""
    return {"getal": _getal, "eisregel": _eisregel, "activiteit": _activiteit, "oordeel": OORDEEL,
            "janee": _janee, "verklaring": VERKLARING, "versieregel": versieregel, "uitslag_oordeel": oordeel}
