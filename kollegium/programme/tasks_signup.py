"""Background tasks of sign-up: an offer that runs out, the reminder the day before.

Each is scheduled for its moment with django-tasks' ``run_after`` when the registration
changes, and each is idempotent: it re-reads the registration and does nothing if the moment
has not come or the work is done. ``programme_tick`` is the safety net that finds the same
work by sweeping (and the only way on a task backend that cannot defer, as in tests).
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kollegium.programme.models import Registration

logger = logging.getLogger(__name__)
REMINDER_BEFORE = datetime.timedelta(days=1)


def schedule(task_obj, when: datetime.datetime, *args) -> None:
    """Enqueue ``task_obj(*args)`` to run at ``when``, after the current transaction commits.

    A backend that cannot defer (the immediate one in tests) gets nothing: running the task
    now would be wrong, and ``programme_tick`` sweeps for the same work.
    """
    if not task_obj.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: task_obj.using(run_after=when).enqueue(*args))


@task()
def expire_offer(registration_id: int) -> None:
    """The offer's time is up: give the place to the next in line (no-op if accepted)."""
    from kollegium.programme.services.waitlist import offer_expire

    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is not None:
        offer_expire(registration=registration)


@task()
def send_reminder(registration_id: int) -> None:
    """The reminder the day before (sent once; skipped if the event moved or was cancelled)."""
    from kollegium.programme.services.reminders import reminder_send

    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is not None:
        reminder_send(registration=registration)


def schedule_offer_expiry(registration: Registration) -> None:
    schedule(expire_offer, registration.offer_expires_at, registration.pk)


def schedule_reminder(registration: Registration) -> None:
    """At the day before the event, unless that moment has already passed."""
    when = registration.event.starts_at - REMINDER_BEFORE
    if when > timezone.now():
        schedule(send_reminder, when, registration.pk)
