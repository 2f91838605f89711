"""The waitlist: who gets a freed place, offers and their expiry (engineer B's entry points).

A freed place goes to the first in line who may take it (network companies first when the
event has ``network_priority``; a host's reserved share only to that host's companies). Per
event, ``waitlist_mode`` "promote" confirms them at once; "offer" offers the place, to be
accepted within ``offer_hours``; an offer not accepted in time passes to the next in line.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.companies.models import CompanyGarden
from kollegium.core.audit import audit
from kollegium.programme.models import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    WaitlistMode,
)
from kollegium.programme.services import notices
from kollegium.programme.services.places import (
    IN_LINE,
    Places,
    count_places,
    lock_event,
    network_company_q,
    waitlist,
)
from kollegium.programme.services.signup_rules import RegistrationClosed
from kollegium.programme.tasks_signup import schedule_offer_expiry, schedule_reminder


def _gardens_by_company(line: list[Registration]) -> dict[int, set[int]]:
    company_ids = {r.company_id for r in line if r.company_id}
    result: dict[int, set[int]] = {}
    rows = CompanyGarden.objects.filter(company_id__in=company_ids).values_list(
        "company_id", "garden_id"
    )
    for company_id, garden_id in rows:
        result.setdefault(company_id, set()).add(garden_id)
    return result


def fill_locked(
    event: Event, places: Places, *, now=None, exclude: set[int] | frozenset = frozenset()
) -> list[Registration]:
    """Give free places to the line; the caller holds the event lock and passes its count.

    Nothing moves for an event that is not published or has started: a place freed then is
    of no use to anyone in line.
    """
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or now >= event.starts_at:
        return []
    if places.free_total <= 0:
        return []
    line = list(waitlist(event).exclude(pk__in=exclude))
    if not line:
        return []
    gardens = _gardens_by_company(line) if places.reserved else {}
    moved = []
    for registration in line:
        if places.free_total <= 0:
            break
        got_place, reserved_for = places.place_for(gardens.get(registration.company_id, set()))
        if not got_place:
            continue
        registration.event = event
        _give_place(event, registration, reserved_for, now)
        places.take(reserved_for)
        moved.append(registration)
    return moved


def _offer_deadline(event: Event, now: datetime.datetime) -> datetime.datetime:
    # An offer cannot outlast the start of the event.
    return min(now + datetime.timedelta(hours=event.offer_hours), event.starts_at)


def _give_place(event: Event, registration: Registration, reserved_for, now) -> None:
    registration.reserved_for_id = reserved_for
    if event.waitlist_mode == WaitlistMode.OFFER:
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = _offer_deadline(event, now)
    else:
        registration.status = RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
    registration.save(update_fields=["status", "reserved_for", "offer_expires_at", "updated_at"])
    action = "registration." + ("offered" if registration.offer_expires_at else "promoted")
    audit(
        actor=None,
        action=action,
        obj=registration,
        event=event.ref,
        reserved_for=reserved_for,
        until=registration.offer_expires_at and registration.offer_expires_at.isoformat(),
    )
    if registration.status == RegistrationStatus.OFFERED:
        notices.offered(registration)
        schedule_offer_expiry(registration)
    else:
        notices.promoted(registration)
        schedule_reminder(registration)


@transaction.atomic
def waitlist_fill(*, event: Event) -> list[Registration]:
    """Give free places to the waitlist, first in line first (network companies first when
    the event has ``network_priority``; reserved host shares only to those hosts' companies).

    Per event ``waitlist_mode``: "promote" confirms at once, "offer" offers the place to be
    confirmed within ``event.offer_hours`` (an ``expire_offer`` task is scheduled). Locks the
    event row like every place-changing service; safe to call at any time (e.g. after a
    capacity raise, or from ``programme_tick``). Returns the promoted/offered registrations.
    """
    event = lock_event(event)
    return fill_locked(event, count_places(event))


def _reread(registration: Registration) -> tuple[Event, Registration]:
    event = lock_event(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    registration.event = event
    return event, registration


def _offer_open(registration: Registration, now) -> bool:
    return (
        registration.status == RegistrationStatus.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at > now
    )


def offer_accept(*, registration: Registration) -> Registration:
    """The participant accepts an offered place in time: it becomes confirmed.

    Raises ``RegistrationClosed("offer_expired")`` when the offer is no longer open (an offer
    found expired here is expired on the spot, so its place moves on at once).
    """
    accepted = _accept(registration)
    if accepted is not None:
        return accepted
    offer_expire(registration=registration)
    raise RegistrationClosed(
        "offer_expired", _("The time to accept this place has run out. Sorry!")
    )


@transaction.atomic
def _accept(registration: Registration) -> Registration | None:
    event, registration = _reread(registration)
    if not _offer_open(registration, timezone.now()):
        return None
    registration.status = RegistrationStatus.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    audit(actor=None, action="registration.offer_accepted", obj=registration, event=event.ref)
    notices.confirmed(registration)
    schedule_reminder(registration)
    return registration


@transaction.atomic
def offer_expire(*, registration: Registration) -> Registration:
    """An offer not accepted by ``offer_expires_at``: the registration is cancelled (the
    participant is told and may sign up again, at the end of the line) and the place goes to
    the next in line. Idempotent: does nothing unless the offer is still open and expired."""
    event, registration = _reread(registration)
    now = timezone.now()
    expired = (
        registration.status == RegistrationStatus.OFFERED
        and registration.offer_expires_at is not None
        and registration.offer_expires_at <= now
    )
    if not expired:
        return registration
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    audit(actor=None, action="registration.offer_expired", obj=registration, event=event.ref)
    notices.offer_expired(registration)
    fill_locked(event, count_places(event, now), now=now)
    return registration


def expired_offers(now=None):
    """Offers whose time is up and that no task has expired yet (for ``programme_tick``)."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ).order_by("offer_expires_at", "pk")


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first in line, None when not on the waitlist."""
    if registration.status not in IN_LINE:
        return None
    return waitlist_positions(registration.event).get(registration.pk)


def waitlist_positions(event: Event) -> dict[int, int]:
    """Registration id -> place in line (1 = first) for everyone on the event's waitlist.

    One query, whatever the length of the line (for participant lists).
    """
    ids = waitlist(event).values_list("pk", flat=True)
    return {pk: n for n, pk in enumerate(ids, start=1)}


__all__ = [
    "expired_offers",
    "fill_locked",
    "network_company_q",
    "offer_accept",
    "offer_expire",
    "waitlist_fill",
    "waitlist_position",
    "waitlist_positions",
]
