"""Standalone HTML from the web's templates, for the faces that write a file or print: the
CLI's `--format html` and the reports a page offers as a download. The core returns data; this
renders it, outside any request, with the templates the pages use."""
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader

from ..resources import resource_dir


@lru_cache(maxsize=1)
def _environment():
    return Environment(loader=FileSystemLoader(str(resource_dir("web") / "templates")),
                       autoescape=True)  # every template, as in the app


def render(template, **context):
    """The template rendered as one string."""
    return _environment().get_template(template).render(**context)


def render_chunks(template, **context):
    """The template rendered piece by piece (a large report need not be held whole)."""
    return _environment().get_template(template).generate(**context)


def matrix_html(m):
    """A matrix as a standalone HTML table (the page has its own, with heat-map colouring)."""
    from ..kennisgraaf.matrix import matrix_table
    columns, rows = matrix_table(m)
    return render("matrix-tabel.html", titel=m["profiel"]["label"] or m["profiel"]["slug"],
                  columns=columns, rows=rows, taal=m.get("taal")) + "\n"


def curriculum_html(rapport):
    """A curriculum report as a standalone HTML page (the template the web page includes),
    with the education stylesheet inlined: the file stands alone."""
    from markupsafe import Markup
    from ..opleiding.curriculum import modules_tekst, toon
    from .taal import translator
    taal = rapport.get("taal") or "nl"

    def lang_of(text):  # as pages.lang_of, for the report's language instead of a request's
        van = getattr(text, "taal", None) or "nl"
        return Markup(f' lang="{van}"') if van != taal else Markup("")
    return render("opleiding/curriculum-rapport.html", rapport=rapport, toon=toon,
                  modules_tekst=modules_tekst, heatmap_stap=heatmap_stap, t=translator(taal), lang=taal,
                  lang_of=lang_of, css=_stylesheet("opleiding.css"))


@lru_cache(maxsize=4)
def _stylesheet(name):
    return (resource_dir("web") / "static" / name).read_text(encoding="utf-8")


def heatmap_stap(waarde, hoogste):
    """The heat-map step (1-4) of a covered cell: its study load against the largest of the map.
    A cell without study load (0) is step 1; the styles give each step a text colour of at least
    4.5:1 contrast."""
    if not hoogste:
        return 2
    return 1 + min(3, int(-(-3 * waarde // hoogste)))


def versies_html(diff):
    """A profile diff (versies.vergelijking) as a standalone HTML page, the part the web page
    shows, with its stylesheet inlined: `beroepen diff --format html`."""
    from ..versies.vergelijking import SOORTEN
    from .taal import t
    return render("versies/diff-los.html", data=diff, t=t, lang="nl", css=_stylesheet("versies.css"),
                  soorten=SOORTEN, link=None, lang_attr=lambda taal: "") + "\n"
