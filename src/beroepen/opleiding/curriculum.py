"""Curriculum alignment: which modules cover which competences and tasks of a profile.

A curriculum (CSV or Turtle) becomes an in-memory graph of bo:Curriculum and bo:Module
beside the profile's competences and tasks. The coverage rules are SHACL shapes
(shapes/curriculum.ttl); the gaps in the report are the findings of that validation, and the
lists of covering modules come from curriculum-dekking.rq over the same graph. Codes that do
not exist in the profile are an input error (every one listed with its line), never a gap.
"""
import functools
import io
import re
from collections import defaultdict
from decimal import Decimal

from rdflib import Graph, Literal, RDF, URIRef, XSD
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..errors import BeroepenError
from ..kennisgraaf.store import EmbeddedStore
from .. import defaults
from ..vocab import BO, BS, DCT, SH, SKOS, compact
from ..kennisgraaf.graaf import parse_turtle
from ..kennisgraaf.queries import InTaal, named_query
from ..kennisgraaf.querying import Label, label
from ..invoer import waarden
from ..invoer.tabel import Bestand, Fouten, tabel
from ..resources import resource_dir
from ..kennisgraaf import profielen as profielen_core
from ..invoer import limieten as uploads
from ..kennisgraaf.validation import load_shapes, validate

CURRICULUM = URIRef("urn:beroepen:curriculum")
MODULE = "urn:beroepen:curriculum:module:"
UPLOAD_BASIS = "https://upload.invalid/"  # base of relative IRIs in an uploaded Turtle file (never fetched)
KOLOMMEN = ["module", "omschrijving", "studiebelasting", "competenties", "beroepstaken"]
# the properties a curriculum is written with, looked up once (a Namespace lookup per triple
# is a tenth of reading 5,000 modules)
_MODULE, _MODULEKLASSE, _BRONREGEL = BO.module, BO.Module, BO.bronregel
_STUDIEBELASTING, _DEKT_COMPETENTIE, _DEKT_TAAK = BO.studiebelasting, BO.dektCompetentie, BO.dektTaak
SHAPES = "curriculum.ttl"
# the rules of shapes/curriculum.ttl the report reads its gaps from (as findings name them)
COMPETENTIE_GEDEKT = compact(BS["CurriculumCompetentieShape-gedekt"])
TAAK_GEDEKT = compact(BS["CurriculumTaakShape-gedekt"])
GEKOPPELD = compact(BS["CurriculumTaakShape-gekoppelde-competentie"])


# --- the profile --------------------------------------------------------------------------

def resolve_profiel(name, store):
    """(iri, label) of the profile named `name` (see profielen.resolve_profiel)."""
    profiel = profielen_core.resolve_profiel(store, name)
    return profiel["iri"], _naam_van(profiel)


def profielen(store):
    """Every profile a curriculum can be checked against: [{"iri", "slug", "naam"}]."""
    return sorted(({"iri": p["iri"], "slug": p["slug"], "naam": _naam_van(p)}
                   for p in profielen_core.profielen(store)), key=lambda p: p["naam"])


def _naam_van(profiel):
    naam = Label(profiel["label"])
    naam.taal = profiel["label_taal"]
    return naam


def profiel_inhoud(profiel, store):
    """{"competenties": [...], "taken": [...]} in profile order (generic 1–6, then A–F; tasks by number)."""
    rows = store.select(named_query("curriculum-profiel").text, {"profiel": URIRef(profiel)})
    # the names in the store's language (InTaal) from a query of their own (curriculum-namen.rq)
    namen = {str(r["item"]): label(r["label"])
             for r in store.select(named_query("curriculum-namen").text, {"profiel": URIRef(profiel)})}
    competenties, taken = {}, {}
    for row in rows:
        iri = str(row["item"])
        if str(row["soort"]) == "competentie":
            competenties[iri] = {"iri": iri, "code": str(row["code"]), "naam": namen.get(iri) or label(row["label"]),
                                 "soort": "generiek" if row["generiek"].toPython() else "specifiek"}
        else:
            taken[iri] = {"iri": iri, "nummer": int(str(row["code"])), "naam": namen.get(iri) or label(row["label"]),
                          "taaksoort": compact(row["taaksoort"])}
    koppeling = defaultdict(list)
    for row in store.select(named_query("curriculum-taakcompetenties").text, {"profiel": URIRef(profiel)}):
        koppeling[str(row["taak"])].append(str(row["competentie"]))
    order = lambda c: (c["soort"] != "generiek", len(c["code"]), c["code"])
    competenties = sorted(competenties.values(), key=order)
    positie = {c["iri"]: i for i, c in enumerate(competenties)}
    for taak in taken.values():
        taak["gekoppelde_competenties"] = sorted(koppeling[taak["iri"]], key=lambda i: positie.get(i, 99))
    return {"competenties": competenties, "taken": sorted(taken.values(), key=lambda t: t["nummer"])}


# --- reading a curriculum -----------------------------------------------------------------

def _codes(cell):
    return [c for c in re.split(r"[;,\s]+", cell.strip()) if c]


def _taakkolommen(inhoud):
    """The column names a task column may have: beroepstaken; kerntaken where the profile's tasks are kerntaken (STW)."""
    namen = ["beroepstaken"]
    if any(t["taaksoort"] == "bo:Kerntaak" for t in inhoud["taken"]):
        namen.append("kerntaken")
    return namen


def _verplichte_codekolommen(bestand, kolommen, taakkolom, inhoud, fouten):
    """A code column the profile has codes for must be there: without it every competence or
    task would silently count as uncovered. (STW has no competences, so needs no such column.)"""
    ontbreekt = []
    if inhoud["competenties"] and "competenties" not in kolommen:
        ontbreekt.append("competenties")
    if inhoud["taken"] and taakkolom is None:
        ontbreekt.append(" of ".join(_taakkolommen(inhoud)))
    if ontbreekt:
        fouten.add(bestand.naam, 1, f"kolom ontbreekt: {' en '.join(ontbreekt)} (verwacht "
                                    f"{', '.join(KOLOMMEN)}; gevonden: {', '.join(kolommen)})")
        fouten.check()


def lees_csv(bestand, profiel, inhoud, waarschuwingen=None):
    """A curriculum graph from a CSV file (a Bestand); every unknown code or bad cell is listed.
    Columns the reader does not know are not read: each is added to `waarschuwingen` (a list)."""
    fouten = Fouten()
    parsed = tabel(bestand, ["module"], fouten)
    fouten.check()
    taakkolom = next((k for k in _taakkolommen(inhoud) if k in parsed[0]), None)
    _verplichte_codekolommen(bestand, parsed[0], taakkolom, inhoud, fouten)
    bekend = KOLOMMEN + _taakkolommen(inhoud)[1:]
    onbekend = {i: OnbekendeKolom(naam, i + 1) for i, naam in enumerate(parsed[0]) if naam not in bekend}
    competenties = {c["code"].upper(): URIRef(c["iri"]) for c in inhoud["competenties"]}
    taken = {str(t["nummer"]): URIRef(t["iri"]) for t in inhoud["taken"]}
    graph = _nieuw(profiel)
    add = graph.add
    for regel, cells in parsed[1]:
        row = cells if isinstance(cells, dict) else dict(zip(parsed[0], cells))
        for i, kolom in onbekend.items():
            kolom.zie(cells[i])
        module = URIRef(f"{MODULE}{regel}")
        if not row["module"]:
            fouten.add(bestand.naam, regel, "module: naam ontbreekt")
        add((CURRICULUM, _MODULE, module))
        add((module, RDF.type, _MODULEKLASSE))
        add((module, SKOS.prefLabel, Literal(row["module"] or f"regel {regel}", lang="nl")))
        add((module, _BRONREGEL, Literal(regel)))
        if row.get("omschrijving"):
            add((module, DCT.description, Literal(row["omschrijving"], lang="nl")))
        if row.get("studiebelasting"):
            try:
                load = waarden.niet_negatief(row["studiebelasting"])
                add((module, _STUDIEBELASTING, Literal(load, datatype=XSD.decimal)))
            except ValueError as err:
                fouten.add(bestand.naam, regel, f"studiebelasting: {err}")
        for code in _codes(row.get("competenties", "")):
            if code.upper() in competenties:
                add((module, _DEKT_COMPETENTIE, competenties[code.upper()]))
            else:
                fouten.add(bestand.naam, regel, f"competenties: '{code}' is geen competentie van het "
                           f"profiel (bekend: {', '.join(c['code'] for c in inhoud['competenties']) or 'geen'})")
        for code in _codes(row.get(taakkolom, "") if taakkolom else ""):
            nummer = code.lstrip("0") or code
            if nummer in taken:
                add((module, _DEKT_TAAK, taken[nummer]))
            else:
                fouten.add(bestand.naam, regel, f"beroepstaken: '{code}' is geen taaknummer van het "
                           f"profiel (bekend: {', '.join(taken) or 'geen'})")
    fouten.check()
    if waarschuwingen is not None:
        waarschuwingen += [w for k in onbekend.values() if (w := k.waarschuwing(bestand.naam, bekend))]
    return graph


class OnbekendeKolom:
    """A column the reader does not know: not read, but reported (an extra 'EC' column would
    otherwise be dropped without a word). A column whose every filled cell is a number gets
    the hint that study load belongs in 'studiebelasting'."""

    def __init__(self, naam, nummer):
        self.naam, self.nummer, self.gevuld, self.getallen = naam, nummer, 0, 0

    def zie(self, cel):
        if cel:
            self.gevuld += 1
            try:
                waarden.niet_negatief(cel)
                self.getallen += 1
            except ValueError:
                pass

    def waarschuwing(self, bestand, bekend):
        if not self.naam and not self.gevuld:
            return None   # an empty column without a name (a trailing separator): nothing dropped
        naam = f"kolom '{self.naam}'" if self.naam else f"kolom {self.nummer} (zonder naam)"
        cellen = "1 gevulde cel" if self.gevuld == 1 else f"{self.gevuld} gevulde cellen"
        melding = (f"{naam} is onbekend en wordt niet gelezen ({cellen}); "
                   f"bekende kolommen: {', '.join(bekend)}")
        if self.gevuld and self.getallen == self.gevuld:
            melding += ("; is dit de studiebelasting, zet haar dan in de kolom studiebelasting "
                        "(in de eenheid van het curriculum, bijvoorbeeld EC)")
        return {"bestand": bestand, "regel": 1, "kolom": self.naam, "melding": melding}


def lees_turtle(path, profiel):
    """A curriculum graph from a Turtle file: bo:Module nodes with bo:dektCompetentie / bo:dektTaak."""
    return _curriculum_uit_graaf(parse_turtle(path), profiel, path)


def _curriculum_uit_graaf(graph, profiel, naam):
    modules = set(graph.subjects(RDF.type, BO.Module))
    if not modules:
        raise BeroepenError("geen bo:Module gevonden (verwacht modules met bo:dektCompetentie "
                            "en/of bo:dektTaak)", file=naam)
    curricula = set(graph.subjects(RDF.type, BO.Curriculum))
    if len(curricula) > 1:
        raise BeroepenError("meer dan één bo:Curriculum in het bestand", file=naam)
    curriculum = curricula.pop() if curricula else CURRICULUM
    for other in set(graph.objects(curriculum, BO.getoetstAanProfiel)) - {URIRef(profiel)}:
        raise BeroepenError(f"het curriculum is getoetst aan {compact(other)}, niet aan "
                            f"{compact(profiel)}", file=naam, node=compact(curriculum))
    graph.add((curriculum, RDF.type, BO.Curriculum))
    graph.add((curriculum, BO.getoetstAanProfiel, URIRef(profiel)))
    for module in modules:
        graph.add((curriculum, BO.module, module))
    return graph


def _nieuw(profiel):
    graph = Graph()
    graph.add((CURRICULUM, RDF.type, BO.Curriculum))
    graph.add((CURRICULUM, BO.getoetstAanProfiel, URIRef(profiel)))
    return graph


def lees(path_or_bestand, profiel, inhoud, waarschuwingen=None):
    """CSV or Turtle (by extension, or by content when it starts like Turtle)."""
    if isinstance(path_or_bestand, Bestand):
        bestand = path_or_bestand
    else:
        bestand = Bestand.lees(path_or_bestand)
    if _is_turtle(bestand):
        if isinstance(path_or_bestand, Bestand):
            return _turtle_uit_bytes(bestand, profiel)
        return lees_turtle(path_or_bestand, profiel)
    return lees_csv(bestand, profiel, inhoud, waarschuwingen)


def _is_turtle(bestand):
    if bestand.naam.lower().endswith((".ttl", ".turtle")):
        return True
    head = bestand.data[:200].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"@prefix", b"PREFIX", b"@base", b"<"))


def _turtle_uit_bytes(bestand, profiel):
    """An uploaded Turtle curriculum, parsed in memory: its name is only used in messages."""
    graph = Graph()
    try:
        graph.parse(data=bestand.data, format="turtle", publicID=UPLOAD_BASIS)
    except BadSyntax as err:
        raise BeroepenError(f"Turtle-syntaxfout: {err._why}", file=bestand.naam, line=err.lines + 1) from None
    except Exception as err:  # rdflib raises plain exceptions for bad IRIs, prefixes, encodings …
        raise BeroepenError(f"ongeldige Turtle: {err}", file=bestand.naam) from None
    return _curriculum_uit_graaf(graph, profiel, bestand.naam)


# --- the report ---------------------------------------------------------------------------

def toets(bron, profiel=defaults.PROFIEL, store=None, max_modules=None, taal=None):
    """The coverage report of a curriculum (a path or a Bestand) against a profile.

    With `max_modules` a larger curriculum is refused (uploads.LimitExceeded) before the SHACL
    check, whose time grows with the number of modules.

    Raises BeroepenError (Invoerfouten for CSV) on bad input; returns a plain dict with the
    JSON contract keys: ongedekte_competenties, ongedekte_beroepstaken, competenties,
    beroepstaken (and modules, heatmap, bevindingen, volledig_gedekt, and waarschuwingen:
    [{bestand, regel, kolom, melding}] for every column of a CSV file that was not read).
    Names of competences and tasks in `taal` (nl, en) where the graph has them, else Dutch.
    """
    store = InTaal(store or EmbeddedStore(), taal)
    profiel_iri, profiel_naam = resolve_profiel(profiel, store)
    inhoud = profiel_inhoud(profiel_iri, store)
    waarschuwingen = []
    curriculum = lees(bron, profiel_iri, inhoud, waarschuwingen)
    _binnen_budget(curriculum, max_modules, _naam(bron))
    data = curriculum   # the profile added in place: a copy of a large curriculum costs seconds
    data += store.construct(named_query("curriculum-profielgraaf").text, {"profiel": URIRef(profiel_iri)})
    # the ontology part the shapes need came with the profile: no ontology to mix in
    report = validate(data, _shapes(), Graph(), inplace=True)
    invoer = [f for f in report.findings if f.shape.startswith(compact(BS.ModuleShape))]
    if invoer:
        raise BeroepenError("het curriculum klopt niet:\n" + "\n".join(
            f"  {_module_naam(data, f.node)}: {f.message}" for f in invoer), file=_naam(bron))
    return dict(_rapport(data, report, inhoud, profiel_iri, profiel_naam, _naam(bron)),
                waarschuwingen=waarschuwingen, taal=str(store.taal))


def _binnen_budget(curriculum, max_modules, naam):
    aantal = sum(1 for _ in curriculum.subjects(RDF.type, BO.Module))
    if max_modules is not None and aantal > max_modules:
        raise uploads.LimitExceeded(f"het curriculum heeft {aantal} modules, meer dan {max_modules}",
                                    "CURRICULUM_MAX_MODULES", file=naam)


@functools.lru_cache(maxsize=1)
def _shapes():
    """Parsed once per process; pySHACL leaves the shapes graph alone."""
    return load_shapes([resource_dir("shapes") / SHAPES])


def _naam(bron):
    return bron.naam if isinstance(bron, Bestand) else str(bron)


def _module_naam(graph, node):
    iri = URIRef(node) if "://" in node or node.startswith("urn:") else None
    if iri is not None:
        label = graph.value(iri, SKOS.prefLabel)
        regel = graph.value(iri, BO.bronregel)
        if label is not None:
            return f"{label}" + (f" (regel {regel})" if regel is not None else "")
    return node


def _rapport(data, report, inhoud, profiel_iri, profiel_naam, bron):
    gaps = defaultdict(set)     # rule -> focus nodes (compact)
    gekoppeld = defaultdict(list)
    for f in report.findings:
        gaps[f.shape].add(f.node)
        if f.shape == GEKOPPELD:
            gekoppeld[f.node].append(f.value)
    modules, uitspraken = _modules(data)
    dekking = _dekking(modules, uitspraken)

    competenties = []
    for c in inhoud["competenties"]:
        gedekt = compact(c["iri"]) not in gaps[COMPETENTIE_GEDEKT]
        competenties.append({"code": c["code"], "naam": c["naam"], "soort": c["soort"], "iri": c["iri"],
                             "gedekt": gedekt, **_modulelijst(dekking[c["iri"]])})
    codes = {c["iri"]: c["code"] for c in inhoud["competenties"]}
    taken = []
    for t in inhoud["taken"]:
        gedekt = compact(t["iri"]) not in gaps[TAAK_GEDEKT]
        missend = {v for v in gekoppeld[compact(t["iri"])]}
        taken.append({"nummer": t["nummer"], "naam": t["naam"], "iri": t["iri"], "taaksoort": t["taaksoort"],
                      "gedekt": gedekt, **_modulelijst(dekking[t["iri"]]),
                      "gekoppelde_competenties": [codes[i] for i in t["gekoppelde_competenties"] if i in codes],
                      "ongedekte_gekoppelde_competenties": [codes[i] for i in t["gekoppelde_competenties"]
                                                            if compact(i) in missend]})
    ongedekte_c = [c["code"] for c in competenties if not c["gedekt"]]
    ongedekte_t = sorted(t["nummer"] for t in taken if not t["gedekt"])
    module_lijst = sorted(modules.values(), key=lambda m: (m["regel"] is None, m["regel"] or 0, m["module"]))
    nummers = {t["iri"]: t["nummer"] for t in inhoud["taken"]}
    return {
        "profiel": {"iri": profiel_iri, "naam": profiel_naam},
        "bron": bron,
        "volledig_gedekt": not ongedekte_c and not ongedekte_t,
        "ongedekte_competenties": ongedekte_c,
        "ongedekte_beroepstaken": ongedekte_t,
        "competenties": competenties,
        "beroepstaken": taken,
        "modules": [_module_uit(m, uitspraken[m["iri"]], inhoud, nummers) for m in module_lijst],
        "heatmap": _heatmap(module_lijst, competenties, taken),
        "bevindingen": [dict(f.as_dict(), path=_paden(report.graph).get(f.path, f.path))
                        for f in report.findings],
    }


def _paden(report_graph):
    """Blank-node result paths written out: the inverse paths of the coverage shapes."""
    return {str(b): "^" + compact(p) for b, p in report_graph.subject_objects(SH.inversePath)}


def _modules(graph):
    """({module IRI: {"iri", "module", "studiebelasting", "regel"}}, {module IRI: {property: [values]}}),
    reading each module's statements once (a lookup per property cost more than the SHACL check)."""
    found, uitspraken = {}, {}
    for module in graph.subjects(RDF.type, BO.Module):
        values = uitspraken[str(module)] = defaultdict(list)
        for eigenschap, waarde in graph.predicate_objects(module):
            values[eigenschap].append(waarde)
        load = _eerste(values, BO.studiebelasting)
        regel = _eerste(values, BO.bronregel)
        found[str(module)] = {"iri": str(module), "module": str(_eerste(values, SKOS.prefLabel) or compact(module)),
                              "studiebelasting": waarden.toon_getal(load.toPython()) if load is not None else None,
                              "regel": int(regel) if regel is not None else None}
    return found, uitspraken


def _eerste(values, eigenschap):
    return values[eigenschap][0] if values[eigenschap] else None


def _dekking(modules, uitspraken):
    """{item IRI: [module]}: the modules of the curriculum that cover each competence or task
    (what curriculum-dekking.rq selects; read from the modules' statements, as the query on
    rdflib cost 40 µs a link and copying a large curriculum into Oxigraph more)."""
    dekking = defaultdict(list)
    for iri, module in modules.items():
        for eigenschap in (BO.dektCompetentie, BO.dektTaak):
            for item in uitspraken[iri][eigenschap]:
                dekking[str(item)].append(module)
    return dekking


def _module_uit(module, values, inhoud, nummers):
    omschrijving = _eerste(values, DCT.description)
    gedekt = {str(c) for c in values[BO.dektCompetentie]}
    return {**module, "omschrijving": str(omschrijving) if omschrijving is not None else "",
            "competenties": [c["code"] for c in inhoud["competenties"] if c["iri"] in gedekt],
            "beroepstaken": sorted(nummers[str(t)] for t in values[BO.dektTaak] if str(t) in nummers)}


def _modulelijst(modules):
    modules = sorted(modules, key=lambda m: (m["regel"] is None, m["regel"] or 0, m["module"]))
    loads = [m["studiebelasting"] for m in modules if m["studiebelasting"] is not None]
    return {"modules": [{"module": m["module"], "studiebelasting": m["studiebelasting"], "regel": m["regel"]}
                        for m in modules],
            "studiebelasting": waarden.toon_getal(sum(Decimal(str(x)) for x in loads)) if loads else None}


def _heatmap(modules, competenties, taken):
    def cellen(items, key):
        gedekt = [{(x["module"], x["regel"]) for x in item["modules"]} for item in items]
        rows = []
        for m in modules:
            row = []
            for modules_van_item in gedekt:
                hit = (m["module"], m["regel"]) in modules_van_item
                row.append((m["studiebelasting"] if m["studiebelasting"] is not None else 0) if hit else None)
            rows.append(row)
        # "gedekt" per column is the report's verdict on that item (the SHACL findings)
        return {"kolommen": [str(i[key]) for i in items], "rijen": [m["module"] for m in modules],
                "cellen": rows, "gedekt": [i["gedekt"] for i in items]}
    return {"competenties": cellen(competenties, "code"), "beroepstaken": cellen(taken, "nummer")}


# --- what the upload form teaches ---------------------------------------------------------

# The shipped example curricula (data/examples/, invented modules), by profile slug.
VOORBEELDEN = {"bcp-vaktherapeut": "curriculum-vaktherapie.csv", "stw": "curriculum-stw.csv"}


def uitleg(store, taal=None):
    """What the form teaches (the GET /opleiding/curriculum.json twin): the columns, and per
    profile the codes a curriculum may use, with their labels, the task column's names, and the
    shipped example. Study load has no unit in the sources (the ontology: "in de eenheid die
    het curriculum gebruikt"): the report adds the numbers as they are. Names in `taal`, else Dutch."""
    store = InTaal(store, taal)
    result = []
    for profiel in profielen(store):
        inhoud = profiel_inhoud(profiel["iri"], store)
        result.append({**profiel, "taakkolommen": _taakkolommen(inhoud),
                       "competenties": [{k: c[k] for k in ("code", "naam", "soort", "iri")} for c in inhoud["competenties"]],
                       "taken": [{k: t[k] for k in ("nummer", "naam", "taaksoort", "iri")} for t in inhoud["taken"]],
                       "voorbeeld": VOORBEELDEN.get(profiel["slug"])})
    return {"kolommen": KOLOMMEN, "verplicht": ["module"], "studiebelasting_eenheid": None, "profielen": result,
            "taal": str(store.taal)}


def sjabloon(profiel, store):
    """A CSV template for `profiel`: the header and one example row with codes of the profile
    (the package's one CSV dialect; the decimal comma quoted). It is a valid upload."""
    from ..formats import csv_writer
    iri, _ = resolve_profiel(profiel, store)
    inhoud = profiel_inhoud(iri, store)
    competenties = [c["code"] for c in inhoud["competenties"]]
    taken = [str(t["nummer"]) for t in inhoud["taken"]]
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(KOLOMMEN)
    writer.writerow(["Voorbeeldmodule", "Wat de module behandelt (vrije tekst)", "7,5",
                     " ".join(competenties[:1] + competenties[-1:] if len(competenties) > 1 else competenties),
                     " ".join(taken[:2])])
    return buffer.getvalue()


# --- formats ------------------------------------------------------------------------------

def modules_tekst(item):
    if not item["modules"]:
        return "geen module"
    return "; ".join(m["module"] + (f" ({toon(m['studiebelasting'])})" if m["studiebelasting"] is not None else "")
                     for m in item["modules"])


def toon(value):
    return "" if value is None else str(value).replace(".", ",")


def as_text(rapport):
    lines = [f"Curriculum {rapport['bron']} getoetst aan {rapport['profiel']['naam']}",
             f"{len(rapport['modules'])} modules; "
             + ("alles gedekt" if rapport["volledig_gedekt"] else
                f"ongedekte competenties: {', '.join(rapport['ongedekte_competenties']) or 'geen'}; "
                f"ongedekte taken: {', '.join(map(str, rapport['ongedekte_beroepstaken'])) or 'geen'}"), ""]
    if rapport["competenties"]:
        lines.append("Competenties")
        for c in rapport["competenties"]:
            mark = "✓" if c["gedekt"] else "✗"
            lines.append(f"  {mark} {c['code']:>2} {c['naam']} — {modules_tekst(c)}"
                         + (f" [studiebelasting {toon(c['studiebelasting'])}]" if c["studiebelasting"] is not None else ""))
        lines.append("")
    lines.append("Taken")
    for t in rapport["beroepstaken"]:
        mark = "✓" if t["gedekt"] else "✗"
        lines.append(f"  {mark} {t['nummer']:>2} {t['naam']} — {modules_tekst(t)}"
                     + (f" [studiebelasting {toon(t['studiebelasting'])}]" if t["studiebelasting"] is not None else ""))
        if t["ongedekte_gekoppelde_competenties"]:
            lines.append(f"       gekoppelde competenties die geen module dekt: "
                         f"{', '.join(t['ongedekte_gekoppelde_competenties'])}")
    return "\n".join(lines) + "\n"


CSV_KOLOMMEN = ["soort", "code", "naam", "gedekt", "modules", "studiebelasting",
                "ongedekte_gekoppelde_competenties"]


def csv_rijen(rapport):
    """The report's CSV rows (without header), as as_csv writes them."""
    rows = [["competentie", c["code"], c["naam"], "ja" if c["gedekt"] else "nee", modules_tekst(c),
             toon(c["studiebelasting"]), ""] for c in rapport["competenties"]]
    rows += [["taak", str(t["nummer"]), t["naam"], "ja" if t["gedekt"] else "nee", modules_tekst(t),
              toon(t["studiebelasting"]), ";".join(t["ongedekte_gekoppelde_competenties"])]
             for t in rapport["beroepstaken"]]
    return rows


def csv_tabel(rapport):
    """[header, row, …] with every cell as the CSV file has it (spreadsheet formulas defused):
    what a page gives its browser download (download.js) to write the same CSV as as_csv."""
    from ..formats import csv_rij
    return [CSV_KOLOMMEN] + [csv_rij(r) for r in csv_rijen(rapport)]


def as_csv(rapport):
    from ..formats import as_csv as table
    return table(CSV_KOLOMMEN, csv_rijen(rapport))
