"""Plain tables (columns + rows of strings) written as text, CSV, JSON or Markdown."""
import csv
import io
import json


def as_text(columns, rows):
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows]) + "\n"


def as_csv(columns, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def as_markdown(columns, rows):
    esc = lambda s: s.replace("|", "\\|")
    lines = ["| " + " | ".join(map(esc, columns)) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(map(esc, r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"
