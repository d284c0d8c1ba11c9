"""Defaults the CLI, the web and the core share, written once.

The web app's settings (timeouts, caps, workers) are in beroepen.web.DEFAULTS, the upload
budgets in beroepen.invoer.limieten; these are the domain defaults: what is meant when a
command or page is not told.
"""

# The competence profile a code ('D', '3') is looked up in, and the profile of `matrix`,
# `curriculum` and the pages when none is named: the Beroepscompetentieprofiel Vaktherapeut.
PROFIEL = "bcp-vaktherapeut"

# The registration scheme (skos:notation of a bo:Registratieregeling / bo:Herregistratieregeling)
# of `registratie`, `herregistratie` and /registratie when none is named.
REGISTER = "nvrg-stw"

# What /registratie checks when the form does not say: re-registration.
REGISTRATIE_SOORT = "herregistratie"

# Label language (nl or en) of `show`, `compare` and the pages.
TAAL = "nl"
TALEN = ("nl", "en")

# The cross-check of the two registration engines (auto, regels, shacl).
ENGINE = "auto"
