"""The beroepstaak × competentie matrix of a profile, as the profile states it.

A profile whose source links no task to a competence (the STW factsheet) has no matrix: asking
for one is an error that says what the profile does hold, never an empty table. Whether a
profile has a matrix is read from the data (profielen.rq), not from its name.
"""
from collections import Counter

from rdflib import URIRef

from .. import formats
from ..errors import NietGevonden
from ..vocab import BO
from .profielen import is_waar, resolve_profiel
from .queries import met_taal, named_query
from .store import once_per_graph


class GeenMatrix(NietGevonden):
    """The profile has no task × competence links; `onderdelen` is what it holds instead."""

    def __init__(self, profiel, onderdelen):
        self.profiel, self.onderdelen = profiel, onderdelen
        naam = profiel["label"] or profiel["slug"]
        super().__init__(
            f"het profiel '{naam}' ({profiel['slug']}) heeft geen matrix van beroepstaken × "
            f"competenties: de bron koppelt geen taak van dit profiel aan een competentie. "
            f"Het profiel bevat {samenvatting(onderdelen)}. Wat de bron wel verbindt: "
            f"beroepen query profiel-onderdelen -p profiel={profiel['iri']}")

    def as_dict(self):
        return dict(super().as_dict(), profiel=self.profiel, matrix=None, onderdelen=self.onderdelen)


def matrix(store, profiel_name, taal=None):
    """{"profiel", "taal", "competenties": [{code, label, taal, soort}], "rijen": [{nummer, titel,
    taal, iri, competenties}]}: labels in `taal` (nl, en) where the graph has them, else Dutch;
    each item's "taal" is its label's language.

    Raises GeenMatrix when the profile links no task to a competence."""
    taal = str(met_taal(taal=taal)["taal"])
    profiel = resolve_profiel(store, profiel_name, taal)
    if not profiel["matrix"]:
        # once per profile of the graph and embedded store: profiel-onderdelen.rq is the
        # slowest query a page runs (~25 ms on Oxigraph)
        raise GeenMatrix(profiel, once_per_graph(store, ("profiel-onderdelen", profiel["iri"], taal),
                                                 lambda: onderdelen(store, profiel["iri"], taal)))
    bindings = met_taal({"profiel": URIRef(profiel["iri"])}, taal)
    competenties = [{"code": str(r["code"]), "label": str(r["label"]), "taal": r["label"].language,
                     "iri": str(r["competentie"]),
                     "soort": "generiek" if r["soort"] == BO.GeneriekeCompetentie else "specifiek"}
                    for r in store.select(named_query("competenties-van-profiel").text, bindings)]
    rijen = {}
    for r in store.select(named_query("matrix").text, bindings):
        rij = rijen.setdefault(str(r["taak"]), {"nummer": int(r["nummer"]), "titel": str(r["titel"]),
                                                "taal": r["titel"].language,
                                                "iri": str(r["taak"]), "competenties": []})
        if "code" in r:
            rij["competenties"].append(str(r["code"]))
    order = {c["code"]: i for i, c in enumerate(competenties)}
    for rij in rijen.values():
        rij["competenties"].sort(key=lambda code: order.get(code, len(order)))
    return {"profiel": profiel, "taal": taal, "competenties": competenties,
            "rijen": sorted(rijen.values(), key=lambda r: r["nummer"])}


def onderdelen(store, profiel_iri, taal=None):
    """What a profile holds, with the links the graph makes inside it (profiel-onderdelen.rq):
    [{"iri", "soort", "label", "taal", "notatie", "verbanden": [{"verband", "delen": [{"iri", "soort",
    "label", "taal"}]}]}], names in `taal` where the graph has them (else Dutch), tasks first, then
    the other kinds by name, each kind by its order or notation."""
    gevonden = {}
    for r in store.select(named_query("profiel-onderdelen").text, met_taal({"profiel": URIRef(profiel_iri)}, taal)):
        item = gevonden.setdefault(str(r["onderdeel"]), {
            "iri": str(r["onderdeel"]), "soort": _naam(r, "soort"), "label": str(r["label"]),
            "taal": r["label"].language,
            "notatie": str(r["notatie"]) if r.get("notatie") is not None else None,
            "volgorde": _getal(r.get("volgorde")), "taak": is_waar(r.get("taak")), "verbanden": {}})
        if r.get("deel") is not None:
            delen = item["verbanden"].setdefault(_naam(r, "verband"), {})
            delen[str(r["deel"])] = {"iri": str(r["deel"]), "soort": _naam(r, "deelSoort"),
                                     "label": str(r["deelLabel"]), "taal": r["deelLabel"].language,
                                     "volgorde": _getal(r.get("deelVolgorde"))}
    lijst = sorted(gevonden.values(), key=lambda i: (not i["taak"], i["soort"], _rang(i), i["label"]))
    return [dict({k: v for k, v in i.items() if k != "taak"}, verbanden=[{"verband": v, "delen": sorted(d.values(), key=lambda x: (_rang(x), x["label"]))}
                               for v, d in sorted(i["verbanden"].items())]) for i in lijst]


def samenvatting(onderdelen):
    """'5 × kerntaak, 1 × taakgroep, …': every distinct item of the profile counted by kind."""
    soorten = {}
    for item in onderdelen:
        soorten[item["iri"]] = item["soort"]
        for verband in item["verbanden"]:
            soorten.update((d["iri"], d["soort"]) for d in verband["delen"])
    telling = Counter(soorten.values())
    return ", ".join(f"{n} × {soort}" for soort, n in telling.items()) or "niets"


def _naam(row, var):
    """A class or property by its label (in the query's ?taal, else Dutch), else the last part of its IRI."""
    label = row.get(var + "Label")
    return str(label) if label is not None else str(row[var]).rsplit("#", 1)[-1]


def _getal(value):
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _rang(item):
    notatie = item.get("notatie")
    return (item["volgorde"] is None, item["volgorde"] or 0,
            int(notatie) if notatie and notatie.isdigit() else 0)


def matrix_table(m):
    """Columns and rows as the CSV contract gives them: beroepstaak,titel,1..6,A..F."""
    codes = [c["code"] for c in m["competenties"]]
    columns = ["beroepstaak", "titel"] + codes
    rows = [[str(r["nummer"]), r["titel"]] + ["x" if c in r["competenties"] else "" for c in codes]
            for r in m["rijen"]]
    return columns, rows


def matrix_csv(m):
    return formats.as_csv(*matrix_table(m))


def matrix_markdown(m):
    return formats.as_markdown(*matrix_table(m))
