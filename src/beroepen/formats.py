"""Plain tables (columns + rows of strings) written as text, CSV, JSON or Markdown."""
import csv
import io
import json
import re
from decimal import Decimal

# What a spreadsheet runs as a formula when a cell starts with it (OWASP "CSV injection"):
# = + - @, and a tab or carriage return in front of one of those.
_FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r")
# Everything str.splitlines() breaks on: a reader (or a spreadsheet) may start a new row at
# any of them, even inside quotes.
_REGELEINDE = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_GETAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def csv_cel(value):
    """One CSV cell that no spreadsheet runs and no reader splits.

    Numbers (int, float, Decimal, or text that is only a number such as '-2' or '17,5')
    stay as they are. Other text has its line breaks replaced by a space, and gets a
    leading apostrophe when it starts (after spaces) with a formula character."""
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    text = _REGELEINDE.sub(" ", str(value))
    if _GETAL.match(text.strip()) or not text.lstrip(" ").startswith(_FORMULE_BEGIN):
        return text
    return "'" + text


def csv_rij(cells):
    return [csv_cel(c) for c in cells]


def csv_writer(out):
    """The one CSV dialect of every CSV this package writes."""
    return csv.writer(out, lineterminator="\n")


def as_text(columns, rows):
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]) + "\n"


def as_csv(columns, rows):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(csv_rij(columns))
    writer.writerows(csv_rij(r) for r in rows)
    return out.getvalue()


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_markdown(columns, rows):
    esc = lambda s: s.replace("|", "\\|")
    lines = ["| " + " | ".join(map(esc, columns)) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(map(esc, r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"
