import pytest

from kollegium.api.tests.conftest import Api


@pytest.fixture
def api(client):
    """Calls /api/v1 with a personal token: ``api.get("/indicators/programme", who=alice)``."""
    return Api(client)


@pytest.fixture
def dataset(garden_a, garden_b, alice, bob, charlie):
    """The hand-made network of dataset.py (period under test: 2025)."""
    from kollegium.indicators.tests.dataset import build

    return build(garden_a, garden_b, alice, bob, charlie)


@pytest.fixture(autouse=True)
def _no_cached_public_figures():
    """The public figures are cached per year (public.py); each test starts without them."""
    from django.core.cache import cache

    cache.clear()
