"""data/esco.ttl: the ESCO concepts the crosswalk uses, as facts with their source (the ESCO
snapshot), written by `beroepen esco extract` from the crosswalk and the full snapshot. The
graph then knows every mapped concept without the snapshot installed; the shapes
(shapes/esco.ttl) require it. The English label is the crosswalk's object_label, accepted only
when the snapshot's text for that URI starts with it (ESCO's preferred label comes first there).
"""
from rdflib.namespace import OWL

from ..errors import BeroepenError, NietGevonden
from ..vocab import DCT, DEF, ESCO, INST, SKOS
from . import crosswalk

KLASSE = {"occupation": "esco:Occupation", "skill": "esco:Skill", "isco": "skos:Concept"}
SECTIE = {"occupation": "occupations.csv", "skill": "skills.csv", "isco": "occupations.csv (ISCO-groep)"}


def concepten(snap, paths):
    """{uri: (soort, label)} of every ESCO concept the crosswalk files name, checked against the snapshot."""
    found = {}
    for path in paths:
        for m in crosswalk.read(path)[1]:
            concept = snap.get(m.object)
            if concept is None:
                raise NietGevonden(f"ESCO-concept {m.object} staat niet in de snapshot", file=path, line=m.regel)
            if not m.object_label or not concept.tekst.startswith(m.object_label):
                raise BeroepenError(f"object_label '{m.object_label}' is niet het label waarmee de snapshot "
                                    f"{m.object} opent ('{concept.kop[:60]}')", file=path, line=m.regel)
            vorige = found.setdefault(m.object, (concept.soort, m.object_label))
            if vorige[1] != m.object_label:
                raise BeroepenError(f"{m.object} heeft twee object_labels: '{vorige[1]}' en '{m.object_label}'",
                                    file=path, line=m.regel)
    return found


def turtle(snap, paths):
    """The text of data/esco.ttl (stable order, so a regenerated file diffs cleanly)."""
    herkomst = snap.herkomst
    aantal = {soort: sum(c.soort == soort for c in snap.concepten.values()) for soort in KLASSE}
    sha = "; ".join(f"{naam} sha256 {h}" for naam, h in sorted(herkomst["sha256"].items()))
    prefixes = {"bo": DEF, "skos": SKOS, "dct": DCT, "owl": OWL, "esco": ESCO, "bron": INST["bron/"]}
    lines = [f"@prefix {p + ':':<5} <{ns}> ." for p, ns in prefixes.items()] + [
        "",
        "# Written by `beroepen esco extract` from data/*.sssom.tsv and the ESCO snapshot; do not edit by",
        "# hand. ESCO is the European Commission's, free to reuse with attribution.",
        "",
        "bron:esco a bo:Bron ;",
        '    dct:title "ESCO: European Skills, Competences, Qualifications and Occupations"@en ;',
        '    dct:publisher "Europese Commissie"@nl , "European Commission"@en ;',
        '    dct:description "De Europese classificatie van beroepen en vaardigheden. © Europese Unie; '
        'ESCO is vrij te hergebruiken met bronvermelding. Hier alleen de concepten die de ESCO-crosswalk '
        'gebruikt, met hun Engelse label."@nl ,',
        '        "The European classification of occupations and skills. © European Union; ESCO is free '
        'to reuse with attribution. Only the concepts the ESCO crosswalk uses, with their English label."@en ;',
        f'    owl:versionInfo "snapshot uit PyPI-pakket {herkomst["pakket"]} {herkomst["versie"]} '
        f'({sha}): {aantal["occupation"]} beroepen, {aantal["isco"]} ISCO-groepen en {aantal["skill"]} '
        'vaardigheden; het pakket noemt geen ESCO-versie (3039 beroepen en 13939 vaardigheden zijn de '
        'aantallen van ESCO v1.2.0)" .',
    ]
    for uri, (soort, label) in sorted(concepten(snap, paths).items()):
        escaped = label.replace("\\", "\\\\").replace('"', '\\"')
        lines += ["", f"<{uri}> a {KLASSE[soort]} ;"]
        if soort == "isco":
            lines.append("    skos:inScheme <http://data.europa.eu/esco/concept-scheme/isco> ;")
        lines += [f'    skos:prefLabel "{escaped}"@en ;',
                  "    dct:source bron:esco ;",
                  f'    bo:bronsectie "{SECTIE[soort]}" .']
    return "\n".join(lines) + "\n"
