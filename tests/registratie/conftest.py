import pytest

from beroepen.registratie import controleer
from registratie_hulp import bestanden


@pytest.fixture(scope="session")
def register():
    """The fixture register (one synthetic practitioner per edge case), checked once."""
    return controleer("herregistratie", bestanden("praktijk.csv", "activiteiten.csv"))
