"""Two phones at the same door, really at once: threads with their own database connections
(PostgreSQL, where rows are locked one by one; SQLite serialises all writers anyway)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from kollegium.core.models import AuditEntry
from kollegium.programme.models import Registration
from kollegium.programme.services.day import attendance_mark
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level concurrency: PostgreSQL"
    ),
]


def _at_once(jobs) -> list[BaseException]:
    """Run the jobs in threads released together; return the errors they raised."""
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job):
        try:
            barrier.wait()
            job()
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_marks_made_at_the_same_moment_are_all_kept(alice, bob, garden_a):
    starts = timezone.now() - datetime.timedelta(minutes=5)
    event = EventFactory(hosts=[garden_a], starts_at=starts, ends_at=starts)
    people = RegistrationFactory.create_batch(8, event=event)
    twice = people[0]
    jobs = [
        # Each person once, by alternating staff members, plus the first person by both.
        *(
            (lambda r=r, who=who: attendance_mark(actor=who.user, registration=r))
            for r, who in zip(people, [alice, bob] * 4, strict=True)
        ),
        lambda: attendance_mark(actor=bob.user, registration=twice),
    ]

    assert _at_once(jobs) == []

    assert Registration.objects.filter(event=event, attended=True).count() == 8
    entries = AuditEntry.objects.filter(action="registration.checked_in")
    assert entries.count() == 8
    assert entries.filter(object_id=str(twice.pk)).count() == 1
