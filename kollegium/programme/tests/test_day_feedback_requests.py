"""Feedback requests: after the event, only to those checked in, once each."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import EventStatus, Feedback
from kollegium.programme.models_day import FeedbackRequest
from kollegium.programme.services.feedback import feedback_requests_due, feedback_requests_send
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory
from kollegium.programme.tick_day import tick_day

pytestmark = pytest.mark.django_db


def _ended(hours_ago: float, **kwargs):
    ends = timezone.now() - datetime.timedelta(hours=hours_ago)
    return EventFactory(starts_at=ends - datetime.timedelta(hours=2), ends_at=ends, **kwargs)


@pytest.fixture
def event(garden_a):
    return _ended(1, hosts=[garden_a], title="Frokost om KI")


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    """Run the e-mail tasks queued on commit (the tests run inside a transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_it_asks_only_those_checked_in(event, mailoutbox, capture):
    came = RegistrationFactory(event=event, attended=True, email="kom@example.no")
    RegistrationFactory(event=event, attended=False, email="uteble@example.no")
    RegistrationFactory(event=event, status="cancelled", email="avmeldt@example.no")

    with capture():
        sent = feedback_requests_due()

    assert sent == 1
    assert [m.to for m in mailoutbox] == [["kom@example.no"]]
    assert came.token in mailoutbox[0].body
    assert FeedbackRequest.objects.get().registration == came
    entry = AuditEntry.objects.get(action="feedback.requested")
    assert (entry.object_id, entry.data) == (str(event.pk), {"count": 1})


def test_it_asks_each_participant_once(event, mailoutbox, capture):
    RegistrationFactory(event=event, attended=True)

    with capture():
        feedback_requests_due()
        feedback_requests_due()

    assert len(mailoutbox) == 1


def test_it_asks_someone_checked_in_late_at_the_next_sweep(event, mailoutbox, capture):
    RegistrationFactory(event=event, attended=True)
    with capture():
        feedback_requests_due()
    RegistrationFactory(event=event, attended=True, email="sen@example.no")

    with capture():
        assert feedback_requests_due() == 1

    assert mailoutbox[-1].to == ["sen@example.no"]


def test_it_waits_until_the_event_has_ended(garden_a, mailoutbox, capture):
    running = _ended(-1, hosts=[garden_a])
    RegistrationFactory(event=running, attended=True)

    with capture():
        assert feedback_requests_due() == 0
        assert feedback_requests_send(event=running) == 0

    assert mailoutbox == []


def test_it_leaves_events_long_past_and_cancelled_events_alone(garden_a, mailoutbox, capture):
    RegistrationFactory(event=_ended(24 * 30, hosts=[garden_a]), attended=True)
    RegistrationFactory(
        event=_ended(1, hosts=[garden_a], status=EventStatus.CANCELLED), attended=True
    )

    with capture():
        assert feedback_requests_due() == 0

    assert mailoutbox == []


def test_it_does_not_ask_someone_who_has_already_answered(event, mailoutbox, capture):
    answered = RegistrationFactory(event=event, attended=True)
    Feedback.objects.create(registration=answered, rating=4)

    with capture():
        assert feedback_requests_due() == 0


def test_it_writes_in_the_participants_language(event, mailoutbox, capture):
    RegistrationFactory(event=event, attended=True, language="en", email="jane@example.com")
    RegistrationFactory(event=event, attended=True, language="nb", email="kari@example.no")

    with capture():
        feedback_requests_due()

    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects["jane@example.com"] == "How was Frokost om KI?"
    assert subjects["kari@example.no"] != subjects["jane@example.com"]


def test_the_tick_sends_requests_and_reports_them(event, capture):
    RegistrationFactory(event=event, attended=True)

    with capture():
        assert tick_day() == {"feedback_requests": 1, "anonymised": 0}


def test_programme_tick_includes_the_event_day(event, capture, capsys):
    RegistrationFactory(event=event, attended=True)

    with capture():
        call_command("programme_tick")

    assert FeedbackRequest.objects.count() == 1
