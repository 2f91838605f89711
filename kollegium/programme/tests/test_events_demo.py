"""The demo programme: the document's events and ``kollegium demo_activity``."""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from kollegium.core.models import AuditEntry
from kollegium.programme.management.commands.demo_activity import add_demo_activity
from kollegium.programme.models import Event, EventStatus, Feedback, Registration

DEMO = Path(__file__).resolve().parents[3] / "demo" / "innomidt.json"
# A moment inside the demo's autumn semester: some events past, some to come.
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("import_network", str(DEMO), stdout=StringIO())


def _rows():
    return list(
        Registration.objects.order_by("event__ref", "email").values_list(
            "event__ref", "email", "status", "attended", "walk_in"
        )
    )


def test_the_demo_has_an_autumn_and_a_spring_programme_for_all_four_gardens(demo):
    events = Event.objects.annotate(hosts_count=Count("host_links"))

    assert events.filter(starts_at__year=2026, starts_at__month__gte=8).count() >= 12
    assert events.filter(starts_at__year=2027, starts_at__month__lte=6).count() >= 10
    assert events.filter(hosts_count__gte=2).count() >= 5
    hosts = set(events.values_list("host_links__garden__slug", flat=True))
    assert len(hosts) == 4
    assert {e.format for e in events} >= {"breakfast", "workshop", "forum", "webinar", "course"}
    assert events.filter(status=EventStatus.CANCELLED).exists()


def test_it_fills_past_events_with_attendance_and_feedback(demo):
    totals = add_demo_activity(now=NOW)

    past = Event.objects.filter(ends_at__lt=NOW, status=EventStatus.PUBLISHED)
    assert totals.events == Event.objects.exclude(status=EventStatus.DRAFT).count()
    for event in past:
        assert event.registrations.filter(attended=True).exists(), event.ref
    assert Feedback.objects.filter(registration__event__in=past).count() == totals.feedback > 20
    assert not Registration.objects.filter(attended=True, event__starts_at__gt=NOW).exists()
    assert not Registration.objects.filter(event__status=EventStatus.DRAFT).exists()
    assert AuditEntry.objects.filter(action="programme.demo_activity_added").count() == 1


def test_it_fills_small_upcoming_events_and_puts_the_rest_on_a_waitlist(demo):
    add_demo_activity(now=NOW)

    full = Event.objects.filter(starts_at__gt=NOW, capacity__lte=25, status="published").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
        waiting=Count("registrations", filter=Q(registrations__status="waitlisted")),
    )
    assert full.exists()
    for event in full:
        assert event.confirmed == event.capacity, event.ref
        assert event.waiting >= 2, event.ref
    never_over = Event.objects.filter(capacity__isnull=False).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    # Walk-ins come on top of the places; everyone else fits within the capacity.
    for event in never_over:
        assert event.confirmed - event.registrations.filter(walk_in=True).count() <= event.capacity


def test_it_gives_the_same_participants_every_time(demo):
    add_demo_activity(now=NOW)
    first = _rows()
    Feedback.objects.all().delete()
    Registration.objects.all().delete()

    add_demo_activity(now=NOW)

    assert _rows() == first


def test_a_second_run_changes_nothing(demo):
    add_demo_activity(now=NOW)
    count = Registration.objects.count()

    out = StringIO()
    call_command("demo_activity", stdout=out)

    assert Registration.objects.count() == count
    assert out.getvalue().startswith("0 events filled")
