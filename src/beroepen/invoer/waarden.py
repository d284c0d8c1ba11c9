"""Cell values as Dutch spreadsheets write them: dates, decimal commas, ja/nee; and names
as compared (case, accents and spacing aside).

Each parser returns the value or raises ValueError with a Dutch message saying what was
expected; an empty cell is the caller's business. Used by registration, curriculum and routes.
"""
import functools
import re
import unicodedata
from datetime import date
from decimal import Decimal

# ASCII digits only: a fullwidth or Arabic-Indic digit would count as a number or date a reviewer does not see
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$", re.ASCII)
_GETAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$", re.ASCII)
_DUIZENDTALLEN = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$", re.ASCII)   # 1.000, 12.500, 1.000.000
_JA = {"ja", "j", "true", "waar", "1", "yes", "y"}
_NEE = {"nee", "n", "false", "onwaar", "0", "no"}


@functools.lru_cache(maxsize=65536)
def datum(text):
    """YYYY-MM-DD or DD-MM-YYYY (also with / or . between, one-digit day or month)."""
    match = _ISO.match(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _NL.match(text)
        if not match:
            raise ValueError(f"'{_kort(text)}' is geen datum (verwacht JJJJ-MM-DD of DD-MM-JJJJ)")
        day, month, year = match.groups()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"'{text}' is geen bestaande datum") from None


# Digits a number may have, before and after the decimal sign (leading and trailing zeros
# aside). Sums of up to a million such numbers stay exact within Decimal's 28 digits, so no
# verdict ever rests on a rounded number; a longer one is a bad cell, not silently rounded.
MAX_CIJFERS_VOOR = 9
MAX_CIJFERS_NA = 6


def getal(text):
    """A decimal number, with a decimal point or a decimal comma (2,5 or 2.5).

    A dot before exactly three digits (1.000, 12.500) is refused: a Dutch export means a
    thousand by it, an English one a decimal, and either reading could decide a verdict."""
    if _DUIZENDTALLEN.match(text):
        raise ValueError(f"'{_kort(text)}' is dubbelzinnig: een punt voor precies drie cijfers kan "
                         "een duizendtal of een decimaal zijn (schrijf 1000 of 1,0)")
    if not _GETAL.match(text):
        raise ValueError(f"'{_kort(text)}' is geen getal (verwacht bijvoorbeeld 2 of 2,5)")
    controleer_cijfers(text)
    return Decimal(text.replace(",", "."))


def controleer_cijfers(text):
    """ValueError when a number (its text: 17,5 or 17.5) has more digits than a verdict can
    use exactly: MAX_CIJFERS_VOOR before and MAX_CIJFERS_NA after the decimal sign."""
    heel, _, deel = text.lstrip("+-").replace(",", ".").partition(".")
    if len(heel.lstrip("0")) > MAX_CIJFERS_VOOR or len(deel.rstrip("0")) > MAX_CIJFERS_NA:
        raise ValueError(f"'{_kort(text)}' heeft te veel cijfers (ten hoogste {MAX_CIJFERS_VOOR} voor en "
                         f"{MAX_CIJFERS_NA} na de komma; een getal wordt nooit afgerond)")


def _kort(text, lengte=24):
    """A cell's text for a message: a 5,000-digit value is cut, not echoed in full."""
    return text if len(text) <= lengte else f"{text[:lengte]}… ({len(text)} tekens)"


def niet_negatief(text):
    value = getal(text)
    if value < 0:
        raise ValueError(f"'{_kort(text)}' is negatief (verwacht 0 of meer)")
    return value


def janee(text):
    """ja/nee, true/false, 1/0 (any case)."""
    low = text.strip().lower()
    if low in _JA:
        return True
    if low in _NEE:
        return False
    raise ValueError(f"'{_kort(text)}' is geen ja/nee (verwacht ja, nee, true, false, 1 of 0)")


def toon_getal(value):
    """A number (Decimal, float or its lexical form) as JSON-friendly number: 18 rather than
    18.0, 17.5 as 17.5; None stays None."""
    if value is None or isinstance(value, int):
        return value
    return _toon(value)


@functools.lru_cache(maxsize=4096)
def _toon(value):
    """Few distinct numbers in a register (points, sums): each one computed once."""
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def naamsleutel(text):
    """A name as compared: case, accents and spacing do not matter."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def slug(text):
    """'Intercollegiale toetsing' → 'intercollegiale-toetsing': a code or an IRI's last part."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
