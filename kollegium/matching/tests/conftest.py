import pytest

from kollegium.matching import engine, indexing


@pytest.fixture(autouse=True)
def _fresh_index():
    """Each test starts with an empty in-memory index and nothing pending."""
    engine.reset()
    indexing._keys().clear()
    indexing._pending.rebuild = False
    yield
    engine.reset()
    indexing._keys().clear()
    indexing._pending.rebuild = False
