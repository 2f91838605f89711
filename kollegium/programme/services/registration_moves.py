"""Staff moving a participant between a place, the waitlist and out (registration_move)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.network import permissions
from kollegium.programme.models import Event, Registration, RegistrationStatus
from kollegium.programme.services import notices
from kollegium.programme.services.places import TAKEN, company_gardens, count_places
from kollegium.programme.services.registrations import (
    _cancel_locked,
    _existing,
    _host_ids,
    _reread,
)
from kollegium.programme.services.waitlist import fill_locked, waitlist_position
from kollegium.programme.tasks_signup import schedule_reminder

ALLOWED_FROM = {
    RegistrationStatus.CONFIRMED: {"waitlisted", "offered", "cancelled"},
    RegistrationStatus.WAITLISTED: {"confirmed", "offered", "cancelled"},
    RegistrationStatus.CANCELLED: {"confirmed", "waitlisted", "offered"},
}


@transaction.atomic
def move(*, actor, registration: Registration, to: RegistrationStatus) -> Registration:
    """registration_move's work (see its docstring in services/registrations.py)."""
    to = RegistrationStatus(to)
    event, registration = _reread(registration)
    if not permissions.can_move_registration(actor, _host_ids(event)):
        raise PermissionDenied
    if registration.anonymised_at is not None:
        raise ValidationError(_("This registration has been anonymised."))
    if to == registration.status:
        return registration
    if registration.status not in ALLOWED_FROM.get(to, set()):
        raise ValidationError({"to": [_("A registration cannot be moved there.")]})
    if to == RegistrationStatus.CANCELLED:
        _cancel_locked(event, registration, actor=actor, action="registration.removed")
        notices.cancelled(registration, by_staff=True)
        return registration
    if registration.status == RegistrationStatus.CANCELLED:
        _check_no_other_live(event, registration)
    if to == RegistrationStatus.CONFIRMED:
        return _move_to_place(event, registration, actor)
    return _move_to_line(event, registration, actor)


def _check_no_other_live(event: Event, registration: Registration) -> None:
    other = _existing(event, registration.email)
    if other is not None and other.pk != registration.pk:
        raise ValidationError(
            {"to": [_("This person has signed up again; move that registration instead.")]}
        )


def _move_to_place(event: Event, registration: Registration, actor) -> Registration:
    before = registration.status
    if before != RegistrationStatus.OFFERED:
        places = count_places(event)
        if places.free_total <= 0:
            raise ValidationError(
                {"to": [_("The event is full. Raise the capacity or remove someone first.")]}
            )
        gardens = company_gardens(registration.company_id)
        registration.reserved_for_id = places.place_for(gardens)[1]
    registration.status = RegistrationStatus.CONFIRMED
    registration.offer_expires_at = None
    registration.save()
    audit(actor=actor, action="registration.moved", obj=registration, was=before, to="confirmed")
    notices.promoted(registration)
    schedule_reminder(registration)
    return registration


def _move_to_line(event: Event, registration: Registration, actor) -> Registration:
    before = registration.status
    registration.status = RegistrationStatus.WAITLISTED
    registration.offer_expires_at = None
    registration.reserved_for = None
    registration.queued_at = timezone.now()
    registration.save()
    audit(actor=actor, action="registration.moved", obj=registration, was=before, to="waitlisted")
    if before in TAKEN:
        fill_locked(event, count_places(event), exclude={registration.pk})
    notices.waitlisted(registration, waitlist_position(registration))
    return registration
