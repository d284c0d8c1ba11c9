"""The one error type the core raises, with its kind; the kind decides the CLI's exit code and
the web's HTTP status, in the table SOORTEN below and nowhere else.

Raise `BeroepenError(message)` for bad input (the default kind), or one of the kinds by its
class (`NietGevonden`, `NietEenduidig`, `NietBeschikbaar`, `InterneFout`) or by
`BeroepenError(message, soort=NIET_GEVONDEN)`. A message names the file, line or node and says
what was expected; it is Dutch, for the person who gave the input.
"""

FOUTE_INVOER = "foute-invoer"          # the input is wrong: a bad cell, option, query, IRI
NIET_GEVONDEN = "niet-gevonden"        # a code, IRI, query, profile or start the graph lacks
NIET_EENDUIDIG = "niet-eenduidig"      # a name that fits several things: the message lists them
TE_GROOT = "te-groot"                  # an upload past its budget (bytes, rows, triples, time)
NIET_BESCHIKBAAR = "niet-beschikbaar"  # the SPARQL store is down, too slow or refused the query
INTERN = "intern"                      # a bug in beroepen, not in the input

# kind: (CLI exit code, HTTP status). The CLI's other codes: 0 ok, 1 findings, 130/143 stopped.
SOORTEN = {
    FOUTE_INVOER: (2, 400),
    NIET_GEVONDEN: (2, 404),
    NIET_EENDUIDIG: (2, 400),
    TE_GROOT: (2, 413),
    NIET_BESCHIKBAAR: (4, 503),
    INTERN: (3, 500),
}


class BeroepenError(Exception):
    """An error the user can act on: names the file, line or node and what was expected."""

    soort = FOUTE_INVOER

    def __init__(self, message, node=None, line=None, file=None, soort=None):
        super().__init__(message)
        self.message = message
        self.node = node
        self.line = line
        self.file = file
        if soort is not None:
            if soort not in SOORTEN:
                raise ValueError(f"unknown error kind {soort!r}")
            self.soort = soort

    @property
    def exit_code(self):
        return SOORTEN[self.soort][0]

    @property
    def status(self):
        """The kind's HTTP status, unless this error was given a finer one (a store's 502,
        the /sparql protocol's 403, 415, 429)."""
        return self.__dict__.get("_status") or SOORTEN[self.soort][1]

    @status.setter
    def status(self, value):
        self._status = value

    def plaats(self):
        """Where the error is, as far as known: {"bestand", "regel", "node"} (keys left out when unknown)."""
        found = {"bestand": self.file, "regel": self.line, "node": self.node}
        return {k: (v if k == "regel" else str(v)) for k, v in found.items() if v not in (None, "")}

    def as_dict(self):
        """The one JSON shape of an error on every page (README, 'Foutmeldingen')."""
        return {"fout": str(self), "soort": self.soort, "plaats": self.plaats()}

    def __str__(self):
        where = [str(p) for p in (self.file, f"regel {self.line}" if self.line else None,
                                  self.node) if p]
        return f"{': '.join(where)}: {self.message}" if where else self.message


class NietGevonden(BeroepenError):
    soort = NIET_GEVONDEN


class NietEenduidig(BeroepenError):
    soort = NIET_EENDUIDIG


class NietBeschikbaar(BeroepenError):
    soort = NIET_BESCHIKBAAR


class InterneFout(BeroepenError):
    soort = INTERN
