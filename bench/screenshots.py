"""Screenshots of every page family at 1280 and 390 px, for review (issue 11, "done when").

    python bench/screenshots.py [--url http://127.0.0.1:PORT] [--out bench/out/screenshots]
    python bench/screenshots.py --readme      # also the README's one screenshot per user group

Without --url it serves the web app on the shipped graph itself (waitress, a free loopback
port). Headless Chromium is Debian's (`/usr/bin/chromium`), driven by Playwright (the test
extra). Prints each file's path. Long pages are cut at MAX_HEIGHT px. The --readme images go to
web/screenshots/ (committed, not in the wheel): the top of the page at 1024 px, each kept
under 150 KB.
"""
import argparse
import logging
import re
import shutil
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {1280: 900, 390: 844}
MAX_HEIGHT = 8000
README_WIDTH, README_HEIGHT, README_LIMIT = 1024, 720, 150_000
CURRICULUM = REPO / "data" / "examples" / "curriculum-vaktherapie.csv"
REGISTER = REPO / "tests" / "registratie" / "files"

# Page families reached by a GET: name → path.
PAGES = {
    "home": "/",
    "home-en": "/?lang=en",
    "index": "/index",
    "index-beroepstaak": "/index?soort=Beroepstaak",
    "beroep": "/id/beroep/vaktherapeut",
    "beroep-stw": "/id/beroep/systeemtherapeutisch-werker",
    "beroepstaak": "/id/profiel/bcp-vaktherapeut/beroepstaak/5",
    "werkzaamheid": "/id/profiel/bcp-vaktherapeut/beroepstaak/5/activiteit/1",
    "competentie": "/id/profiel/bcp-vaktherapeut/competentie/A",
    "bron": "/id/bron/bcp-vaktherapeut",
    "matrix": "/matrix",
    "vergelijk": "/vergelijk",
    "opleiding": "/opleiding",
    "route": "/opleiding/route/vaktherapeut",
    "route-stw": "/opleiding/route/systeemtherapeutisch-werker",
    "curriculum": "/opleiding/curriculum",
    "registratie": "/registratie",
    "zoek": "/zoek?q=therapeut",
    "queries": "/queries",
    "query": "/queries/competenties-per-beroepstaak?run=1",
    "editor": "/editor",
    "sparql": "/sparql",
    "404": "/bestaat-niet",
}


def curriculum_report(page, base):
    page.goto(base + "/opleiding/curriculum")
    page.locator("select[name=profiel]").select_option("bcp-vaktherapeut")
    page.locator('input[type=file][name="curriculum"]').set_input_files(CURRICULUM)
    page.locator('main form button[type=submit]').first.click()
    page.wait_for_load_state()


def registratie_report(page, base):
    page.goto(base + "/registratie")
    page.locator("select[name=regeling]").select_option("herregistratie/nvrg-stw")
    page.locator('input[type=file][name="praktijk"]').set_input_files(REGISTER / "praktijk.csv")
    page.locator('input[type=file][name="activiteiten"]').set_input_files(REGISTER / "activiteiten.csv")
    page.locator('main form button[type=submit]').first.click()
    page.wait_for_load_state()
    page.locator("#filter-oordeel").select_option("nee")


def editor_results(page, base):
    page.goto(base + "/editor?query=" + re.sub(r"\s+", "+", "SELECT * WHERE { ?s ?p ?o } LIMIT 20"))
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr table tbody tr").first.wait_for()


STEPS = {"curriculum-rapport": curriculum_report, "registratie-rapport": registratie_report,
         "editor-resultaten": editor_results}

# The README's one screenshot per user group: (file, family).
README = [("beroepsvereniging.png", "beroepstaak"), ("opleiding.png", "curriculum-rapport"),
          ("registratie.png", "registratie-rapport"), ("data-gebruiker.png", "query")]


@contextmanager
def served():
    from waitress import create_server
    from beroepen.kennisgraaf.graaf import load_graph
    from beroepen.web import create_app, pages
    app = create_app({"GRAPH": load_graph(), "SPARQL_WORKERS": 1})
    wsgi = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=wsgi.run, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{wsgi.effective_port}"
    finally:
        wsgi.close()
        pages.close(app)


def show(page, base, family):
    if family in STEPS:
        STEPS[family](page, base)
    else:
        page.goto(base + PAGES[family])


def take(page, base, family, path, full=True):
    """Show the family and screenshot it; False (and the reason on stderr) when that fails."""
    try:
        show(page, base, family)
        shoot(page, path, full)
        return True
    except Exception as error:  # a page that fails is reported; the others are still taken
        print(f"{family}: mislukt: {str(error).splitlines()[0]}", file=sys.stderr)
        return False


def shoot(page, path, full=True):
    height = page.evaluate("() => document.documentElement.scrollHeight")
    width = page.viewport_size["width"]
    if full and height > MAX_HEIGHT:
        page.screenshot(path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": MAX_HEIGHT})
    else:
        page.screenshot(path=path, full_page=full)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running beroepen server (default: serve one here)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "screenshots")
    parser.add_argument("--readme", action="store_true", help="also write web/screenshots/*.png")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    if not Path(CHROMIUM).exists():
        sys.exit("Chromium ontbreekt (apt-get install chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" on a busy machine
    failed = 0
    with (served() if not args.url else _given(args.url)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.set_default_timeout(60_000)
            for family in [*PAGES, *STEPS]:
                path = args.out / f"{family}-{width}.png"
                if take(page, base, family, path):
                    print(path)
                else:
                    failed += 1
            context.close()
        if args.readme:
            target = REPO / "web" / "screenshots"
            target.mkdir(exist_ok=True)
            context = browser.new_context(viewport={"width": README_WIDTH, "height": README_HEIGHT})
            page = context.new_page()
            page.set_default_timeout(60_000)
            for name, family in README:
                path = target / name
                if not take(page, base, family, path, full=False):
                    failed += 1
                    continue
                size = path.stat().st_size
                print(path, f"{size // 1024} kB" + (" (te groot)" if size > README_LIMIT else ""))
            context.close()
        browser.close()
    return 1 if failed else 0


@contextmanager
def _given(url):
    yield url.rstrip("/")


if __name__ == "__main__":
    sys.exit(main())
