from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shapes_graph():
    from beroepen.validation import load_shapes
    return load_shapes()


@pytest.fixture(scope="session")
def shipped_graph():
    from beroepen.graph import load_graph
    return load_graph()
