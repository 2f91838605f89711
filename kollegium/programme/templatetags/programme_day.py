"""Template tags of the event day: the cross-garden reach and the hosts' day links, so the
event page (engineer A's) shows them with a one-line include and no extra context."""

from django import template

from kollegium.network import permissions
from kollegium.programme.access_day import host_ids
from kollegium.programme.selectors.reach import EMPTY, Reach, event_reach

register = template.Library()


@register.simple_tag
def reach_of(event) -> Reach:
    """``{% reach_of event as reach %}``: the event's reach (one query; none for a draft)."""
    if event is None or event.status == "draft":
        return EMPTY
    return event_reach(event)


@register.simple_tag(takes_context=True)
def may_run_day(context, event) -> bool:
    """``{% may_run_day event as may %}``: may the visitor open the participants and check-in?"""
    request = context.get("request")
    if request is None or event is None:
        return False
    return permissions.can_run_event_day(request.user, host_ids(event))
