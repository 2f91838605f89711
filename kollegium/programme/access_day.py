"""Object access for the event day and feedback: return the object or raise 404 / 403.

A draft event is not known to those who may not manage it (404); a published or cancelled
event is public, so refusing its participant list or check-in answers 403. A registration of
another event, or an anonymised one, answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from kollegium.network import permissions
from kollegium.programme.models import Event, EventHost, Registration


def host_ids(event: Event) -> set[int]:
    """The host gardens' ids, from the host links prefetched by ``_event``."""
    return {link.garden_id for link in event.host_links.all()}


def _event(ref: str) -> Event:
    links = EventHost.objects.select_related("garden").order_by("garden__name")
    events = Event.objects.prefetch_related(Prefetch("host_links", queryset=links))
    return get_object_or_404(events, ref=ref)


def _refuse(user, event: Event) -> None:
    if not permissions.can_see_event(user, event, host_ids(event)):
        raise Http404
    raise PermissionDenied


def get_event_for_reach(user, ref: str) -> Event:
    """An event whose reach the user may read: any event they may see (drafts: 404)."""
    event = _event(ref)
    if not permissions.can_see_event(user, event, host_ids(event)):
        raise Http404
    return event


def get_event_to_run(user, ref: str) -> Event:
    """An event whose participants, check-in and exports the user may handle."""
    event = _event(ref)
    if not permissions.can_run_event_day(user, host_ids(event)):
        _refuse(user, event)
    return event


def get_event_feedback(user, ref: str) -> Event:
    """An event whose feedback (with comments) the user may read."""
    event = _event(ref)
    if not permissions.can_see_event_feedback(user, host_ids(event)):
        _refuse(user, event)
    return event


def get_registration_of(event: Event, pk: int) -> Registration:
    """A registration of this event that still has its personal data; else 404."""
    registration = get_object_or_404(
        Registration.objects.select_related("company"),
        event=event,
        pk=pk,
        anonymised_at__isnull=True,
    )
    registration.event = event
    return registration


def get_registration_by_feedback_link(token: str) -> Registration | None:
    """The registration behind a feedback link, or None for a tampered or unknown link."""
    if not token or len(token) > 64:
        return None
    return (
        Registration.objects.select_related("event")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )
