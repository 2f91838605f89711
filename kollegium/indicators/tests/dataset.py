"""A small hand-made network for the report's tests: every number is counted by hand in
test_report_groups.py. Period under test: 2025 (previous: 2024).

Companies: ca1 (garden A, member since 2020, programme company 2020), ca2 (A member since
2025-02-01 and B client without a date: related to two gardens), cb1 (B, client from 2026:
not served in 2025), cx (no garden).
Events: e1 breakfast by A (capacity 4, check-in used: 3 came, 1 no-show, 1 left on the
waitlist, 1 cancelled registration); e2 and e3 workshops co-hosted by A and B (the same pair
twice; e2 without check-in or capacity, e3 with a walk-in); e4 cancelled; e5 forum by B
(capacity 2, 2 left on the waitlist); e6 in 2024; e7 a draft.
"""

import datetime as dt

from django.utils import timezone

from kollegium.companies.models import Need
from kollegium.companies.tests.factories import CompanyFactory, CompanyGardenFactory, NeedFactory
from kollegium.indicators.tests.factories import KeyFigureFactory
from kollegium.methods.models import Method, Stage, StageMove
from kollegium.methods.tests.factories import AdoptionFactory, MethodFactory, PilotFactory
from kollegium.network.tests.factories import (
    CompetenceAreaFactory,
    CompetenceFactory,
    GardenFactory,
)
from kollegium.programme.models import EventStatus, Feedback, RegistrationStatus
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


def at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 10))


def _event(
    ref, when, hosts, fmt="breakfast", capacity=None, status=EventStatus.PUBLISHED, areas=()
):
    return EventFactory(
        ref=ref,
        starts_at=when,
        ends_at=when + dt.timedelta(hours=2),
        hosts=hosts,
        format=fmt,
        capacity=capacity,
        status=status,
        areas=list(areas),
    )


def _reg(event, company=None, status=CONFIRMED, attended=False, walk_in=False, rating=None):
    registration = RegistrationFactory(
        event=event, company=company, status=status, attended=attended, walk_in=walk_in
    )
    if rating:
        Feedback.objects.create(registration=registration, rating=rating)
    return registration


def build(garden_a, garden_b, alice, bob, charlie) -> dict:
    garden_c = GardenFactory(slug="hitra", name="Hitra")
    fin = CompetenceAreaFactory(slug="fin", name="Finansiering")
    eks = CompetenceAreaFactory(slug="eks", name="Eksport")
    CompetenceFactory(person=alice, area=fin, level=3)
    CompetenceFactory(person=charlie, area=fin, level=2)
    CompetenceFactory(person=bob, area=eks, level=1)

    ca1 = CompanyFactory(name="Alfa AS", municipality="5059")
    ca2 = CompanyFactory(name="Beta AS", municipality="5025")
    cb1 = CompanyFactory(name="Gamma AS", municipality="5025")
    cx = CompanyFactory(name="Delta AS", municipality="5059")
    CompanyGardenFactory(
        company=ca1, garden=garden_a, since=dt.date(2020, 1, 1), programme_year=2020
    )
    CompanyGardenFactory(company=ca2, garden=garden_a, since=dt.date(2025, 2, 1))
    CompanyGardenFactory(company=ca2, garden=garden_b, relation="client", since=None)
    CompanyGardenFactory(
        company=cb1, garden=garden_b, relation="client", since=dt.date(2026, 1, 10)
    )
    KeyFigureFactory(company=ca1, year=2020, revenue=1_000_000)
    KeyFigureFactory(company=ca1, year=2024, revenue=1_500_000)
    KeyFigureFactory(company=ca1, year=2025, revenue=2_000_000)

    e1 = _event("e1", at(2025, 3, 10), [garden_a], capacity=4, areas=[fin])
    _reg(e1, ca1, attended=True, rating=5)
    _reg(e1, cb1, attended=True, rating=3)
    _reg(e1, ca2)  # confirmed, never came
    _reg(e1, cx, attended=True)
    _reg(e1, cb1, status=WAITLISTED)  # never promoted
    _reg(e1, ca1, status=RegistrationStatus.CANCELLED)
    e2 = _event("e2", at(2025, 9, 1), [garden_a, garden_b], fmt="workshop")
    _reg(e2, ca2)
    _reg(e2, cb1)
    e3 = _event("e3", at(2025, 10, 1), [garden_a, garden_b], fmt="workshop", capacity=6)
    _reg(e3, ca1, attended=True)
    _reg(e3, None, attended=True, walk_in=True)
    e4 = _event("e4", at(2025, 5, 1), [garden_a], status=EventStatus.CANCELLED, capacity=10)
    _reg(e4, ca1, rating=1)
    e5 = _event("e5", at(2025, 4, 1), [garden_b], fmt="forum", capacity=2, areas=[fin, eks])
    _reg(e5, ca1, attended=True, rating=2)
    _reg(e5, cb1, attended=True)
    _reg(e5, cx, status=WAITLISTED)
    _reg(e5, ca2, status=WAITLISTED)
    e6 = _event("e6", at(2024, 6, 1), [garden_a], capacity=5)
    _reg(e6, ca1)
    e7 = _event("e7", at(2025, 6, 1), [garden_a], status=EventStatus.DRAFT)
    _reg(e7, ca1, attended=True)

    need1 = NeedFactory(company=ca1, status="met")
    need1.areas.set([fin])
    need2 = NeedFactory(company=ca2)
    need2.areas.set([eks])
    need3 = NeedFactory(company=cx)
    Need.objects.filter(pk__in=[need1.pk, need2.pk, need3.pk]).update(created_at=at(2025, 2, 1))

    m1 = MethodFactory(owner=garden_a, stage=Stage.DEVELOPMENT, created_at=at(2024, 1, 1))
    StageMove.objects.create(
        method=m1, from_stage="collection", to_stage="systematisation", at=at(2024, 6, 1)
    )
    StageMove.objects.create(
        method=m1, from_stage="systematisation", to_stage="development", at=at(2025, 3, 1)
    )
    m2 = MethodFactory(owner=garden_b, stage=Stage.SHARED, created_at=at(2025, 2, 1))
    Method.objects.filter(pk=m2.pk).update(shared_at=at(2025, 5, 1))
    m3 = MethodFactory(owner=garden_a, stage=Stage.SYSTEMATISATION, created_at=at(2023, 1, 1))
    StageMove.objects.create(
        method=m3, from_stage="collection", to_stage="systematisation", at=at(2026, 1, 5)
    )
    PilotFactory(
        method=m1,
        garden=garden_a,
        starts_on=dt.date(2025, 1, 15),
        rating=4,
        recommendation="adopt",
        evaluated_on=dt.date(2025, 3, 10),
    )
    PilotFactory(
        method=m2,
        garden=garden_b,
        starts_on=dt.date(2025, 2, 1),
        rating=2,
        recommendation="revise",
        evaluated_on=dt.date(2025, 6, 1),
    )
    PilotFactory(method=m1, garden=garden_b, starts_on=dt.date(2024, 5, 1))
    AdoptionFactory(method=m2, garden=garden_a, adopted_on=dt.date(2025, 4, 1))
    AdoptionFactory(method=m1, garden=garden_b, adopted_on=dt.date(2025, 7, 1))
    AdoptionFactory(method=m1, garden=garden_c, adopted_on=dt.date(2024, 3, 1))
    return {"fin": fin, "eks": eks, "garden_c": garden_c, "events": [e1, e2, e3, e4, e5, e6, e7]}
