"""The event day's part of ``kollegium programme_tick`` (the periodic sweep run from cron or
a systemd timer every few minutes): feedback requests after events, and anonymisation.

Both are idempotent and safe to run from several machines at once; see services/feedback.py
and services/privacy.py.
"""

import datetime

from django.utils import timezone

from kollegium.programme.services.feedback import feedback_requests_due
from kollegium.programme.services.privacy import registrations_anonymise


def tick_day(now: datetime.datetime | None = None) -> dict[str, int]:
    """Run the sweeps; returns what each did (for the command's output)."""
    now = now or timezone.now()
    return {
        "feedback_requests": feedback_requests_due(now=now),
        "anonymised": registrations_anonymise(now=now),
    }
