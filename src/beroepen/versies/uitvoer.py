"""A profile diff (vergelijking.vergelijk's dict) as text or CSV; HTML is the web's template
(web.render.versies_html), JSON the dict itself."""
from .. import formats
from .vergelijking import SOORTEN

TEKENS = {"toegevoegd": "+", "verwijderd": "-", "gewijzigd": "~"}
KOLOMMEN = ["soort", "wijziging", "sleutel", "naam", "eigenschap", "van", "naar",
            "bronsectie_van", "bronsectie_naar", "iri_van", "iri_naar"]


def kant_tekst(k):
    """'2020 (in de graaf: BCP Vaktherapeut, versie 2020; vastgesteld 2020-04; geldig start=2020-04;)'."""
    waar = "in de graaf" if k["in_graaf"] else ("voorbeeld, " if k["voorbeeld"] else "") + f"bestand {k['bestand']}"
    v = k["versie"] or {}
    delen = [v.get("label")] + [f"{naam} {v[sleutel]}" for sleutel, naam in
                                (("vastgesteld", "vastgesteld"), ("geldigheid", "geldig"), ("herziet_naam", "herziet"))
                                if v.get(sleutel)]
    return f"{k['naam']} ({waar}: {'; '.join(d for d in delen if d) or 'geen versierecord'})"


def as_text(r):
    s = r["samenvatting"]
    lines = [f"Profiel: {r['profiel']['label']} ({r['profiel']['slug']})",
             f"Van:  {kant_tekst(r['van'])}",
             f"Naar: {kant_tekst(r['naar'])}",
             f"Samenvatting: {s['toegevoegd']} toegevoegd, {s['verwijderd']} verwijderd, {s['gewijzigd']} gewijzigd"]
    lines += [f"  {soort}: " + ", ".join(f"{n} {w}" for w, n in telling.items() if n)
              for soort, telling in s["per_soort"].items()]
    for soort in SOORTEN:
        eigen = [w for w in r["wijzigingen"] if w["soort"] == soort]
        if eigen:
            lines += ["", soort] + [regel for w in eigen for regel in _wijziging_tekst(w)]
    return "\n".join(lines) + "\n"


def _wijziging_tekst(w):
    lines = [f"  {TEKENS[w['wijziging']]} {w['sleutel']}  {w['naam']}"]
    for v in w["verschillen"]:
        lines.append(f"      {v['naam']}: {_lijst(v['van'])} → {_lijst(v['naar'])}")
    bronnen = [f"{kant}: {'; '.join(w[kant]['bronsectie']) or '-'}" for kant in ("van", "naar") if w[kant]]
    lines.append(f"      bronsectie {', '.join(bronnen)}")
    return lines


def _lijst(waarden):
    return " | ".join(f"“{w}”" for w in waarden) if waarden else "(geen)"


def rijen(r):
    """One row per changed property, one per added or removed part or cell (KOLOMMEN)."""
    found = []
    for w in r["wijzigingen"]:
        van, naar = w["van"] or {}, w["naar"] or {}
        vast = [w["soort"], w["wijziging"], w["sleutel"], w["naam"]]
        einde = ["; ".join(van.get("bronsectie", [])), "; ".join(naar.get("bronsectie", [])),
                 van.get("iri", ""), naar.get("iri", "")]
        if w["soort"] == "matrix":       # a cell is there (x) or not
            found.append(vast + ["", "x" if w["van"] else "", "x" if w["naar"] else ""] + einde)
        elif not w["verschillen"]:
            found.append(vast + ["", van.get("naam", ""), naar.get("naam", "")] + einde)
        for v in w["verschillen"]:
            found.append(vast + [v["eigenschap"], " | ".join(v["van"]), " | ".join(v["naar"])] + einde)
    return found


def as_csv(r):
    return formats.as_csv(KOLOMMEN, rijen(r))
