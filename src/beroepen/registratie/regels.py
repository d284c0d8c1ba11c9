"""The registration rules, read from the store it is given into plain objects (model.py).

Nothing here knows a threshold, a period or a kind of evidence: they all come from the rule
data through the named queries `registratie-*`. The store is the embedded graph or the SPARQL
store behind `--endpoint` / `serve --endpoint`: one CONSTRUCT (registratie-regelgraaf) takes
the rule data, the ontology's terms and the organisations' names from it; the rest is read
from that small graph, which pySHACL also gets as the rules beside a dossier. A registry adds
its own scheme with extra rule files (`--regels eigen.ttl`), checked against shapes/regels.ttl.
"""
import functools
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from ..errors import BeroepenError
from ..invoer.waarden import naamsleutel
from ..kennisgraaf.graaf import parse_turtle
from ..kennisgraaf.queries import met_taal, named_query
from ..kennisgraaf.querying import label
from ..kennisgraaf.store import EmbeddedStore, once_per_graph
from ..vocab import BO, SKOS, XSD, compact
from .model import SOORT, Eis, Kenmerk, Regelboek, Regeling, Telregel
from . import versies
from .shacl import check_rules


def kolomnaam(kenmerk):
    """bo:dagdelenPerWeek → dagdelen_per_week: the input column of a dossier attribute."""
    local = str(kenmerk).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).lower()


def _text(row, key):
    """The text of a cell; a label keeps its language (querying.Label) for the pages."""
    return label(row[key]) if key in row else ""


def _number(term):
    return None if term is None else Decimal(str(term))


def uit_store(store, extra_files=(), taal=None):
    """The rulebook in `store`, plus the schemes of any extra rule files (Turtle), its names in
    `taal` where the graph has them (else Dutch). A store without any scheme (an empty or
    foreign one) is an error naming what it lacks."""
    if extra_files:
        return _lees(store, tuple(extra_files), taal)
    return once_per_graph(store, ("regelboek", taal or "nl"), lambda: _lees(store, (), taal))  # embedded: read once


def _lees(store, extra_files, taal=None):
    graph = store.construct(named_query("registratie-regelgraaf").text)
    for path in extra_files:
        parse_turtle(Path(path), graph)
    if extra_files:
        check_rules(graph, extra_files)
    boek = build(graph, taal)
    if not boek.regelingen:
        raise BeroepenError("de graaf bevat geen registratie- of herregistratieregelingen "
                            f"({compact(BO.Registratieregeling)}, {compact(BO.Herregistratieregeling)}); "
                            "laad de hele release (beroepen load) of geef een regelbestand met --regels")
    return boek


def load(extra_files=(), store=None):
    """A fresh rulebook (never the cached one) from `store` (default: the shipped graph) plus
    any extra rule files: for a caller that changes its graph."""
    return _lees(store if store is not None else _standaard_store(), tuple(extra_files))


def shipped():
    """The rulebook of the shipped graph (the embedded store), read once per process."""
    return uit_store(_standaard_store())


@functools.lru_cache(maxsize=1)
def _standaard_store():
    return EmbeddedStore()


def build(graph, taal=None):
    """The rulebook of a rule graph; names in `taal` (nl, en) where it has them, else Dutch."""
    store, talig = EmbeddedStore(graph), met_taal(taal=taal)
    kenmerken = {r["kenmerk"]: Kenmerk(r["kenmerk"], kolomnaam(r["kenmerk"]), r.get("type", XSD.string),
                                       _text(r, "label"))
                 for r in store.select(named_query("registratie-kenmerken").text, talig)}
    regelingen = []
    for row in store.select(named_query("registratie-regelingen").text, talig):
        regeling = Regeling(
            iri=row["regeling"], code=str(row["code"]), soort=SOORT[row["soort"]],
            label=_text(row, "label"), register=row.get("register"),
            periode_jaren=int(row["periodeJaren"]) if "periodeJaren" in row else None,
            bron=_text(row, "bron"), bronsectie=_text(row, "bronsectie"),
            versie=_text(row, "versie"), geldig=_text(row, "geldig"), geldigheid=_geldigheid(row),
            vervangt=row.get("vervangt"), overgangsregel=row.get("overgangsregel"),
            overgangsregel_label=_text(row, "overgangsregelLabel"))
        regeling.eisen = _eisen(store, regeling.iri, talig)
        regeling.kenmerken = [kenmerken[k] for k in dict.fromkeys(e.kenmerk for e in regeling.eisen)
                              if k is not None]
        regelingen.append(regeling)
    soorten, labels = {}, {}
    for row in store.select(named_query("registratie-activiteitsoorten").text, talig):
        soorten[str(row["code"])] = str(row["soort"])
        labels[str(row["soort"])] = _text(row, "label") or str(row["code"])
    namen, kort, volledig = _organisatienamen(store, str(talig["taal"]))
    organisaties = {}
    for row in store.select(named_query("registratie-organisaties").text, talig):
        iri = str(row["organisatie"])
        organisaties[iri] = kort.get(iri) or _text(row, "afkorting") or _text(row, "label") or iri

    return Regelboek(graph, regelingen, soorten, labels, organisaties, namen, kort, volledig)


def _geldigheid(row):
    """The version's dct:valid parsed; one a reader cannot parse is an error naming the scheme."""
    if "geldig" not in row:
        return None
    try:
        return versies.geldigheid(str(row["geldig"]))
    except ValueError as err:
        raise BeroepenError(f"regeling {compact(row['regeling'])}, dct:valid: {err}") from None


def _organisatienamen(store, taal="nl"):
    """({naamsleutel: {organisation IRI}}, {organisation IRI: short name}, {organisation IRI:
    prefLabel}) of every organisation
    the rule graph holds (those of the whole graph, and of extra rule files), by prefLabel,
    altLabel and bo:afkorting."""
    namen, per_organisatie = {}, {}
    for row in store.select(named_query("registratie-organisatienamen").text):
        iri = str(row["organisatie"])
        eigen = per_organisatie.setdefault(iri, {})
        if "naam" in row:
            namen.setdefault(naamsleutel(str(row["naam"])), set()).add(iri)
            if row["eigenschap"] not in eigen or getattr(row["naam"], "language", None) == taal:
                eigen[row["eigenschap"]] = label(row["naam"])  # the name in `taal` where there is one
    afkortingen = Counter(naamsleutel(e[BO.afkorting]) for e in per_organisatie.values() if BO.afkorting in e)
    kort = {iri: _kortenaam(iri, eigen, afkortingen) for iri, eigen in per_organisatie.items()}
    volledig = {iri: eigen[SKOS.prefLabel] for iri, eigen in per_organisatie.items() if SKOS.prefLabel in eigen}
    return namen, kort, volledig


def _kortenaam(iri, eigen, afkortingen):
    """The afkorting, unless another organisation has it too (NVVS): then the prefLabel."""
    afkorting = eigen.get(BO.afkorting)
    if afkorting and afkortingen[naamsleutel(afkorting)] == 1:
        return afkorting
    return eigen.get(SKOS.prefLabel) or afkorting or iri.rsplit("/", 1)[-1].upper()


def _eisen(store, regeling, talig=None):
    bindings = {"regeling": regeling}
    telregels = {}
    for row in store.select(named_query("registratie-telregels").text, bindings):
        telregels.setdefault(row["eis"], []).append(Telregel(row["soort"], row.get("accreditatie")))
    return [Eis(iri=row["eis"], code=str(row["code"]), label=_text(row, "label") or str(row["code"]),
                meetwijze=row["meetwijze"], drempel=_number(row.get("drempel")),
                eenheid=_text(row, "eenheid"), kenmerk=row.get("kenmerk"), tekst=_text(row, "tekst"),
                bron=_text(row, "bron"), bronsectie=_text(row, "bronsectie"),
                telregels=tuple(telregels.get(row["eis"], ())),
                meetwijze_label=_text(row, "meetwijzeLabel") or compact(row["meetwijze"]))
            for row in store.select(named_query("registratie-eisen").text, dict(talig or {}, **bindings))]
