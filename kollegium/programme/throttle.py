"""Rate limit of the public sign-up (form and API) per client address.

The limit is ``KOLLEGIUM_SIGNUP_RATE_LIMIT`` ("60/m" by default, enough for one office signing
up its staff from behind one address; "0" turns it off). Attempts are rows in the database so
every web worker and server counts the same attempts. The company look-up of the form has its
own, larger allowance (it answers keystrokes).
"""

import datetime
import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kollegium.network.auth import client_ip
from kollegium.programme.models_signup import SignupAttempt

LOOKUP_FACTOR = 5
# programme_tick deletes rows older than this (longer than any sensible window).
KEEP = datetime.timedelta(days=1)


def limit() -> tuple[int, int] | None:
    return settings.SIGNUP_RATE_LIMIT


def hit(request, *, kind: str = "signup") -> int | None:
    """Count this attempt; None when allowed, else seconds until the client may try again.

    A refused attempt is not counted, so a client that waits out the window gets in again.
    """
    rate = limit()
    if rate is None:
        return None
    return _count(request, kind, *rate)


@transaction.atomic
def _count(request, kind: str, count: int, seconds: int) -> int | None:
    if kind == "lookup":
        count *= LOOKUP_FACTOR
    key = f"{kind}:{client_ip(request) or 'unknown'}"[:80]
    now = timezone.now()
    recent = SignupAttempt.objects.filter(key=key, at__gt=now - datetime.timedelta(seconds=seconds))
    if recent.count() >= count:
        oldest = recent.order_by("at").values_list("at", flat=True).first()
        wait = (oldest + datetime.timedelta(seconds=seconds) - now).total_seconds()
        return max(1, math.ceil(wait))
    SignupAttempt.objects.create(key=key)
    return None


def prune(now=None) -> int:
    """Delete counts older than a day; returns how many."""
    now = now or timezone.now()
    deleted, _ = SignupAttempt.objects.filter(at__lt=now - KEEP).delete()
    return deleted
