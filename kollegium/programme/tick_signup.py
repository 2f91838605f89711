"""Sign-up's part of ``kollegium programme_tick`` (the periodic sweep run from cron or a
systemd timer every few minutes).

Each step is the safety net of work that is also scheduled for its moment (django-tasks with
``run_after``) and each is idempotent, so running the tick often, late or from two machines at
once does no harm: expired offers pass on, free places go to the waitlist (e.g. when a host's
reserved share has just opened to all), reminders go out the day before, old rate-limit counts
are deleted.
"""

import datetime

from django.utils import timezone

from kollegium.programme.models import Event, EventStatus, RegistrationStatus
from kollegium.programme.services.reminders import reminder_send, reminders_due
from kollegium.programme.services.waitlist import expired_offers, offer_expire, waitlist_fill
from kollegium.programme.throttle import prune


def events_with_a_line(now: datetime.datetime):
    """Published events still to start that have someone on the waitlist."""
    return Event.objects.filter(
        status=EventStatus.PUBLISHED,
        starts_at__gt=now,
        registrations__status=RegistrationStatus.WAITLISTED,
    ).distinct()


def tick_signup(now: datetime.datetime | None = None) -> dict[str, int]:
    """Run the sweeps; returns what each did (for the command's output)."""
    now = now or timezone.now()
    expired = [offer_expire(registration=r) for r in expired_offers(now)]
    moved = sum(len(waitlist_fill(event=event)) for event in events_with_a_line(now))
    reminded = sum(reminder_send(registration=r, now=now) for r in reminders_due(now))
    return {
        "offers_expired": sum(r.status == RegistrationStatus.CANCELLED for r in expired),
        "waitlist_moved": moved,
        "reminders": reminded,
        "rate_counts_deleted": prune(now),
    }
