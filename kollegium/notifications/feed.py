"""The activity feed's sentences, rendered in the reader's language at display time."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from kollegium.notifications.models import Activity, ActivityKind


def _stage_label(value: str) -> str:
    from kollegium.methods.models import Stage

    try:
        return str(Stage(value).label)
    except ValueError:
        return value


def _sentence(item: Activity) -> str:
    p = {"title": item.text, **item.params}
    if item.kind == ActivityKind.EVENT_PUBLISHED:
        return _("New event published: %(title)s") % p
    if item.kind == ActivityKind.METHOD_STAGE:
        return _("The method “%(title)s” moved to the stage %(stage)s") % {
            **p,
            "stage": _stage_label(p.get("stage", "")),
        }
    if item.kind == ActivityKind.METHOD_SHARED:
        return _("The method “%(title)s” is now shared") % p
    if item.kind == ActivityKind.SESSION_MINUTES:
        return _("Minutes from the work session “%(title)s”") % p
    if item.kind == ActivityKind.REFERRAL_COMPLETED:
        return _("%(title)s (%(garden)s) helped %(from_garden)s with a referral") % {
            "garden": "",
            "from_garden": "",
            **p,
        }
    return item.text


@dataclass(frozen=True)
class FeedItem:
    kind: str
    text: str
    url: str
    actor: str
    at: datetime


def render_items(items) -> list[FeedItem]:
    return [
        FeedItem(
            kind=item.kind,
            text=_sentence(item),
            url=item.url,
            actor=item.actor_name,
            at=item.created_at,
        )
        for item in items
    ]
