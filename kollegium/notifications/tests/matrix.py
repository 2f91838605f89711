"""Notifications in the permission matrices: every staff member has their own; one of
charlie's notifications is nobody else's to open (404)."""

from kollegium.api.tests.rules import STAFF
from kollegium.notifications.models import Notification


def notification_of_charlie(cast) -> dict:
    notification = Notification.objects.filter(recipient=cast["charlie"]).first()
    notification = notification or Notification.objects.create(
        recipient=cast["charlie"], kind="referral", text="Hei", url="/referrals/"
    )
    return {"pk": notification.pk}


URLS = {
    "notifications:list": ("staff_read", lambda c: {}),
    # Open: a visitor (or a session that ran out mid-poll) gets the bare label, no count.
    "notifications:bell": ("public", lambda c: {}),
    "notifications:mark_read": ("staff_read", lambda c: {}),
    "notifications:settings": ("staff_read", lambda c: {}),
    "notifications:activity": ("staff_read", lambda c: {}),
    "notifications:open": ("denied", notification_of_charlie),
}

API_TABLE = [
    ("GET", "/notifications", None, STAFF),
    ("GET", "/notifications?unread=true", None, STAFF),
    ("POST", "/notifications/read", {}, STAFF),
    ("POST", "/notifications/read", {"ids": [1, 2]}, STAFF),
]
