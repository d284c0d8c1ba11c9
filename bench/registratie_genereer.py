"""Generate a realistic synthetic register for herregistratie (NVRG STW): practitioners.csv and
activiteiten.csv with N practitioners, 40–60 evidence rows each, about 30% failing some rule.

    python bench/registratie_genereer.py 1000 /tmp/register-1000

Names are synthetic (first name + surname from short lists); no real person is described.
The mix of failures: too few points (some because nascholing lacks NVRG accreditation or
falls outside the period), too few intervisie meetings, too few dagdelen, no verklaring.
"""
import csv
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

VOORNAMEN = ["Anna", "Bram", "Chantal", "Daan", "Eva", "Finn", "Gerda", "Hassan", "Iris", "Jeroen",
             "Kim", "Lars", "Mila", "Noah", "Olga", "Pim", "Roos", "Sem", "Tess", "Yara"]
ACHTERNAMEN = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
               "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Dekker", "Dijkstra", "Kaya"]
ONDERWERPEN = ["genogram", "meervoudige partijdigheid", "netwerkberaad", "oplossingsgericht werken",
               "contextuele therapie", "trauma en gezin", "scheiding en kinderen", "huiselijk geweld"]
PRAKTIJK_KOLOMMEN = "registratienummer,naam,register,periode_start,periode_eind,dagdelen_per_week,verklaring_tuchtrecht"
ACTIVITEIT_KOLOMMEN = "registratienummer,soort,datum,punten,geaccrediteerd_door,omschrijving"


def _dag(rng, start, eind):
    return start + timedelta(days=rng.randrange((eind - start).days + 1))


def _beoefenaar(rng, i):
    nummer = f"STW-{i:06d}"
    start = date(rng.choice([2018, 2019, 2020, 2021]), rng.choice([1, 4, 7, 10]), 1)
    eind = date(start.year + 5, start.month, 1) - timedelta(days=1)
    faalt = set()
    if rng.random() < 0.30:
        faalt = set(rng.sample(["punten", "intervisie", "werksetting", "tuchtrecht"], rng.choice([1, 1, 1, 2])))
    dagdelen = rng.choice(["1", "1.5"]) if "werksetting" in faalt else rng.choice(["2", "2.5", "3", "4", "6"])
    tuchtrecht = rng.choice(["nee", "0"]) if "tuchtrecht" in faalt else "ja"
    praktijk = [nummer, f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}", "nvrg-stw",
                start.isoformat(), eind.isoformat(), dagdelen, tuchtrecht]
    rows = []
    n_intervisie = rng.randint(18, 24) if "intervisie" in faalt else rng.randint(25, 34)
    for _ in range(n_intervisie):
        rows.append([nummer, "intervisie", _dag(rng, start, eind).isoformat(), "", "", "Intervisiebijeenkomst"])
    totaal = rng.randint(40, 60)
    n_scholing = totaal - n_intervisie
    n_niet_tellend = rng.randint(0, n_scholing // 3)
    n_tellend = n_scholing - n_niet_tellend
    punten_doel = rng.choice([10, 12, 14, 16, 17.5]) if "punten" in faalt else rng.choice([18, 20, 24, 30])
    halven = int(punten_doel * 2)                 # points in steps of 0.5, spread over the rows
    verdeling = [halven // n_tellend + (1 if k < halven % n_tellend else 0) for k in range(n_tellend)]
    for h in verdeling:
        onderwerp = rng.choice(ONDERWERPEN)
        p = _punten(h)
        if rng.random() < 0.6:
            rows.append([nummer, "nascholing", _dag(rng, start, eind).isoformat(), p, "NVRG", f"Nascholing {onderwerp}"])
        else:
            rows.append([nummer, "deskundigheidsbevordering", _dag(rng, start, eind).isoformat(), p, "",
                         f"Deskundigheidsbevordering: {onderwerp}"])
    for _ in range(n_niet_tellend):             # never counts: outside the period or not NVRG-accredited
        onderwerp = rng.choice(ONDERWERPEN)
        p = _punten(rng.randint(1, 6))
        if rng.random() < 0.5:
            buiten = start - timedelta(days=rng.randint(1, 300))
            rows.append([nummer, "nascholing", buiten.isoformat(), p, "NVRG", f"Cursus {onderwerp} (vóór de periode)"])
        else:
            rows.append([nummer, "nascholing", _dag(rng, start, eind).isoformat(), p, rng.choice(["", "NBTP"]),
                         f"Cursus {onderwerp}, niet NVRG-geaccrediteerd"])
    rng.shuffle(rows)
    return praktijk, rows


def _punten(halven):
    return str(halven // 2) + (",5" if halven % 2 else "")


def genereer(n, seed=2020):
    """(practitioners CSV text, activities CSV text) for n practitioners."""
    rng = random.Random(seed)
    praktijk, activiteiten = io.StringIO(), io.StringIO()
    p_out, a_out = csv.writer(praktijk, lineterminator="\n"), csv.writer(activiteiten, lineterminator="\n")
    p_out.writerow(PRAKTIJK_KOLOMMEN.split(","))
    a_out.writerow(ACTIVITEIT_KOLOMMEN.split(","))
    for i in range(1, n + 1):
        p, rows = _beoefenaar(rng, i)
        p_out.writerow(p)
        a_out.writerows(rows)
    return praktijk.getvalue(), activiteiten.getvalue()


def main(argv):
    n, out = int(argv[1]), Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    praktijk, activiteiten = genereer(n)
    (out / "praktijk.csv").write_text(praktijk, encoding="utf-8")
    (out / "activiteiten.csv").write_text(activiteiten, encoding="utf-8")
    print(f"{n} beoefenaars, {activiteiten.count(chr(10)) - 1} activiteiten → {out}")


if __name__ == "__main__":
    main(sys.argv)
