"""Headless Chromium for the browser tests (Debian's `chromium`, driven by Playwright; never
`playwright install`): where it is, and what every step of a journey checks. No page wider than
the screen, no console error, no uncaught exception, no request off our origin; axe-core's
violations on demand. The fixtures that use this live in tests/web/conftest.py."""
import os
import shutil
from pathlib import Path

from support import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# axe-core comes from the npm registry (web/package.json devDependency; `npm install --prefix
# web` in .ci/run) into the ignored web/node_modules, which the wheel never ships.
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)
HEIGHTS = {1280: 900, 390: 844}
# Waits are for states (an element, a URL, a download), never sleeps; these bounds only say
# when a state that never comes counts as a failure. Generous: the machine may be busy.
TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 90_000


def require_chromium():
    """Skip the calling test module when Playwright or Chromium is missing (a copy without
    `pip install '.[test]'` or without the Debian package); .ci/run installs both."""
    import pytest
    pytest.importorskip("playwright.sync_api", reason="pip install '.[test]' (playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not installed (apt-get install chromium; .ci/run does this)",
                    allow_module_level=True)


def require_axe():
    """axe-core's source text; skipped when it is not installed, failed under CI=true."""
    import pytest
    if AXE.is_file():
        return AXE.read_text(encoding="utf-8")
    message = f"{AXE} ontbreekt (npm install --prefix web; .ci/run doet dat)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + "; met CI=true is dat een fout", pytrace=False)
    pytest.skip(message)


class Watch:
    """Listens to one page: console errors, uncaught exceptions and every request's URL.

    A 4xx/5xx answer to a navigation the test expects (the 404 page) is also a console error
    in Chromium ("Failed to load resource"); `check(..., status_ok=...)` names those."""

    def __init__(self, page, origin):
        self.page, self.origin = page, origin
        self.errors, self.requests = [], []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def outside(self):
        return [u for u in self.requests
                if not u.startswith(self.origin) and not u.startswith(("data:", "blob:"))]

    def check(self, step, status_ok=()):
        """Assert the page as it is now: not wider than the screen, no error so far."""
        allowed = tuple(f"status of {s} " for s in status_ok)
        errors = [e for e in self.errors
                  if not (e.startswith("console: Failed to load resource") and any(a in e for a in allowed))]
        assert errors == [], f"{step}: fouten in de browser: {errors}"
        width = overflow(self.page)
        assert width is None, f"{step}: pagina breder dan het scherm: {width}"
        assert self.outside() == [], f"{step}: verzoeken buiten onze origin: {self.outside()}"


_OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  // which elements stick out (those not inside a container that scrolls or clips them)
  const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o !== 'visible') return p !== root && p !== document.body; }
    return false; };
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(el))
    .slice(0, 5).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
      + ' (' + Math.round(el.getBoundingClientRect().right) + ' px)');
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def overflow(page):
    """None when the page fits its width; else its widths and the first elements sticking out."""
    return page.evaluate(_OVERFLOW)


_AXE_RUN = """known => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => {
  const allowed = n => known.some(([rule, part]) => {
    if (rule !== v.id) return false;
    const el = document.querySelector(n.target.join(' '));
    return !!(el && el.closest(part));
  });
  return {id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.filter(n => !allowed(n)).map(n => n.target.join(' '))};
}).filter(v => v.nodes.length))"""


def axe_violations(page, source, known=()):
    """axe-core's violations on the page as it is: [{id, impact, help, nodes: [selector]}],
    without the nodes `known` allows: (rule id, CSS selector) pairs, a node being allowed for
    that rule when it is or lies inside an element the selector matches.

    The script is evaluated through the DevTools protocol, which the page's CSP
    (script-src 'self') does not govern: no inline script tag, no CSP report."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(_AXE_RUN, [list(k) for k in known])
