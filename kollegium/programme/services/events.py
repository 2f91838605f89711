"""Every write to an event: create, update, publish, copy, cancel, and its sign-up questions.

Staff of a host garden and the coordinator manage an event (permissions.can_manage_event).
Changing the time or place of a published event, and cancelling it, e-mails everyone who
holds a place or a place in line, in the language they signed up in.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network import permissions
from kollegium.network.models import CompetenceArea, Garden, Person
from kollegium.notifications.services import record_activity
from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Question,
    Registration,
    RegistrationStatus,
)

EVENT_FIELDS = (
    *("title", "format", "description", "starts_at", "ends_at", "venue", "address"),
    *("online_url", "external_speakers", "capacity", "registration_opens"),
    *("registration_closes", "has_waitlist", "waitlist_mode", "offer_hours", "network_priority"),
)
# A change to one of these after publishing is news for everyone signed up.
TIME_AND_PLACE = ("starts_at", "ends_at", "venue", "address", "online_url")
QUESTION_FIELDS = ("label", "kind", "choices", "required", "position")
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
LIVE = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED)


@dataclass(frozen=True)
class HostInput:
    """A host garden and the places it keeps for its own companies until a moment."""

    garden: Garden
    reserved_places: int = 0
    reserved_until: datetime.datetime | None = None


def host_ids(event: Event) -> set[int]:
    """The host gardens' ids (from prefetched host links when loaded)."""
    return {link.garden_id for link in event.host_links.all()}


def check_manage(actor, event: Event) -> None:
    if not permissions.can_manage_event(actor, host_ids(event)):
        raise PermissionDenied


def _hosts(actor, hosts) -> list[HostInput]:
    """Normalise gardens to HostInput; staff must host with their own garden."""
    items = [h if isinstance(h, HostInput) else HostInput(garden=h) for h in hosts or []]
    if not items:
        person = permissions.person_of(actor)
        if person is None:
            raise ValidationError({"hosts": _("Choose at least one host garden.")})
        items = [HostInput(garden=person.garden)]
    if len({h.garden.pk for h in items}) != len(items):
        raise ValidationError({"hosts": _("A garden is listed twice as host.")})
    if not permissions.can_host_event_as(actor, [h.garden.pk for h in items]):
        raise ValidationError({"hosts": _("Your own garden must be among the hosts.")})
    return items


def new_ref(title: str, starts_at: datetime.datetime, exclude_pk: int | None = None) -> str:
    """A readable, unique reference: the local start date and the title, e.g.
    ``2026-09-17-frokostmote-om-kunstig-intelligens``."""
    day = timezone.localtime(starts_at).date().isoformat()
    # slugify() drops letters it cannot spell in ASCII; spell the Norwegian ones first.
    ascii_title = title.translate(NORWEGIAN_LETTERS)
    base = f"{day}-{slugify(ascii_title)[:60].strip('-')}".strip("-")
    ref, n = base, 2
    while Event.objects.filter(ref=ref).exclude(pk=exclude_pk).exists():
        ref, n = f"{base}-{n}", n + 1
    return ref


def _validate(event: Event) -> None:
    # The constraints say the same, but without naming a field.
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        raise ValidationError({"ends_at": _("The event must end after it starts.")})
    opens, closes = event.registration_opens, event.registration_closes
    if opens and closes and closes < opens:
        raise ValidationError({"registration_closes": _("Registration must close after it opens.")})
    event.full_clean()
    errors = {}
    if not (event.venue or event.address or event.online_url):
        errors["venue"] = _("Give a venue or address, an online link, or both.")
    if event.registration_closes and event.registration_closes > event.ends_at:
        errors["registration_closes"] = _("Registration cannot close after the event has ended.")
    if errors:
        raise ValidationError(errors)


def apply_fields(obj, data: dict, allowed: tuple[str, ...]) -> list[str]:
    """Set the allowed fields present in ``data`` that differ; return their names."""
    changed = []
    for field in allowed:
        if field in data and getattr(obj, field) != data[field]:
            setattr(obj, field, data[field])
            changed.append(field)
    return changed


def _set_hosts(event: Event, hosts: list[HostInput]) -> bool:
    """Replace the host links, keeping rows of gardens that stay; True when something changed."""
    current = {link.garden_id: link for link in EventHost.objects.filter(event=event)}
    wanted = {h.garden.pk: h for h in hosts}
    changed = False
    for garden_id, link in current.items():
        if garden_id not in wanted:
            link.delete()
            changed = True
    for garden_id, host in wanted.items():
        link = current.get(garden_id) or EventHost(event=event, garden=host.garden)
        values = (host.reserved_places, host.reserved_until)
        if link.pk is None or (link.reserved_places, link.reserved_until) != values:
            link.reserved_places, link.reserved_until = values
            link.full_clean(exclude=["event"])
            link.save()
            changed = True
    return changed


def _set_m2m(manager, objects) -> bool:
    wanted = {o.pk for o in objects}
    if {o.pk for o in manager.all()} == wanted:
        return False
    manager.set(objects)
    return True


def _check_reservations(event: Event, hosts: list[HostInput]) -> None:
    reserved = sum(h.reserved_places for h in hosts)
    if reserved and event.capacity is None:
        raise ValidationError({"capacity": _("Reserved places need a capacity.")})
    if event.capacity is not None and reserved > event.capacity:
        raise ValidationError(
            {"capacity": _("The reserved places add up to more than the capacity.")}
        )


@transaction.atomic
def event_create(
    *,
    actor,
    hosts: list | None = None,
    areas: list[CompetenceArea] | None = None,
    speakers: list[Person] | None = None,
    ref: str = "",
    status: str = EventStatus.DRAFT,
    **data,
) -> Event:
    """Create an event (a draft unless ``status`` says otherwise) hosted by ``hosts``.

    Staff must name their own garden among the hosts (default: their garden alone); the
    coordinator plans for any gardens.
    """
    if not permissions.can_create_event(actor):
        raise PermissionDenied
    host_inputs = _hosts(actor, hosts)
    event = Event(status=status, created_by=permissions.person_of(actor))
    apply_fields(event, data, EVENT_FIELDS)
    if event.title and event.starts_at:
        event.ref = ref or new_ref(event.title, event.starts_at)
    _validate(event)
    _check_reservations(event, host_inputs)
    event.save()
    _set_hosts(event, host_inputs)
    event.areas.set(areas or [])
    event.speakers.set(speakers or [])
    audit(
        actor=actor,
        action="event.created",
        obj=event,
        ref=event.ref,
        status=event.status,
        hosts=sorted(h.garden.slug for h in host_inputs),
    )
    return event


def _locked(event: Event) -> Event:
    """The stored row, locked (capacity changes must not race with sign-ups)."""
    return Event.objects.select_for_update().prefetch_related("host_links").get(pk=event.pk)


@transaction.atomic
def event_update(
    *,
    actor,
    event: Event,
    hosts: list | None = None,
    areas: list[CompetenceArea] | None = None,
    speakers: list[Person] | None = None,
    **data,
) -> Event:
    """Change an event; hosts, areas and speakers are replaced when given.

    A published event whose time or place changes e-mails everyone signed up; a raised
    capacity (or changed reservations) offers the freed places to the waitlist.
    """
    event = _locked(event)
    check_manage(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be changed."))
    if hosts is not None and not hosts:
        raise ValidationError({"hosts": _("Choose at least one host garden.")})
    before = {field: getattr(event, field) for field in TIME_AND_PLACE}
    old_capacity = event.capacity
    changed = apply_fields(event, data, EVENT_FIELDS)
    host_inputs = _hosts(actor, hosts) if hosts is not None else _current_hosts(event)
    _validate(event)
    _check_reservations(event, host_inputs)
    if "capacity" in changed:
        _check_capacity_holds_taken(event)
    if changed:
        event.save()
    if hosts is not None and _set_hosts(event, host_inputs):
        changed.append("hosts")
    if areas is not None and _set_m2m(event.areas, areas):
        changed.append("areas")
    if speakers is not None and _set_m2m(event.speakers, speakers):
        changed.append("speakers")
    if not changed:
        return event
    moved = [f for f in TIME_AND_PLACE if getattr(event, f) != before[f]]
    audit(actor=actor, action="event.updated", obj=event, fields=changed, moved=moved)
    if moved and event.status == EventStatus.PUBLISHED:
        _notify(event, "programme/email/event_changed", fields=moved)
    more_room = _more_room(old_capacity, event.capacity) or "hosts" in changed
    if more_room and event.status == EventStatus.PUBLISHED:
        from kollegium.programme.services.waitlist import waitlist_fill

        waitlist_fill(event=event)
    return event


def _check_capacity_holds_taken(event: Event) -> None:
    """Never fewer places than are confirmed or offered (the event row is locked)."""
    if event.capacity is None:
        return
    taken = Registration.objects.filter(
        event=event, status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
    ).count()
    if event.capacity < taken:
        message = _("%(taken)s places are taken already; the capacity cannot be lower.")
        raise ValidationError({"capacity": message % {"taken": taken}})


def _more_room(old: int | None, new: int | None) -> bool:
    return old is not None and (new is None or new > old)


def _current_hosts(event: Event) -> list[HostInput]:
    return [
        HostInput(link.garden, link.reserved_places, link.reserved_until)
        for link in event.host_links.select_related("garden")
    ]


@transaction.atomic
def event_publish(*, actor, event: Event) -> Event:
    """Draft → published: the event shows in the programme and takes sign-ups."""
    event = _locked(event)
    check_manage(actor, event)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    _validate(event)
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action="event.published", obj=event)
    # A published event is public: news for every staff member's activity feed.
    record_activity(
        kind="event_published", text=event.title, url=event.get_absolute_url(), actor=actor
    )
    return event


@transaction.atomic
def event_cancel(*, actor, event: Event, reason: str = "") -> Event:
    """Cancel an event; everyone signed up gets a cancellation notice (with ``reason``).

    The registrations stay as they were, so the participant list and the counts survive.
    """
    event = _locked(event)
    check_manage(actor, event)
    if event.status == EventStatus.CANCELLED:
        raise ValidationError(_("The event is already cancelled."))
    was_published = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    audit(actor=actor, action="event.cancelled", obj=event, reason=reason)
    if was_published:
        _notify(event, "programme/email/event_cancelled", reason=reason)
    return event


@transaction.atomic
def event_copy(*, actor, event: Event, starts_at: datetime.datetime) -> Event:
    """A new draft like ``event`` starting at ``starts_at``: same length, hosts, areas,
    speakers, questions and settings; the registration window and reservations move along."""
    check_manage(actor, event)
    shift = starts_at - event.starts_at
    data = {field: getattr(event, field) for field in EVENT_FIELDS}
    data["starts_at"], data["ends_at"] = starts_at, event.ends_at + shift
    for field in ("registration_opens", "registration_closes"):
        data[field] = data[field] and data[field] + shift
    copy = Event(status=EventStatus.DRAFT, created_by=permissions.person_of(actor), **data)
    copy.ref = new_ref(copy.title, starts_at)
    _validate(copy)
    copy.save()
    links = event.host_links.all()
    EventHost.objects.bulk_create(
        EventHost(
            event=copy,
            garden_id=link.garden_id,
            reserved_places=link.reserved_places,
            reserved_until=link.reserved_until and link.reserved_until + shift,
        )
        for link in links
    )
    copy.areas.set(event.areas.all())
    copy.speakers.set(event.speakers.all())
    Question.objects.bulk_create(
        Question(event=copy, **{f: getattr(q, f) for f in QUESTION_FIELDS})
        for q in event.questions.all()
    )
    audit(actor=actor, action="event.copied", obj=copy, source=event.ref)
    return copy


# --- notices to everyone signed up ------------------------------------------------------------


def live_registrations(event: Event):
    """Everyone holding a place, a place in line or an offer (not cancelled, not anonymised)."""
    return Registration.objects.filter(event=event, status__in=LIVE, anonymised_at__isnull=True)


def _notify(event: Event, template: str, **context) -> None:
    for registration in live_registrations(event).order_by("pk"):
        queue_email(
            to=registration.email,
            template=template,
            language=registration.language,
            context={
                "event": event,
                "registration": registration,
                "event_link": settings.SITE_URL + event.get_absolute_url(),
                "link": settings.SITE_URL + registration.get_absolute_url(),
                "programme_link": settings.SITE_URL + reverse("programme:list"),
                **context,
            },
        )
