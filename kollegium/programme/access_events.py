"""Object access for events: return the event (or question) or raise 404 / 403.

Published and cancelled events are public. A draft is known only to those who manage it
(staff of a host garden and the coordinator): anyone else gets 404. An event someone may see
but not manage answers 403 to its management pages.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from kollegium.network import permissions
from kollegium.programme.models import Event, Question
from kollegium.programme.selectors.events import events_with_details


def host_garden_ids(event: Event) -> set[int]:
    """The host gardens' ids, from the prefetched host links when loaded."""
    return {link.garden_id for link in event.host_links.all()}


def can_manage(user, event: Event) -> bool:
    return permissions.can_manage_event(user, host_garden_ids(event))


def can_see_participants(user, event: Event) -> bool:
    return permissions.can_see_participants(user, host_garden_ids(event))


def get_event_for_view(user, ref: str) -> Event:
    """A published or cancelled event for anyone; a draft only for those who manage it."""
    event = get_object_or_404(events_with_details(), ref=ref)
    if not permissions.can_see_event(user, event, host_garden_ids(event)):
        raise Http404
    return event


def get_event_for_manage(user, ref: str) -> Event:
    """An event the user manages; one they may only see answers 403, a draft of others 404."""
    event = get_event_for_view(user, ref)
    if not can_manage(user, event):
        raise PermissionDenied
    return event


def get_question_for_manage(user, ref: str, pk: int) -> Question:
    """A sign-up question of an event the user manages (403/404 as for the event)."""
    event = get_event_for_manage(user, ref)
    question = get_object_or_404(Question, event=event, pk=pk)
    question.event = event
    return question
