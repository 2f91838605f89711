"""Garden B's events for the permission matrices (kollegium/core/tests, kollegium/api/tests),
made on first use: a published event hosted by garden B alone, with one sign-up question."""

from kollegium.programme.models import Event, EventHost, EventStatus, Format, Question
from kollegium.programme.tests.factories import in_days

EVENT_B_REF = "matrix-event-b"


def event_b_object(cast) -> Event:
    event, created = Event.objects.get_or_create(
        ref=EVENT_B_REF,
        defaults={
            "title": "Garden B's breakfast meeting",
            "format": Format.BREAKFAST,
            "starts_at": in_days(14),
            "ends_at": in_days(14, hour=10),
            "venue": "Røros",
            "capacity": 20,
            "status": EventStatus.PUBLISHED,
        },
    )
    if created:
        EventHost.objects.create(event=event, garden=cast["garden_b"])
        Question.objects.create(event=event, label="Allergier?")
    return event


def event_b(cast) -> dict:
    """URL kwargs of garden B's published event."""
    return {"ref": event_b_object(cast).ref}


def question_b(cast) -> dict:
    event = event_b_object(cast)
    return {"ref": event.ref, "pk": event.questions.get().pk}


def api_world(garden_b) -> dict:
    """Placeholders of the API permission table: {event_b} is garden B's published event."""
    return {"event_b": event_b_object({"garden_b": garden_b}).ref}
