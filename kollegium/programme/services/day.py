"""The event day: check-in, walk-ins, and letting in someone from the waitlist at the door.

Several staff members check people in at the same door with their phones. A mark is one
UPDATE of one row that sets the wanted state (never a toggle, never read-modify-write), so two
people marking at once cannot undo or lose each other's marks, and a page loaded minutes ago
cannot overwrite what changed since (a cancellation, say). Staff add people by hand with
``registration_create`` and move them with ``registration_move`` (services/registrations.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.network import permissions
from kollegium.programme.access_day import host_ids
from kollegium.programme.models import Event, EventStatus, Registration, RegistrationStatus
from kollegium.programme.services.signup_input import clean_person

COMPANY_NAME_MAX_LENGTH = 200

IN_LINE = (RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)


def check_in_open(event: Event, now=None) -> bool:
    """Check-in opens on the (local) day the event starts and stays open afterwards, so a
    paper list can be entered later; never for a draft or a cancelled event."""
    today = timezone.localdate(now or timezone.now())
    return (
        event.status == EventStatus.PUBLISHED
        and timezone.localtime(event.starts_at).date() <= today
    )


def _check(actor, event: Event) -> None:
    if not permissions.can_run_event_day(actor, _hosts(event)):
        raise PermissionDenied
    if not check_in_open(event):
        raise ValidationError(_("Check-in opens on the day of the event."), code="not_open")


def _hosts(event: Event) -> set[int]:
    if "host_links" in getattr(event, "_prefetched_objects_cache", {}):
        return host_ids(event)
    return set(event.host_links.values_list("garden_id", flat=True))


def _fresh(registration: Registration, event: Event) -> Registration:
    fresh = Registration.objects.select_related("company").get(pk=registration.pk)
    fresh.event = event
    return fresh


@transaction.atomic
def attendance_mark(*, actor, registration: Registration, attended: bool = True) -> Registration:
    """Mark a confirmed participant as attended (or take the mark back).

    Idempotent: marking someone already marked changes nothing, keeps the first check-in time
    and writes no second audit entry. Raises ValidationError for someone not (or no longer)
    confirmed.
    """
    event = registration.event
    _check(actor, event)
    now = timezone.now()
    rows = Registration.objects.filter(
        pk=registration.pk,
        event=event,
        status=RegistrationStatus.CONFIRMED,
        anonymised_at__isnull=True,
    )
    if attended:
        changed = rows.filter(attended=False).update(
            attended=True, checked_in_at=now, updated_at=now
        )
    else:
        changed = rows.filter(attended=True).update(
            attended=False, checked_in_at=None, updated_at=now
        )
    if changed:
        action = "registration.checked_in" if attended else "registration.check_in_undone"
        audit(actor=actor, action=action, obj=registration, event=event.ref)
    elif not rows.exists():
        raise ValidationError(
            _("Only confirmed participants can be checked in."), code="not_confirmed"
        )
    return _fresh(registration, event)


@transaction.atomic
def attendance_let_in(*, actor, registration: Registration) -> Registration:
    """Someone on the waitlist (or with an open offer) came anyway and staff let them in:
    their place is confirmed and they are checked in, beyond the capacity if need be (staff
    at the door decide). Idempotent for someone already confirmed and checked in."""
    event = registration.event
    _check(actor, event)
    now = timezone.now()
    changed = Registration.objects.filter(
        pk=registration.pk, event=event, status__in=IN_LINE, anonymised_at__isnull=True
    ).update(
        status=RegistrationStatus.CONFIRMED,
        queued_at=None,
        offer_expires_at=None,
        attended=True,
        checked_in_at=now,
        updated_at=now,
    )
    if changed:
        audit(actor=actor, action="registration.let_in", obj=registration, event=event.ref)
        return _fresh(registration, event)
    return attendance_mark(actor=actor, registration=registration)


def _clean_walk_in(event: Event, name: str, email: str, phone: str, company, company_name: str):
    """The walk-in's registration, unsaved; the same checks as the sign-up form's."""
    person, errors = clean_person(name=name, email=email, phone=phone)
    company_name = " ".join(company_name.split()) if company is None else company.name
    if len(company_name) > COMPANY_NAME_MAX_LENGTH:
        errors["company"] = [_("Enter at most %(n)d characters.") % {"n": COMPANY_NAME_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)
    return Registration(
        event=event,
        company=company,
        company_name=company_name,
        status=RegistrationStatus.CONFIRMED,
        **person,
    )


@transaction.atomic
def walk_in_add(
    *,
    actor,
    event: Event,
    name: str,
    email: str,
    phone: str = "",
    company=None,
    company_name: str = "",
    language: str = "nb",
) -> tuple[Registration, bool]:
    """Add someone who came without a place, already checked in; returns (registration,
    created).

    Walk-ins are in the room, so the capacity does not stop them. Someone who already holds a
    place is simply checked in, and someone in line is let in (no second registration). The
    e-mail is required: it is where the feedback request goes. Staff tell the participant
    about the privacy notice, as when they add someone by hand.
    """
    _check(actor, event)
    registration = _clean_walk_in(event, name, email, phone, company, company_name)
    existing = _live_registration(event, registration.email)
    if existing is not None:
        return _check_in_existing(actor, existing, event), False
    now = timezone.now()
    registration.walk_in = True
    registration.attended = True
    registration.checked_in_at = now
    registration.consent_at = now
    registration.language = language
    registration.registered_by = permissions.person_of(actor)
    try:
        # A savepoint: another staff member may add the same person at the same moment.
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        existing = _live_registration(event, registration.email)
        if existing is None:
            raise
        return _check_in_existing(actor, existing, event), False
    audit(actor=actor, action="registration.walk_in", obj=registration, event=event.ref)
    return registration, True


def _live_registration(event: Event, email: str) -> Registration | None:
    live = ~Q(status=RegistrationStatus.CANCELLED) & Q(anonymised_at__isnull=True)
    return (
        Registration.objects.filter(live, event=event, email__iexact=email).order_by("pk").first()
    )


def _check_in_existing(actor, registration: Registration, event: Event) -> Registration:
    registration.event = event
    if registration.status in IN_LINE:
        return attendance_let_in(actor=actor, registration=registration)
    return attendance_mark(actor=actor, registration=registration)
