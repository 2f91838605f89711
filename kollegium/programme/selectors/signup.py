"""What the sign-up box says about an event right now (read only: no lock, may be a moment
stale; the service re-checks everything under the lock when someone presses the button)."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from kollegium.programme.models import Event
from kollegium.programme.services.places import count_places
from kollegium.programme.services.registrations import (
    RegistrationClosed,
    check_open,
    full_error,
)


@dataclass(frozen=True)
class SignupState:
    open: bool
    # Why not, for the page (when not open).
    reason: str = ""
    message: str = ""
    # Every open place is taken: newcomers join the waitlist (unless a reserved share is
    # theirs).
    full: bool = False
    places_left: int | None = None
    reserved: list[tuple[str, int, str]] | None = None


def signup_state(event: Event, now=None) -> SignupState:
    """Open or not (and why), full or not, and the host shares still reserved."""
    now = now or timezone.now()
    try:
        check_open(event, now=now)
    except RegistrationClosed as exc:
        return SignupState(open=False, reason=exc.reason, message=exc.message)
    if event.capacity is None:
        return SignupState(open=True)
    places = count_places(event, now)
    reserved = _reserved_shares(event, places)
    if places.free_open <= 0 and not reserved and not event.has_waitlist:
        closed = full_error()
        return SignupState(open=False, reason=closed.reason, message=closed.message, full=True)
    return SignupState(
        open=True,
        full=places.free_open <= 0,
        places_left=places.free_open,
        reserved=reserved,
    )


def _reserved_shares(event: Event, places) -> list[tuple[str, int, str]]:
    """(garden name, places still free in its share, until when) per share in force."""
    shares = []
    for link in event.host_links.all():
        free = places.free_reserved(link.garden_id)
        if link.garden_id in places.reserved and free > 0:
            until = link.reserved_until or event.starts_at
            shares.append((link.garden.name, free, date_format(timezone.localtime(until), "j. F")))
    return shares
