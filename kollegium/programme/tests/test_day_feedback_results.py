"""Feedback results: one event's for its hosts, and averages per format, per host garden and
per competence area for all staff."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kollegium.network.tests.factories import CompetenceAreaFactory
from kollegium.programme.models import EventStatus, Feedback, Format
from kollegium.programme.models_day import FeedbackRequest
from kollegium.programme.selectors.feedback import feedback_averages
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _past_event(days_ago: int = 2, **kwargs):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), **kwargs)


def _rate(event, *ratings, **texts):
    for rating in ratings:
        registration = RegistrationFactory(event=event, attended=True)
        Feedback.objects.create(registration=registration, rating=rating, **texts)


def test_it_shows_an_events_ratings_and_comments_to_its_hosts(signed_in, alice, garden_a):
    event = _past_event(hosts=[garden_a])
    _rate(event, 5, 4)
    _rate(event, 2, useful="Casene", improve="Mindre prat")
    absent = RegistrationFactory(event=event, attended=True)
    FeedbackRequest.objects.create(registration=absent, sent_at=timezone.now())

    response = signed_in(alice).get(reverse("programme:feedback_results", args=[event.ref]))

    assert response.status_code == 200
    results = response.context["results"]
    assert results.summary.responses == 3
    assert results.summary.average == 3.7
    assert results.summary.distribution == (0, 1, 0, 1, 1)
    assert (results.attended, results.requested, results.response_rate) == (4, 1, 75)
    html = response.content.decode()
    assert "Casene" in html and "Mindre prat" in html
    # Comments come without names.
    assert absent.name not in html
    assert not any(r.name in html for r in event.registrations.exclude(pk=absent.pk))


def test_other_gardens_staff_cannot_read_an_events_feedback(signed_in, charlie, garden_a):
    event = _past_event(hosts=[garden_a])
    _rate(event, 1, improve="Hemmelig kritikk")

    response = signed_in(charlie).get(reverse("programme:feedback_results", args=[event.ref]))

    assert response.status_code == 403
    assert b"Hemmelig kritikk" not in response.content


def test_it_averages_per_format_garden_and_area(garden_a, garden_b):
    area_x = CompetenceAreaFactory(name="Eksport")
    area_y = CompetenceAreaFactory(name="Finansiering")
    breakfast_a = _past_event(hosts=[garden_a], format=Format.BREAKFAST, areas=[area_x])
    workshop_ab = _past_event(
        hosts=[garden_a, garden_b], format=Format.WORKSHOP, areas=[area_x, area_y]
    )
    _rate(breakfast_a, 5, 3)
    _rate(workshop_ab, 2)

    averages = feedback_averages()

    assert (averages.overall.responses, averages.overall.average) == (3, 3.3)
    by_format = {row.key: (row.events, row.responses, row.average) for row in averages.by_format}
    assert by_format == {"breakfast": (1, 2, 4.0), "workshop": (1, 1, 2.0)}
    by_garden = {row.key: (row.events, row.responses, row.average) for row in averages.by_garden}
    assert by_garden == {garden_a.slug: (2, 3, 3.3), garden_b.slug: (1, 1, 2.0)}
    by_area = {row.label: (row.events, row.responses, row.average) for row in averages.by_area}
    assert by_area == {"Eksport": (2, 3, 3.3), "Finansiering": (1, 1, 2.0)}


def test_it_averages_over_a_period(garden_a):
    _rate(_past_event(days_ago=400, hosts=[garden_a]), 1)
    _rate(_past_event(days_ago=3, hosts=[garden_a]), 5)
    since = timezone.localdate() - datetime.timedelta(days=30)

    averages = feedback_averages(since=since, until=timezone.localdate())

    assert (averages.overall.responses, averages.overall.average) == (1, 5.0)


def test_every_staff_member_reads_the_summary(signed_in, charlie, garden_a):
    _rate(_past_event(hosts=[garden_a], format=Format.FORUM), 4, improve="Privat kommentar")

    response = signed_in(charlie).get(reverse("programme:feedback_summary"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "KompetanseForum" in html and garden_a.name in html
    assert "Privat kommentar" not in html
    assert html.count("<h1") == 1


def test_the_summary_shows_a_bad_period_on_the_form(signed_in, alice):
    response = signed_in(alice).get(
        reverse("programme:feedback_summary"), {"since": "2026-05-01", "until": "2026-01-01"}
    )

    assert response.status_code == 200
    assert "until" in response.context["form"].errors


def test_the_summary_is_not_for_the_public(client, db):
    response = client.get(reverse("programme:feedback_summary"))

    assert response.status_code == 302


def test_the_summary_keeps_a_fixed_number_of_queries(signed_in, alice, garden_a, garden_b):
    client = signed_in(alice)
    url = reverse("programme:feedback_summary")

    def add(n):
        for i in range(n):
            event = _past_event(
                hosts=[[garden_a], [garden_b]][i % 2], areas=[CompetenceAreaFactory()]
            )
            _rate(event, 1 + i % 5)

    add(10)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(190)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_a_draft_or_cancelled_event_is_left_out_of_the_reach(signed_in, alice, garden_a):
    _past_event(hosts=[garden_a], status=EventStatus.CANCELLED)
    response = signed_in(alice).get(reverse("programme:feedback_summary"))

    assert response.context["event_count"] == 0
