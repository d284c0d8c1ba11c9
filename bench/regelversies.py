"""What choosing the rule version per dossier costs (issue 13): versies.kies over N dossiers
with the shipped version and the example version loaded, CPU seconds printed.

    python bench/regelversies.py [N]
"""
import sys
import time
from datetime import date
from pathlib import Path

from beroepen.registratie import regels, versies
from beroepen.registratie.dossier import Dossier

VOORBEELD = Path(__file__).resolve().parents[1] / "data" / "examples" / "registratie-nvrg-stw-voorbeeld-2026.ttl"


def main(n=50_000):
    boek = regels.load([VOORBEELD])
    alle = boek.versies("nvrg-stw", "herregistratie")
    dossiers = [Dossier(str(i), "x", alle[0], periode_start=date(2019 + i % 8, 1, 1),
                        periode_eind=date(2023 + i % 8, 12, 31)) for i in range(n)]
    start = time.process_time()
    gekozen = [versies.kies(alle, d)[1]["naam"] for d in dossiers]
    cpu = time.process_time() - start
    print(f"versies.kies: {n:,} dossiers, {len(alle)} versies: {cpu:.2f} s CPU "
          f"({cpu / n * 1e6:.1f} µs per dossier); per versie: "
          + ", ".join(f"{naam or 'onbekend'} {gekozen.count(naam)}" for naam in dict.fromkeys(gekozen)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
