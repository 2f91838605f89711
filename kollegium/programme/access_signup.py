"""Access to a registration by its unguessable link (no account: the token is the key)."""

from django.http import Http404

from kollegium.programme.models import Event, EventStatus, Registration


def get_registration_by_token(token: str) -> Registration | None:
    """The registration the link belongs to, or None for an unknown, mistyped or retired
    link (erasing personal data gives the registration a new token nobody knows)."""
    if not token or len(token) > 64:
        return None
    return (
        Registration.objects.select_related("event", "company")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )


def get_event_for_signup(ref: str) -> Event:
    """The event to sign up for, read lean (the sign-up path is the hot path under load).

    A draft answers 404 as it does everywhere for the public: sign-up only ever takes
    published events, so nobody needs to learn that a draft exists from here.
    """
    event = Event.objects.filter(ref=ref).exclude(status=EventStatus.DRAFT).first()
    if event is None:
        raise Http404
    return event
