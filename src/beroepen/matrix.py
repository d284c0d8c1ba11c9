"""The beroepstaak × competentie matrix of a profile, as the profile states it."""
from rdflib import URIRef

from . import formats
from .profielen import resolve_profiel
from .queries import named_query


def matrix(store, profiel_name):
    """{"profiel", "competenties": [{code, label, soort}], "rijen": [{nummer, titel, iri, competenties}]}."""
    profiel = resolve_profiel(store, profiel_name)
    bindings = {"profiel": URIRef(profiel["iri"])}
    competenties = [{"code": str(r["code"]), "label": str(r["label"]), "iri": str(r["competentie"]),
                     "soort": "generiek" if str(r["soort"]).endswith("GeneriekeCompetentie")
                     else "specifiek"}
                    for r in store.select(named_query("competenties-van-profiel").text, bindings)]
    rijen = {}
    for r in store.select(named_query("matrix").text, bindings):
        rij = rijen.setdefault(str(r["taak"]), {"nummer": int(r["nummer"]), "titel": str(r["titel"]),
                                                "iri": str(r["taak"]), "competenties": []})
        if "code" in r:
            rij["competenties"].append(str(r["code"]))
    order = {c["code"]: i for i, c in enumerate(competenties)}
    for rij in rijen.values():
        rij["competenties"].sort(key=lambda code: order.get(code, len(order)))
    return {"profiel": profiel, "competenties": competenties,
            "rijen": sorted(rijen.values(), key=lambda r: r["nummer"])}


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


def matrix_html(m):
    """A standalone HTML table (the web page has its own template with heat-map colouring)."""
    from html import escape
    columns, rows = matrix_table(m)
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    title = escape(m["profiel"]["label"] or m["profiel"]["slug"])
    return (f'<!doctype html>\n<html lang="nl"><meta charset="utf-8"><title>{title}</title>'
            f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></html>\n")
