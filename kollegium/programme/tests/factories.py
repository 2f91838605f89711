"""Test data for the programme: events, their hosts and registrations (used by every part).

``EventFactory(hosts=[garden])`` creates the host links; without ``hosts`` an event has none.
Times default to a published breakfast meeting a week from now, two hours long.
"""

import datetime

import factory
from django.utils import timezone

from kollegium.programme.models import (
    Event,
    EventHost,
    EventStatus,
    Format,
    Registration,
    RegistrationStatus,
)


def in_days(days: float, hour: int = 8) -> datetime.datetime:
    """A moment ``days`` from today at ``hour`` o'clock local time (negative: in the past)."""
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    ref = factory.Sequence(lambda n: f"arrangement-{n}")
    title = factory.Sequence(lambda n: f"Frokostmøte {n}")
    format = Format.BREAKFAST
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue = "Kystens hus"
    address = "Kaia 1, 7240 Hitra"
    status = EventStatus.PUBLISHED

    @factory.post_generation
    def hosts(obj, create, extracted, **kwargs):
        for garden in extracted or []:
            EventHost.objects.create(event=obj, garden=garden)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if extracted:
            obj.areas.set(extracted)


class EventHostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventHost

    event = factory.SubFactory(EventFactory)
    garden = factory.SubFactory("kollegium.network.tests.factories.GardenFactory")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place; ``status=RegistrationStatus.WAITLISTED`` puts it in line."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deltaker {n} Nordmann")
    email = factory.Sequence(lambda n: f"deltaker{n}@bedrift.example")
    status = RegistrationStatus.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    queued_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == RegistrationStatus.WAITLISTED else None
    )


class QuestionFactory(factory.django.DjangoModelFactory):
    """An extra sign-up question (short text unless ``kind``/``choices`` say otherwise)."""

    class Meta:
        model = "programme.Question"

    event = factory.SubFactory(EventFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Spørsmål {n}")
