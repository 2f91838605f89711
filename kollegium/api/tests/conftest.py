"""Calling the API as someone of the shared cast: ``api.get("/people", who=alice)``."""

import json

import pytest

from kollegium.api.services import token_issue
from kollegium.companies.tests.factories import NeedFactory
from kollegium.network.tests.factories import UserFactory

BASE = "/api/v1"


class Api:
    """A test client that sends a personal token for ``who`` (a Person or a User)."""

    def __init__(self, client):
        self.client = client
        self.tokens: dict[int, str] = {}

    def token(self, who) -> str:
        user = getattr(who, "user", who)
        if user.pk not in self.tokens:
            self.tokens[user.pk] = token_issue(actor=None, user=user)[1]
        return self.tokens[user.pk]

    def request(self, method: str, path: str, who=None, data=None, **extra):
        if who is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {self.token(who)}"
        if data is not None:
            extra["data"] = json.dumps(data)
            extra["content_type"] = "application/json"
        return getattr(self.client, method.lower())(BASE + path, **extra)

    def get(self, path: str, who=None, **extra):
        return self.request("GET", path, who, **extra)

    def post(self, path: str, data, who=None, **extra):
        return self.request("POST", path, who, data, **extra)

    def patch(self, path: str, data, who=None, **extra):
        return self.request("PATCH", path, who, data, **extra)


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def outsider(db):
    """Signed up (say, for an event) but no staff member of any garden."""
    return UserFactory(email="otto@example.no", name="Otto Utenfor")


@pytest.fixture
def private_need(company_b):
    """Garden B's need that garden A may not know about."""
    return company_b.needs.get()


@pytest.fixture
def shared_need(company_b):
    return NeedFactory(
        company=company_b, text="Søker partner for testing", shared_with_network=True
    )
