import pytest

from kollegium.api.tests.conftest import Api


@pytest.fixture
def api(client):
    """Calls /api/v1 with a personal token: ``api.get("/indicators/programme", who=alice)``."""
    return Api(client)
