"""E-mails to a participant about their own registration, in the language they signed up in.

Rendered now and sent by the task worker once the transaction commits (core.mail.queue_email),
so no e-mail leaves for a sign-up that rolled back and no sign-up waits for the mail server.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from kollegium.core.mail import queue_email
from kollegium.programme.models import Registration, RegistrationStatus

TEMPLATES = "programme/email/signup_"


def _context(registration: Registration, **extra) -> dict:
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "link": settings.SITE_URL + registration.get_absolute_url(),
        "event_link": settings.SITE_URL + event.get_absolute_url(),
        "privacy_link": settings.SITE_URL + reverse("programme:privacy"),
        **extra,
    }


def _ics(registration: Registration) -> list[tuple[str, str, str]]:
    """The event as a calendar file, so "add to calendar" is one tap in the mail app."""
    from kollegium.programme.ical import event_ics

    event = registration.event
    # The .ics is rendered in the participant's language (its summary says "Cancelled: …").
    with translation.override(registration.language):
        body = event_ics(event).decode()
    return [(f"{event.ref}.ics", body, "text/calendar")]


def _send(registration: Registration, kind: str, *, ics: bool = False, **extra) -> None:
    queue_email(
        to=registration.email,
        template=TEMPLATES + kind,
        context=_context(registration, **extra),
        language=registration.language,
        attachments=_ics(registration) if ics else None,
    )


def confirmed(registration: Registration) -> None:
    """Your place is confirmed (with the event as an .ics attachment)."""
    _send(registration, "confirmed", ics=True)


def waitlisted(registration: Registration, position: int | None) -> None:
    """You are on the waitlist, number ``position`` in line."""
    _send(registration, "waitlisted", position=position)


def promoted(registration: Registration) -> None:
    """A place freed and is yours now (with the .ics)."""
    _send(registration, "promoted", ics=True)


def offered(registration: Registration) -> None:
    """A place freed: accept it through the link before ``offer_expires_at``."""
    _send(registration, "offered")


def offer_expired(registration: Registration) -> None:
    _send(registration, "offer_expired")


def cancelled(registration: Registration, *, by_staff: bool = False) -> None:
    _send(registration, "cancelled", by_staff=by_staff)


def reminder(registration: Registration) -> None:
    """The day before: time, place and the link to cancel if plans changed (with the .ics)."""
    _send(registration, "reminder", ics=True)


def current_state(registration: Registration, position: int | None) -> None:
    """Again what the registration stands at (someone signed up twice with one address)."""
    if registration.status == RegistrationStatus.CONFIRMED:
        confirmed(registration)
    elif registration.status == RegistrationStatus.OFFERED:
        offered(registration)
    else:
        waitlisted(registration, position)
