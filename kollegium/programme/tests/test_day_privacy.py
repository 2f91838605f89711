"""Anonymising participants a set time after their event; counts and feedback stay."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Feedback, Registration
from kollegium.programme.services.privacy import months_before, registrations_anonymise
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory
from kollegium.programme.tick_day import tick_day

pytestmark = pytest.mark.django_db


def _ended(months_ago: int, days: int = 0):
    ends = months_before(timezone.now(), months_ago) - datetime.timedelta(days=days)
    return EventFactory(starts_at=ends - datetime.timedelta(hours=2), ends_at=ends)


@pytest.fixture
def old_event(company_a):
    event = _ended(24, days=1)
    came = RegistrationFactory(
        event=event,
        name="Kari Nordmann",
        email="kari@bedrift.example",
        phone="+4791234567",
        company=company_a,
        answers={"1": "Nøtter"},
        attended=True,
    )
    Feedback.objects.create(registration=came, rating=5, useful="Alt")
    RegistrationFactory(event=event, status="cancelled")
    return event


def test_it_blanks_personal_data_after_24_months(old_event, company_a):
    token = old_event.registrations.get(name="Kari Nordmann").token

    assert registrations_anonymise() == 2

    kari = old_event.registrations.get(company=company_a)
    assert (kari.name, kari.email, kari.phone, kari.answers) == ("", "", "", {})
    assert kari.anonymised_at is not None
    assert kari.token != token
    # What the figures need stays.
    assert (kari.status, kari.attended, kari.company) == ("confirmed", True, company_a)
    assert (kari.feedback.rating, kari.feedback.useful) == (5, "")
    assert old_event.registrations.count() == 2
    entry = AuditEntry.objects.get(action="registrations.anonymised")
    assert (entry.object_id, entry.data) == (str(old_event.pk), {"count": 2})


def test_it_leaves_events_younger_than_the_limit_alone(db):
    recent = RegistrationFactory(event=_ended(23, days=27), name="Ola")

    assert registrations_anonymise() == 0

    recent.refresh_from_db()
    assert recent.name == "Ola" and recent.anonymised_at is None


def test_the_limit_is_a_setting(settings):
    settings.ANONYMISE_AFTER_MONTHS = 6
    kept = RegistrationFactory(event=_ended(5), name="Ny")
    gone = RegistrationFactory(event=_ended(7), name="Gammel")

    registrations_anonymise()

    kept.refresh_from_db()
    gone.refresh_from_db()
    assert (kept.name, gone.name) == ("Ny", "")


def test_it_anonymises_each_registration_once(old_event):
    registrations_anonymise()

    assert registrations_anonymise() == 0
    assert AuditEntry.objects.filter(action="registrations.anonymised").count() == 1


def test_a_person_may_sign_up_again_with_an_address_that_was_anonymised(old_event):
    registrations_anonymise()

    # The one-place-per-address rule ignores anonymised rows, even with blank addresses.
    RegistrationFactory(event=old_event, email="")
    RegistrationFactory(event=old_event, email="kari@bedrift.example")


def test_the_command_anonymises_and_reports(old_event, capsys):
    call_command("anonymise_registrations", "--dry-run")
    assert "2 registration(s) would be anonymised" in capsys.readouterr().out
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 2

    call_command("anonymise_registrations")

    assert "2 registration(s) were anonymised" in capsys.readouterr().out
    assert Registration.objects.filter(anonymised_at__isnull=True).count() == 0


def test_the_periodic_tick_anonymises_too(old_event):
    assert tick_day()["anonymised"] == 2


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ("2026-08-31", 6, "2026-02-28"),
        ("2028-08-31", 6, "2028-02-29"),
        ("2026-03-15", 24, "2024-03-15"),
        ("2026-01-10", 1, "2025-12-10"),
    ],
)
def test_it_counts_calendar_months(moment, months, expected):
    start = datetime.datetime.fromisoformat(moment + "T10:00:00+00:00")

    assert months_before(start, months).date().isoformat() == expected
