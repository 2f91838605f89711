"""The reminder the day before an event, sent at most once per registration and event time."""

import datetime

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from kollegium.programme.models import EventStatus, Registration, RegistrationStatus
from kollegium.programme.models_signup import RegistrationNotice
from kollegium.programme.services import notices
from kollegium.programme.tasks_signup import REMINDER_BEFORE

REMINDER = "reminder"


def _due(registration: Registration, now: datetime.datetime) -> bool:
    event = registration.event
    return (
        registration.status == RegistrationStatus.CONFIRMED
        and registration.anonymised_at is None
        and event.status == EventStatus.PUBLISHED
        and event.starts_at - REMINDER_BEFORE <= now < event.starts_at
    )


@transaction.atomic
def reminder_send(*, registration: Registration, now: datetime.datetime | None = None) -> bool:
    """Send the reminder if it is due and not yet sent; True when it was sent now.

    Safe to call twice at once (the scheduled task and ``programme_tick``): the unique notice
    row lets only one of them send.
    """
    now = now or timezone.now()
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if not _due(registration, now):
        return False
    _notice, created = RegistrationNotice.objects.get_or_create(
        registration=registration, kind=REMINDER, event_starts_at=registration.event.starts_at
    )
    if created:
        notices.reminder(registration)
    return created


def reminders_due(now: datetime.datetime | None = None):
    """Confirmed registrations of events starting within a day that have had no reminder.

    Someone who signed up less than a day before has just had the confirmation: no reminder.
    """
    now = now or timezone.now()
    sent = RegistrationNotice.objects.filter(
        registration=OuterRef("pk"), kind=REMINDER, event_starts_at=OuterRef("event__starts_at")
    )
    return (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            anonymised_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_BEFORE,
            created_at__lte=F("event__starts_at") - REMINDER_BEFORE,
        )
        .exclude(Exists(sent))
        .order_by("pk")
    )
