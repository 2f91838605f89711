from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kollegium.api.models import ApiToken
from kollegium.api.services import token_revoke
from kollegium.api.tests.helpers import error_of

ME = "/api/v1/people/me"


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_it_accepts_a_valid_token(api, alice):
    response = api.get("/people/me", who=alice)

    assert response.status_code == 200
    assert response.json()["email"] == "alice@orkdal.example"


def test_it_refuses_a_wrong_token_with_a_structured_401(client, alice):
    response = client.get(ME, **bearer("kol_not-a-real-token"))

    assert error_of(response)["code"] == "not_authenticated"
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Token abc", "Basic YTpi"])
def test_it_refuses_a_malformed_authorization_header(client, alice, header):
    response = client.get(ME, HTTP_AUTHORIZATION=header)

    assert error_of(response)["status"] == 401


def test_it_refuses_anonymous_callers(client):
    assert error_of(client.get(ME))["status"] == 401


def test_it_refuses_a_revoked_token(api, client, alice):
    raw = api.token(alice)
    token_revoke(actor=alice.user, token=ApiToken.objects.get(user=alice.user))

    assert error_of(client.get(ME, **bearer(raw)))["status"] == 401


def test_it_refuses_the_token_of_a_deactivated_user(api, client, alice):
    raw = api.token(alice)
    alice.user.is_active = False
    alice.user.save()

    assert error_of(client.get(ME, **bearer(raw)))["status"] == 401


def test_it_records_when_a_token_was_last_used(api, alice):
    api.get("/people/me", who=alice)

    assert ApiToken.objects.get().last_used_at is not None


def test_it_writes_last_used_at_at_most_once_a_minute(api, alice):
    api.get("/people/me", who=alice)
    first = ApiToken.objects.get().last_used_at

    with CaptureQueriesContext(connection) as queries:
        api.get("/people/me", who=alice)

    assert ApiToken.objects.get().last_used_at == first
    assert not [q for q in queries if q["sql"].upper().startswith("UPDATE")]


def test_it_updates_last_used_at_after_a_minute(api, alice):
    api.get("/people/me", who=alice)
    earlier = timezone.now() - timedelta(minutes=2)
    ApiToken.objects.update(last_used_at=earlier)

    api.get("/people/me", who=alice)

    assert ApiToken.objects.get().last_used_at > earlier


def test_it_accepts_the_browser_session(client, alice):
    client.force_login(alice.user)

    assert client.get(ME).json()["email"] == "alice@orkdal.example"


def test_it_refuses_a_session_write_without_the_csrf_token(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)

    response = browser.patch(ME, {"title": "Sjef"}, content_type="application/json")

    assert error_of(response)["code"] == "csrf_failed"
    assert response.status_code == 403


def test_it_accepts_a_session_write_with_the_csrf_token(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice.user)
    # What the UI's JavaScript does: echo the CSRF cookie in the X-CSRFToken header.
    csrf = "k" * 32
    browser.cookies["csrftoken"] = csrf

    response = browser.patch(
        ME, {"title": "Sjef"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Sjef"


def test_it_needs_no_csrf_token_with_a_bearer_token(api, alice):
    api.client = Client(enforce_csrf_checks=True)

    assert api.patch("/people/me", {"title": "Sjef"}, who=alice).status_code == 200


def test_it_answers_anonymous_writes_401_not_a_csrf_error(alice):
    browser = Client(enforce_csrf_checks=True)

    response = browser.patch(ME, {"title": "Sjef"}, content_type="application/json")

    assert error_of(response)["status"] == 401


def test_it_keeps_public_endpoints_open_to_anyone(client, garden_a, area):
    assert client.get("/api/v1/gardens").status_code == 200
    assert client.get(f"/api/v1/gardens/{garden_a.slug}").status_code == 200
    assert client.get("/api/v1/competence-areas").status_code == 200
    assert client.get(f"/api/v1/competence-areas/{area.slug}").status_code == 200
