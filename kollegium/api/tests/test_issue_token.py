from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kollegium.api.models import ApiToken


def test_it_prints_a_token_that_opens_the_api(client, alice):
    out = StringIO()
    call_command("issue_token", "ALICE@orkdal.example", stdout=out)
    raw = out.getvalue().strip()

    token = ApiToken.objects.get(user=alice.user)
    assert raw.startswith(token.prefix) and token.token_hash != raw
    response = client.get("/api/v1/people/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["email"] == alice.email


def test_it_fails_for_an_unknown_email(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("issue_token", "nobody@example.no")
    assert not ApiToken.objects.exists()


def test_it_refuses_a_deactivated_account(alice):
    alice.user.is_active = False
    alice.user.save()
    with pytest.raises(CommandError, match="deactivated"):
        call_command("issue_token", alice.email)
