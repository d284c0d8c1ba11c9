"""Okapi BM25 over short English texts, written out (about 40 lines) instead of a library:
bm25s needs numpy and scipy (tens of MB) for a corpus of 17,600 short texts that an inverted
index in plain Python ranks in milliseconds once built (about 1 s)."""
import math
import re
from collections import Counter, defaultdict

K1 = 1.5
B = 0.75
STOPWOORDEN = frozenset("""a an and are as at be by for from has have in into is it its of on or
such that the their them they this to use using used with within which who whom will other
various e g etc""".split())


def woorden(tekst):
    """Lower-case word stems: letters only, stop words left out, a plural -s dropped."""
    return [stam(w) for w in re.findall(r"[a-z]+", tekst.lower()) if w not in STOPWOORDEN]


def stam(woord):
    """A light stem so that 'therapists' meets 'therapist' and 'activities' 'activity'."""
    if len(woord) > 4 and woord.endswith("ies"):
        return woord[:-3] + "y"
    if len(woord) > 3 and woord.endswith("s") and not woord.endswith(("ss", "us", "is")):
        return woord[:-1]
    return woord


class Index:
    def __init__(self, teksten):
        """`teksten`: {key: text}."""
        self.lengte = {}
        self.postings = defaultdict(dict)  # stem -> {key: count}
        for key, tekst in teksten.items():
            telling = Counter(woorden(tekst))
            self.lengte[key] = sum(telling.values())
            for w, n in telling.items():
                self.postings[w][key] = n
        self.gemiddeld = sum(self.lengte.values()) / max(len(self.lengte), 1)

    def idf(self, woord):
        n, df = len(self.lengte), len(self.postings.get(woord, ()))
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def zoek(self, termen, toegestaan=None):
        """{key: (score, {stem: its share of the score})} for the keys holding any term."""
        scores = defaultdict(lambda: [0.0, {}])
        for term in set(termen):
            idf = self.idf(term)
            for key, tf in self.postings.get(term, {}).items():
                if toegestaan is not None and key not in toegestaan:
                    continue
                norm = K1 * (1 - B + B * self.lengte[key] / self.gemiddeld)
                deel = idf * tf * (K1 + 1) / (tf + norm)
                scores[key][0] += deel
                scores[key][1][term] = deel
        return {k: (s, d) for k, (s, d) in scores.items()}
