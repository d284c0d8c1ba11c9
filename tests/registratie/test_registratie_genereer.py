"""The bench's register generator makes what bench/RESULTS.md says it makes."""
import csv
import io
from collections import Counter

from beroepen.registratie import Bestand, controleer

from registratie_hulp import generator


def test_generated_registers_have_40_to_60_rows_each_and_about_30_percent_failing():
    praktijk, activiteiten = generator()(300, seed=11)
    rows = Counter(r["registratienummer"] for r in csv.DictReader(io.StringIO(activiteiten)))
    assert len(rows) == 300 and min(rows.values()) >= 40 and max(rows.values()) <= 60
    rapport = controleer("herregistratie", [Bestand("p.csv", praktijk.encode()), Bestand("a.csv", activiteiten.encode())],
                         engine="regels")
    assert 0.22 <= rapport["samenvatting"]["voldoet_niet"] / 300 <= 0.38
