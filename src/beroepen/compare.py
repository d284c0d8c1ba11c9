"""Two professions or two profiles side by side: per relation what they share and what not.

Both sides are described with `describe()`, so the comparison covers every link the graph
holds (registers, werkvelden, laws, routes, …) without a list of relations. A profession is
also compared by the contents of its profile(s) (tasks, competences, knowledge, …), which
point to the profession rather than the other way round.

Literal properties (discipline, beroepscontext, …) are matched by value, links by IRI.
Members of two profiles (skos:inScheme, which are never the same IRI) are matched by kind and
name, so an equally named competence in both counts as shared.
"""
from .describe import BO, SKOS, describe
from .search import fold

IN_SCHEME = SKOS + "inScheme"
PROFIEL_VAN = BO + "profielVan"


def compare(store, iri_a, iri_b, lang="nl"):
    """{"a": head, "b": head, "relaties": [{relatie, label, richting, gedeeld, alleen_a, alleen_b}]}."""
    a, b = describe(store, iri_a, lang), describe(store, iri_b, lang)
    rows = []
    for richting in ("eigenschappen", "uitgaand", "inkomend", "profiel"):
        groups_a, groups_b = _groups(store, a, richting, lang), _groups(store, b, richting, lang)
        for relatie in sorted(set(groups_a) | set(groups_b),
                              key=lambda r: (groups_a.get(r) or groups_b.get(r))["label"].lower()):
            items_a = (groups_a.get(relatie) or {}).get("items", [])
            items_b = (groups_b.get(relatie) or {}).get("items", [])
            key = (_by_value if richting == "eigenschappen" else
                   _by_name if relatie == IN_SCHEME and richting != "uitgaand" else _by_iri)
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


def _groups(store, d, richting, lang):
    """{relation: group} of one side; "profiel": what the profession's profiles hold."""
    if richting != "profiel":
        return {g["relatie"]: g for g in d[richting]}
    profielen = next((g["items"] for g in d["inkomend"] if g["relatie"] == PROFIEL_VAN), [])
    members = []
    for profiel in profielen:
        members += next((g["items"] for g in describe(store, profiel["iri"], lang)["inkomend"]
                         if g["relatie"] == IN_SCHEME), [])
    if not members:
        return {}
    label = {"nl": "in het beroepsprofiel", "en": "in the profile"}.get(lang, "in het beroepsprofiel")
    return {IN_SCHEME: {"relatie": IN_SCHEME, "label": label, "items": members}}


def _by_iri(item):
    return item["iri"]


def _by_value(item):
    return fold(item["waarde"])


def _by_name(item):
    return (item.get("soort", ""), fold(item["label"]))
