"""The feedback form behind the link in the request e-mail (no account)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Feedback
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def came(garden_a):
    ends = timezone.now() - datetime.timedelta(hours=3)
    event = EventFactory(
        hosts=[garden_a],
        title="Frokost om KI",
        starts_at=ends - datetime.timedelta(hours=2),
        ends_at=ends,
    )
    return RegistrationFactory(event=event, attended=True)


def _url(registration):
    return reverse("programme:feedback_form", args=[registration.token])


def test_it_shows_the_form_without_an_account(client, came):
    response = client.get(_url(came))

    assert response.status_code == 200
    html = response.content.decode()
    assert "How was Frokost om KI?" in html
    assert html.count("<h1") == 1
    assert 'type="radio" name="rating" value="5"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-store" in response["Cache-Control"]


def test_it_saves_the_feedback(client, came):
    response = client.post(
        _url(came), {"rating": "4", "useful": " Gode eksempler ", "improve": "Mer kaffe"}
    )

    assert response.status_code == 302
    feedback = Feedback.objects.get(registration=came)
    assert (feedback.rating, feedback.useful, feedback.improve) == (
        4,
        "Gode eksempler",
        "Mer kaffe",
    )
    entry = AuditEntry.objects.get(action="feedback.submitted")
    assert entry.actor is None
    assert entry.data == {"event": came.event.ref, "rating": 4}
    assert "Thank you for your feedback!" in client.get(response.url).content.decode()


def test_sending_it_again_changes_the_answer(client, came):
    client.post(_url(came), {"rating": "2"})

    client.post(_url(came), {"rating": "5", "useful": "Alt"})

    feedback = Feedback.objects.get(registration=came)
    assert (feedback.rating, feedback.useful) == (5, "Alt")
    assert AuditEntry.objects.filter(action="feedback.changed").count() == 1
    assert client.get(_url(came)).context["form"].initial["rating"] == 5


@pytest.mark.parametrize("rating", ["", "0", "6", "fem"])
def test_it_asks_for_a_rating_from_1_to_5(client, came, rating):
    response = client.post(_url(came), {"rating": rating})

    assert response.status_code == 200
    assert "rating" in response.context["form"].errors
    assert not Feedback.objects.exists()


def test_it_limits_the_comments(client, came):
    response = client.post(_url(came), {"rating": "3", "useful": "x" * 2001})

    assert "useful" in response.context["form"].errors
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("token", ["x" * 32, "ikke-en-lenke", "a" * 100])
def test_a_tampered_or_unknown_link_gets_a_clear_page(client, came, token):
    response = client.get(reverse("programme:feedback_form", args=[token]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert (
        client.post(reverse("programme:feedback_form", args=[token]), {"rating": "5"}).status_code
        == 404
    )
    assert not Feedback.objects.exists()


def test_someone_not_checked_in_is_told_feedback_is_for_participants(client, came):
    absent = RegistrationFactory(event=came.event, attended=False)

    response = client.post(_url(absent), {"rating": "1"})

    assert response.status_code == 200
    assert "Feedback is for participants who were checked in" in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_cancelled_event_takes_no_feedback(client, came):
    came.event.status = EventStatus.CANCELLED
    came.event.save()

    response = client.post(_url(came), {"rating": "5"})

    assert "This event was cancelled" in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_event_that_has_not_begun_takes_no_feedback(client, garden_a):
    early = RegistrationFactory(
        event=EventFactory(hosts=[garden_a], starts_at=in_days(1), ends_at=in_days(1, hour=10)),
        attended=True,
    )

    response = client.post(_url(early), {"rating": "5"})

    assert "once the event has begun" in response.content.decode()
    assert not Feedback.objects.exists()


def test_an_anonymised_registration_has_no_link_any_more(client, came):
    came.anonymised_at = timezone.now()
    came.save()

    assert client.get(_url(came)).status_code == 404
