"""API of notifications: my notifications, and marking them read."""

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.pagination import LimitOffset
from kollegium.network import permissions
from kollegium.notifications import selectors, services
from kollegium.notifications.models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime.datetime
    read_at: datetime.datetime | None


class ReadIn(Schema):
    model_config = ConfigDict(extra="forbid")
    ids: list[int] | None = Field(None, description="Omit to mark all read")


class ReadOut(Schema):
    marked: int
    unread: int


@router.get("/notifications", response=list[NotificationOut])
@paginate(LimitOffset)
def notification_list(request, unread: bool = False):
    """My notifications, newest first (the operator has none)."""
    person = permissions.person_of(require_staff(request))
    if person is None:
        return Notification.objects.none()
    rows = selectors.notifications_for(person)
    return rows.filter(read_at__isnull=True) if unread else rows


@router.post("/notifications/read", response=ReadOut)
def notification_mark_read(request, payload: ReadIn):
    person = permissions.person_of(require_staff(request))
    if person is None:
        return {"marked": 0, "unread": 0}
    marked = services.mark_read(person=person, pks=payload.ids)
    return {"marked": marked, "unread": selectors.unread_count(person)}
