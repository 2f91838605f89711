"""When an event takes sign-ups, and the error that says why not."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kollegium.programme.models import Event, EventStatus


class RegistrationClosed(Exception):
    """Sign-up is not possible for this event now; ``reason`` is a stable code, ``message`` a
    translated sentence for the participant.

    Reasons: "not_published", "cancelled", "not_open_yet", "closed", "past", "full",
    "offer_expired" (from offer_accept).
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j. F Y H:i")


def check_open(event: Event, *, by_staff: bool = False, now=None) -> None:
    """Raise RegistrationClosed unless the event takes sign-ups now.

    Without a closing time registration closes when the event starts. Staff adding someone by
    hand are not held to the window (nor to the event being over): only to it being published.
    """
    now = now or timezone.now()
    if event.status == EventStatus.DRAFT:
        raise RegistrationClosed("not_published", _("This event has not been published."))
    if event.status == EventStatus.CANCELLED:
        raise RegistrationClosed("cancelled", _("This event has been cancelled."))
    if by_staff:
        return
    if now >= event.ends_at:
        raise RegistrationClosed("past", _("This event is over."))
    if event.registration_opens and now < event.registration_opens:
        message = _("Registration opens %(when)s.") % {"when": _when(event.registration_opens)}
        raise RegistrationClosed("not_open_yet", message)
    if now >= (event.registration_closes or event.starts_at):
        raise RegistrationClosed("closed", _("Registration for this event has closed."))


def full_error() -> RegistrationClosed:
    return RegistrationClosed("full", _("This event is full, and it has no waitlist."))
