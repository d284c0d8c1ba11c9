"""Two professions or two profiles side by side: per relation what they share and what not.

Both sides are described with `describe()`, so the comparison covers every link the graph
holds (tasks, competences, registers, werkvelden, routes, …) without a list of relations.
Literal properties (discipline, beroepscontext, …) are matched by value, links by IRI; members of two profiles (skos:inScheme, which are never the same
IRI) are matched by kind and name, so equally named competences count as shared.
"""
from .describe import SKOS, describe
from .search import fold

IN_SCHEME = SKOS + "inScheme"


def compare(store, iri_a, iri_b, lang="nl"):
    """{"a": head, "b": head, "relaties": [{relatie, label, richting, gedeeld, alleen_a, alleen_b}]}."""
    a, b = describe(store, iri_a, lang), describe(store, iri_b, lang)
    rows = []
    for richting in ("eigenschappen", "uitgaand", "inkomend"):
        groups_a = {g["relatie"]: g for g in a[richting]}
        groups_b = {g["relatie"]: g for g in b[richting]}
        for relatie in sorted(set(groups_a) | set(groups_b),
                              key=lambda r: (groups_a.get(r) or groups_b.get(r))["label"].lower()):
            items_a = (groups_a.get(relatie) or {}).get("items", [])
            items_b = (groups_b.get(relatie) or {}).get("items", [])
            key = (_by_value if richting == "eigenschappen" else
                   _by_name if (richting, relatie) == ("inkomend", IN_SCHEME) else _by_iri)
            keys_b = {key(i) for i in items_b}
            keys_a = {key(i) for i in items_a}
            rows.append({
                "relatie": relatie, "richting": richting,
                "label": (groups_a.get(relatie) or groups_b.get(relatie))["label"],
                "gedeeld": [i for i in items_a if key(i) in keys_b],
                "alleen_a": [i for i in items_a if key(i) not in keys_b],
                "alleen_b": [i for i in items_b if key(i) not in keys_a],
            })
    head = lambda d: {k: d[k] for k in ("iri", "pad", "label", "notatie", "types", "bron")}
    return {"a": head(a), "b": head(b), "relaties": rows, "taal": lang}


def _by_iri(item):
    return item["iri"]


def _by_value(item):
    return fold(item["waarde"])


def _by_name(item):
    return fold(item["label"])
