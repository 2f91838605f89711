"""E-mails of sign-up (real messages through Django's backends, sent by background tasks),
the tasks scheduled for a moment, and the ``programme_tick`` sweep."""

import datetime
from io import StringIO

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kollegium.programme.models import EventHost, Registration, WaitlistMode
from kollegium.programme.models_signup import RegistrationNotice, SignupAttempt
from kollegium.programme.services.registrations import registration_cancel, registration_create
from kollegium.programme.services.reminders import reminder_send
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory
from kollegium.programme.tick_signup import tick_signup


def sign_up(event, email="kari@bedrift.example", **kwargs):
    values = {"name": "Kari Nordmann", "email": email, "consent": True, **kwargs}
    return registration_create(event=event, **values)[0]


@pytest.fixture
def event(garden_b):
    return EventFactory(hosts=[garden_b], capacity=1, title="Frokostmøte om eksport")


def test_the_confirmation_carries_the_event_as_a_calendar_file(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event, language="en")

    message = mail.outbox[0]
    assert message.subject == "You are signed up: Frokostmøte om eksport"
    assert registration.get_absolute_url() in message.body
    assert "/programme/privacy/" in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == (f"{event.ref}.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Frokostmøte om eksport"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert "ORGANIZER" not in vevent


def test_it_writes_in_bokmal_unless_the_participant_used_english(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event, "nb@x.example", language="nb")
        sign_up(event, "en@x.example", language="en")

    bokmal, english = mail.outbox
    assert bokmal.subject != english.subject
    assert english.subject == "On the waitlist: Frokostmøte om eksport"
    assert "You are number 1 in line." in english.body


def test_the_mail_waits_in_the_task_queue_with_its_attachment(
    event, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(event)

    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="kollegium.core.tasks.send_email")
    # What the worker runs (core's test runs the db_worker itself): the stored arguments.
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert [m.to for m in mail.outbox] == [["kari@bedrift.example"]]
    assert mail.outbox[0].attachments[0][0] == f"{event.ref}.ics"


def test_it_schedules_the_reminder_for_the_day_before(
    event, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        registration = sign_up(event)

    task = DBTaskResult.objects.get(task_path="kollegium.programme.tasks_signup.send_reminder")
    assert task.run_after == event.starts_at - datetime.timedelta(days=1)
    assert task.args_kwargs["args"] == [registration.pk]


def test_it_schedules_the_end_of_an_offer(garden_b, settings, django_capture_on_commit_callbacks):
    event = EventFactory(hosts=[garden_b], capacity=1, waitlist_mode=WaitlistMode.OFFER)
    holder = sign_up(event, "a@x.example")
    waiting = sign_up(event, "b@x.example")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=holder)

    waiting.refresh_from_db()
    task = DBTaskResult.objects.get(task_path="kollegium.programme.tasks_signup.expire_offer")
    assert task.run_after == waiting.offer_expires_at
    assert task.args_kwargs["args"] == [waiting.pk]


def _tomorrow_event(garden_b):
    starts = timezone.now() + datetime.timedelta(hours=20)
    return EventFactory(
        hosts=[garden_b], starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )


def test_the_reminder_goes_once_whoever_sends_it(garden_b, django_capture_on_commit_callbacks):
    event = _tomorrow_event(garden_b)
    registration = RegistrationFactory(event=event, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_send(registration=registration) is True
        assert reminder_send(registration=registration) is False
        assert tick_signup()["reminders"] == 0

    assert [m.subject for m in mail.outbox] == [f"Tomorrow: {event.title}"]
    assert RegistrationNotice.objects.filter(registration=registration).count() == 1


def test_no_reminder_for_the_waitlist_or_a_cancelled_place(garden_b):
    event = _tomorrow_event(garden_b)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    cancelled = RegistrationFactory(event=event, status="cancelled")

    assert reminder_send(registration=waiting) is False
    assert reminder_send(registration=cancelled) is False


def test_no_reminder_more_than_a_day_ahead(event):
    registration = RegistrationFactory(event=event)

    assert reminder_send(registration=registration) is False


def test_the_tick_sends_due_reminders_and_expires_offers_and_fills_lines(
    garden_a, garden_b, django_capture_on_commit_callbacks
):
    tomorrow = _tomorrow_event(garden_b)
    reminded = RegistrationFactory(event=tomorrow)
    Registration.objects.filter(pk=reminded.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    offers = EventFactory(hosts=[garden_b], capacity=1, waitlist_mode=WaitlistMode.OFFER)
    expired = RegistrationFactory(
        event=offers,
        status="offered",
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=5),
    )
    next_in_line = RegistrationFactory(event=offers, status="waitlisted")
    reserved = EventFactory(hosts=[garden_b], capacity=1)
    EventHost.objects.create(
        event=reserved,
        garden=garden_a,
        reserved_places=1,
        reserved_until=timezone.now() - datetime.timedelta(minutes=1),
    )
    waiting = RegistrationFactory(event=reserved, status="waitlisted")
    SignupAttempt.objects.create(key="signup:10.0.0.1")
    SignupAttempt.objects.filter().update(at=timezone.now() - datetime.timedelta(days=2))

    with django_capture_on_commit_callbacks(execute=True):
        done = tick_signup()

    assert done == {
        "offers_expired": 1,
        # The expired offer passed on, and the reserved place opened to all.
        "waitlist_moved": 1,
        "reminders": 1,
        "rate_counts_deleted": 1,
    }
    for registration in (expired, next_in_line, waiting):
        registration.refresh_from_db()
    assert (expired.status, next_in_line.status, waiting.status) == (
        "cancelled",
        "offered",
        "confirmed",
    )
    assert not SignupAttempt.objects.exists()
    assert any(m.to == [reminded.email] for m in mail.outbox)


def test_the_command_reports_each_sweep(db):
    out = StringIO()

    call_command("programme_tick", stdout=out)

    lines = out.getvalue().splitlines()
    assert "offers_expired: 0" in lines
    assert "reminders: 0" in lines
    # The event day's sweeps run in the same command.
    assert any(line.startswith("feedback_requests:") for line in lines)
