"""Pilots of a method in a garden with their evaluation, and gardens adopting a method."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.core.services import apply_changes
from kollegium.methods.models import Adoption, Method, Pilot
from kollegium.network import permissions
from kollegium.network.models import Garden
from kollegium.programme.models import Event

PILOT_FIELDS = (
    "starts_on",
    "ends_on",
    "participants",
    "context",
    "event_ref",
    "rating",
    "worked",
    "to_change",
    "recommendation",
    "evaluated_on",
)


def _acting_garden(actor, garden: Garden | None) -> Garden:
    """Staff act for their own garden; the operator, who has none, names one."""
    person = permissions.person_of(actor)
    if person is not None:
        return person.garden
    if garden is None:
        raise ValidationError({"garden": _("Choose the garden.")})
    return garden


def _settle_evaluation(pilot: Pilot, explicit_date: bool) -> None:
    """A pilot is evaluated once it has both a rating and a recommendation; the date is today
    unless given. Clearing either makes it not evaluated again."""
    complete = pilot.rating is not None and bool(pilot.recommendation)
    if not complete:
        if explicit_date and pilot.evaluated_on is not None:
            raise ValidationError(
                {"rating": _("An evaluation needs both a rating and a recommendation.")}
            )
        pilot.evaluated_on = None
    elif pilot.evaluated_on is None:
        pilot.evaluated_on = timezone.localdate()


def _check_event(pilot: Pilot) -> None:
    """A linked event must be one of the programme's (by its ref)."""
    if pilot.event_ref and not Event.objects.filter(ref=pilot.event_ref).exists():
        raise ValidationError(
            {
                "event_ref": _("There is no event “%(ref)s” in the programme.")
                % {"ref": pilot.event_ref}
            }
        )


def _check_unique(pilot: Pilot) -> None:
    same = Pilot.objects.filter(
        method_id=pilot.method_id, garden_id=pilot.garden_id, starts_on=pilot.starts_on
    ).exclude(pk=pilot.pk)
    if same.exists():
        raise ValidationError(
            {"starts_on": _("Your garden already has a pilot of this method starting that day.")}
        )


@transaction.atomic
def pilot_save(
    *,
    actor,
    method: Method,
    pilot: Pilot | None = None,
    garden: Garden | None = None,
    **data,
) -> Pilot:
    """Log a pilot of the method in the actor's garden (pilot=None), or change one and record
    its evaluation (staff of the piloting garden, or the coordinator)."""
    created = pilot is None
    if created:
        if not permissions.can_pilot_method(actor, method):
            raise PermissionDenied
        pilot = Pilot(
            method=method,
            garden=_acting_garden(actor, garden),
            recorded_by=permissions.person_of(actor),
        )
    else:
        if pilot.method_id != method.pk or not permissions.can_edit_pilot(actor, pilot):
            raise PermissionDenied
        pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    was_evaluated = pilot.is_completed
    changed = apply_changes(pilot, data, PILOT_FIELDS)
    _settle_evaluation(pilot, explicit_date="evaluated_on" in data)
    if not created and not changed and pilot.is_completed == was_evaluated:
        return pilot
    _check_unique(pilot)
    if "event_ref" in changed:
        _check_event(pilot)
    pilot.full_clean()
    pilot.save()
    if created:
        action = "pilot.created"
    elif pilot.is_completed and not was_evaluated:
        action = "pilot.evaluated"
    else:
        action = "pilot.updated"
    audit(
        actor=actor,
        action=action,
        obj=pilot,
        ref=method.ref,
        garden=pilot.garden.slug,
        fields=changed,
    )
    return pilot


@transaction.atomic
def adoption_record(
    *,
    actor,
    method: Method,
    adopted_on: datetime.date,
    note: str = "",
    garden: Garden | None = None,
) -> Adoption:
    """Mark that the actor's garden has taken the method into use (or change the date/note)."""
    garden = _acting_garden(actor, garden)
    if not permissions.can_pilot_method(actor, method) or not permissions.can_record_adoption(
        actor, garden
    ):
        raise PermissionDenied
    adoption = Adoption.objects.filter(method=method, garden=garden).first()
    created = adoption is None
    adoption = adoption or Adoption(
        method=method, garden=garden, recorded_by=permissions.person_of(actor)
    )
    if not created and adoption.adopted_on == adopted_on and adoption.note == note:
        return adoption
    adoption.adopted_on = adopted_on
    adoption.note = note
    adoption.full_clean()
    adoption.save()
    audit(
        actor=actor,
        action="adoption.recorded" if created else "adoption.updated",
        obj=method,
        ref=method.ref,
        garden=garden.slug,
        adopted_on=adopted_on.isoformat(),
    )
    return adoption


@transaction.atomic
def adoption_remove(*, actor, adoption: Adoption) -> None:
    """Withdraw a garden's adoption (its own staff)."""
    if not permissions.can_record_adoption(actor, adoption.garden):
        raise PermissionDenied
    method = adoption.method
    audit(
        actor=actor,
        action="adoption.removed",
        obj=method,
        ref=method.ref,
        garden=adoption.garden.slug,
    )
    adoption.delete()
