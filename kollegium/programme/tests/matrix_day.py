"""Garden B's event-day objects for the permission matrices (kollegium/core/tests,
kollegium/api/tests), made on first use: a registration on garden B's published event (engineer
A's ``matrix_events``), and a participant checked in at a past event of garden B, whose
feedback link is public."""

import datetime

from django.utils import timezone

from kollegium.programme.models import EventHost, Registration
from kollegium.programme.tests import matrix_events
from kollegium.programme.tests.factories import EventFactory

REGISTRATION_B_EMAIL = "deltaker@roros.example"


def registration_b_object(cast) -> Registration:
    event = matrix_events.event_b_object(cast)
    registration, _created = Registration.objects.get_or_create(
        event=event,
        email=REGISTRATION_B_EMAIL,
        defaults={"name": "Deltaker Røros", "status": "confirmed", "consent_at": timezone.now()},
    )
    return registration


def registration_b(cast) -> dict:
    """URL kwargs of a participant of garden B's event."""
    registration = registration_b_object(cast)
    return {"ref": registration.event.ref, "pk": registration.pk}


def feedback_b(cast) -> dict:
    """URL kwargs of the feedback link of someone who came to garden B's past event."""
    ends = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(
        ref="matrix-past-event-b", starts_at=ends - datetime.timedelta(hours=2), ends_at=ends
    )
    EventHost.objects.create(event=event, garden=cast["garden_b"])
    registration = Registration.objects.create(
        event=event, name="Deltaker", email="kom@roros.example", status="confirmed", attended=True
    )
    return {"token": registration.token}


def api_world(garden_b) -> dict:
    """Placeholders of the API permission table: {registration_b} is on garden B's event."""
    return {"registration_b": registration_b_object({"garden_b": garden_b}).pk}
