"""The one error type the core raises for bad input; the CLI turns it into exit 2."""


class BeroepenError(Exception):
    """Bad input: names the file, line or node and what was expected."""

    def __init__(self, message, node=None, line=None, file=None):
        super().__init__(message)
        self.message = message
        self.node = node
        self.line = line
        self.file = file

    def __str__(self):
        where = [str(p) for p in (self.file, f"regel {self.line}" if self.line else None,
                                  self.node) if p]
        return f"{': '.join(where)}: {self.message}" if where else self.message
