"""Anonymising participants' personal data a set time after their event.

``KOLLEGIUM_ANONYMISE_AFTER_MONTHS`` (default 24) months after an event ended, the name,
e-mail, phone and answers of each of its registrations are blanked and the registration's link
is replaced, so old links lead nowhere. Free-text feedback goes too (people write about
themselves in it; the privacy notice promises that only counts and scores stay). The rows
stay with their status, attendance, company, walk-in mark and feedback rating, so counts,
cross-garden reach and feedback averages survive. ``programme_tick`` runs it; so does
``kollegium anonymise_registrations``.
"""

import calendar
import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kollegium.core.audit import audit
from kollegium.programme.models import Event, Feedback, Registration, new_token

BATCH = 500


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time ``months`` calendar months earlier (the last day of a shorter
    month: 31 August minus 6 months is 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def anonymise_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Events that ended before this moment are anonymised."""
    return months_before(now or timezone.now(), settings.ANONYMISE_AFTER_MONTHS)


def events_due_for_anonymising(now: datetime.datetime | None = None):
    """Events that ended before the cut-off and still hold personal data."""
    return (
        Event.objects.filter(
            ends_at__lt=anonymise_cutoff(now), registrations__anonymised_at__isnull=True
        )
        .distinct()
        .order_by("ends_at", "pk")
    )


@transaction.atomic
def event_registrations_anonymise(*, event: Event, now: datetime.datetime | None = None) -> int:
    """Blank the personal data of every registration of one event; returns how many."""
    now = now or timezone.now()
    pending = Registration.objects.select_for_update().filter(
        event=event, anonymised_at__isnull=True
    )
    count = 0
    while batch := list(pending.order_by("pk")[:BATCH]):
        for registration in batch:
            registration.name = registration.email = registration.phone = ""
            registration.answers = {}
            registration.anonymised_at = registration.updated_at = now
            # A fresh token per row: the old link (and its feedback link) stops working.
            registration.token = new_token()
        Registration.objects.bulk_update(
            batch, ["name", "email", "phone", "answers", "anonymised_at", "updated_at", "token"]
        )
        count += len(batch)
    Feedback.objects.filter(registration__event=event).exclude(useful="", improve="").update(
        useful="", improve=""
    )
    if count:
        audit(actor=None, action="registrations.anonymised", obj=event, count=count)
    return count


def registrations_anonymise(*, now: datetime.datetime | None = None) -> int:
    """Anonymise every event that is due, one transaction per event; returns how many
    registrations were anonymised."""
    now = now or timezone.now()
    return sum(
        event_registrations_anonymise(event=event, now=now)
        for event in events_due_for_anonymising(now)
    )
