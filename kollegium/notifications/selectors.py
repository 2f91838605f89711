"""Reads for notifications and the activity feed."""

from django.db.models import Q, QuerySet

from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.notifications.models import (
    DEFAULT_DELIVERY,
    Activity,
    Kind,
    Notification,
    NotificationSetting,
)


def unread_count(person: Person) -> int:
    """The bell's number: one query."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def notifications_for(person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=person).select_related("actor")


def settings_for(person: Person) -> dict[str, str]:
    """Delivery per kind, defaults filled in (one query)."""
    chosen = dict(NotificationSetting.objects.filter(person=person).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


def visible_activity(user) -> QuerySet[Activity]:
    """Feed items the user may see: network-wide ones, and their garden's (all for the
    coordinator and the operator)."""
    items = Activity.objects.order_by("-created_at", "-pk")
    if permissions.is_coordinator(user):
        return items
    person = permissions.person_of(user)
    if person is None:
        return items.none()
    # A subquery, not a join, so an item for several gardens appears once.
    mine = Activity.gardens.through.objects.filter(garden_id=person.garden_id)
    return items.filter(Q(all_staff=True) | Q(pk__in=mine.values("activity_id")))
