import re

import pytest
from django.core import mail
from django.urls import reverse

from kollegium.core.models import LoginFailure


def _login(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_it_signs_in_with_email_and_password(client, alice, password):
    response = _login(client, "Alice@Orkdal.example", password)
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_it_says_what_is_wrong_in_bokmal(client, alice):
    response = _login(client, alice.email, "feil")
    assert response.status_code == 200
    assert "Feil e-postadresse eller passord." in response.content.decode()
    assert LoginFailure.objects.filter(email=alice.email).count() == 1


def test_it_throttles_after_repeated_failures_even_with_the_right_password(
    client, alice, password, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        _login(client, alice.email, "feil")
    response = _login(client, alice.email, password)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "For mange mislykkede forsøk" in response.content.decode()


def test_it_clears_failures_after_a_successful_sign_in(client, alice, password):
    _login(client, alice.email, "feil")
    _login(client, alice.email, password)
    assert not LoginFailure.objects.filter(email=alice.email).exists()


def test_it_refuses_a_deactivated_account(client, alice, password):
    alice.user.is_active = False
    alice.user.save()
    response = _login(client, alice.email, password)
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


@pytest.mark.django_db
def test_it_resets_a_password_by_email(client, alice):
    response = client.post(reverse("password_reset"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"http://testserver(/accounts/password-reset/\S+/\S+/)", mail.outbox[0].body)
    form_page = client.get(path.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nytt-langt-passord-99", "new_password2": "Nytt-langt-passord-99"},
    )
    assert response.status_code == 302
    alice.user.refresh_from_db()
    assert alice.user.check_password("Nytt-langt-passord-99")


def test_it_sends_no_reset_mail_to_an_unknown_address(client, db):
    response = client.post(reverse("password_reset"), {"email": "ukjent@example.no"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_session_from_before_the_staff_backend_still_signs_in(client, alice):
    """Sessions made with Django's ModelBackend (before StaffBackend) stay valid."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(alice.user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = alice.user.get_session_auth_hash()
    session.create()
    client.cookies["sessionid"] = session.session_key

    assert client.get("/home/").status_code == 200


def test_the_signed_in_staff_member_comes_in_one_query(client, alice, django_assert_num_queries):
    from django.contrib.auth import get_user

    from kollegium.network import permissions

    client.force_login(alice.user)
    request = client.get("/home/").wsgi_request
    request.user = None  # read it again, as the next request would
    del request._cached_user
    # The session is read already: one query for the user, staff profile and garden.
    with django_assert_num_queries(1):
        user = get_user(request)
        assert permissions.person_of(user).garden.name == alice.garden.name
