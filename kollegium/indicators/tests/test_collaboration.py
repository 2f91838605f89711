"""Collaboration indicators on a small hand-made network, every number counted by hand.

Period under test: 2025 (previous: 2024). Gardens A (Orkdal: alice, bob, cora), B (Røros:
charlie, diana) and C (Hitra: erik).

Work sessions: s1 held 2025-03-10 (alice and charlie came, diana did not: across gardens);
s2 held 2025-05-05 (alice and bob came); s3 cancelled 2025-06-01 (charlie invited); s4 planned
2025-09-01 (never marked held); s5 held 2024-04-01 (bob came).

Actions due in 2025: a1 alice, due 20 March, done 20 March 23:30 Oslo time (22:30 UTC: on
time); a2 charlie, due 1 April, done 2 April 00:30 Oslo time (still 1 April in UTC: late);
a3 bob, due 1 June, open (overdue); a4 diana, cancelled (not counted); a5 alice, done, no due
date (not counted); a7 alice, due 1 February, done 15 January (on time). a6 charlie, due
2024-10-01, done 2024-09-30 (previous period, on time).

Referrals: r1 A→B asked 2025-02-01, accepted 02-03, completed 03-01 (helped, 3.5 h); r2 A→B
asked 04-01, declined 04-02; r3 B→A asked 05-01, accepted 05-02; r4 within garden A asked
06-01, accepted 06-02, completed 06-20 (not helped, 1 h); r5 B→C asked 12-20, pending; r6 A→C
asked 2024-11-01, accepted 2024-11-02, completed 2025-01-10 (helped, 2 h).

Events: e1 published 2025-03-01 by A and B; e2 published 2025-09-01 by A, B and C; e3
cancelled 2025-04-01 by A and B; e4 published 2025 by A alone; e5 published 2024 by B and C.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kollegium.collaboration.models import Invitation, SessionStatus
from kollegium.collaboration.tests.factories import (
    ActionItemFactory,
    ProjectFactory,
    WorkSessionFactory,
)
from kollegium.indicators.collaboration import (
    action_figures,
    collaboration_group,
    map_links,
    referral_figures,
    referrals_between,
    session_figures,
)
from kollegium.indicators.report import Period, Scope
from kollegium.network.models import Role
from kollegium.network.tests.factories import GardenFactory, PersonFactory, UserFactory
from kollegium.programme.models import EventStatus
from kollegium.programme.tests.factories import EventFactory
from kollegium.referrals.models import Status
from kollegium.referrals.tests.factories import ReferralFactory

YEAR, BEFORE = Period.year(2025), Period.year(2024)


def at(year, month, day, hour=10, minute=0) -> dt.datetime:
    """An instant in Norwegian time."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, minute))


def _session(when, status, invited, project=None):
    session = WorkSessionFactory(
        starts_at=when, ends_at=when + dt.timedelta(hours=3), status=status, project=project
    )
    for person, answer in invited:
        Invitation.objects.create(session=session, person=person, answer=answer)
    return session


def _action(session, owner, due, status="open", done_at=None):
    return ActionItemFactory(
        session=session, owner=owner, due_on=due, status=status, done_at=done_at
    )


def _referral(sender, helper, asked, status, answered=None, completed=None, **outcome):
    return ReferralFactory(
        from_person=sender,
        to_person=helper,
        created_at=asked,
        status=status,
        answered_at=answered,
        completed_at=completed,
        **outcome,
    )


def build(garden_a, garden_b, alice, bob, charlie, diana) -> dict:
    garden_c = GardenFactory(slug="hitra", name="Trøndersk Kystkompetanse")
    erik = PersonFactory(
        garden=garden_c, role=Role.ADVISOR, user=UserFactory(email="erik@hitra.example")
    )
    project = ProjectFactory(slug="innomidt", gardens=[garden_a, garden_b])
    held, cancelled = SessionStatus.HELD, SessionStatus.CANCELLED
    s1 = _session(
        at(2025, 3, 10),
        held,
        [(alice, "coming"), (charlie, "coming"), (diana, "not_coming")],
        project=project,
    )
    _session(at(2025, 5, 5), held, [(alice, "coming"), (bob, "coming")])
    _session(at(2025, 6, 1), cancelled, [(charlie, "pending")])
    _session(at(2025, 9, 1), SessionStatus.PLANNED, [(erik, "coming")])
    _session(at(2024, 4, 1), held, [(bob, "coming")])

    _action(s1, alice, dt.date(2025, 3, 20), "done", at(2025, 3, 20, 23, 30))
    _action(s1, charlie, dt.date(2025, 4, 1), "done", at(2025, 4, 2, 0, 30))
    _action(s1, bob, dt.date(2025, 6, 1))
    _action(s1, diana, dt.date(2025, 7, 1), "cancelled")
    _action(s1, alice, None, "done", at(2025, 8, 1))
    _action(s1, charlie, dt.date(2024, 10, 1), "done", at(2024, 9, 30))
    _action(s1, alice, dt.date(2025, 2, 1), "done", at(2025, 1, 15))

    done = Status.COMPLETED
    _referral(
        alice, charlie, at(2025, 2, 1), done, at(2025, 2, 3), at(2025, 3, 1),
        helped=True, hours_spent=Decimal("3.5"),
    )  # fmt: skip
    _referral(bob, charlie, at(2025, 4, 1), Status.DECLINED, at(2025, 4, 2))
    _referral(charlie, alice, at(2025, 5, 1), Status.ACCEPTED, at(2025, 5, 2))
    _referral(
        alice, bob, at(2025, 6, 1), done, at(2025, 6, 2), at(2025, 6, 20),
        helped=False, hours_spent=Decimal("1"),
    )  # fmt: skip
    _referral(diana, erik, at(2025, 12, 20), Status.PENDING)
    _referral(
        alice, erik, at(2024, 11, 1), done, at(2024, 11, 2), at(2025, 1, 10),
        helped=True, hours_spent=Decimal("2"),
    )  # fmt: skip

    e1 = EventFactory(ref="e1", starts_at=at(2025, 3, 1), hosts=[garden_a, garden_b])
    EventFactory(ref="e2", starts_at=at(2025, 9, 1), hosts=[garden_a, garden_b, garden_c])
    EventFactory(
        ref="e3", starts_at=at(2025, 4, 1), hosts=[garden_a, garden_b], status=EventStatus.CANCELLED
    )
    EventFactory(ref="e4", starts_at=at(2025, 10, 1), hosts=[garden_a])
    EventFactory(ref="e5", starts_at=at(2024, 10, 1), hosts=[garden_b, garden_c])
    project.events.add(e1)
    return {"garden_c": garden_c, "erik": erik, "project": project}


@pytest.fixture
def network(garden_a, garden_b, alice, bob, cora, charlie, diana):
    return build(garden_a, garden_b, alice, bob, charlie, diana)


def _garden(garden) -> Scope:
    return Scope("garden", (garden.pk,), garden=garden)


def test_it_counts_work_sessions_held_apart_from_cancelled_ones(network, garden_a, garden_b):
    assert session_figures(Scope(), YEAR) == {"held": 2, "across": 1, "cancelled": 1, "staff": 4}
    assert session_figures(Scope(), BEFORE) == {"held": 1, "across": 0, "cancelled": 0, "staff": 1}
    assert session_figures(_garden(garden_b), YEAR) == {
        "held": 1,
        "across": 1,
        "cancelled": 1,
        "staff": 2,
    }
    assert session_figures(_garden(network["garden_c"]), YEAR)["held"] == 0


def test_it_tells_actions_done_on_time_from_late_ones_by_the_norwegian_date(network, garden_b):
    assert action_figures(Scope(), YEAR) == {
        "due": 4,
        "on_time": 2,
        "late": 1,
        "overdue": 1,
        "open": 0,
    }
    assert action_figures(Scope(), BEFORE) == {
        "due": 1,
        "on_time": 1,
        "late": 0,
        "overdue": 0,
        "open": 0,
    }
    # Diana's cancelled action does not count; Charlie's done after midnight is late.
    assert action_figures(_garden(garden_b), YEAR)["due"] == 1
    assert action_figures(_garden(garden_b), YEAR)["late"] == 1


def test_it_counts_referrals_made_accepted_declined_and_completed(network, garden_a):
    assert referral_figures(Scope(), YEAR) == {
        "made": 5,
        "across": 4,
        "accepted": 3,
        "declined": 1,
        "completed": 3,
        "helped": 2,
        "hours": 6.5,
    }
    assert referral_figures(Scope(), BEFORE) == {
        "made": 1,
        "across": 1,
        "accepted": 1,
        "declined": 0,
        "completed": 0,
        "helped": 0,
        "hours": None,
    }
    # Garden C asked nobody and was asked by B (pending) and A (completed in 2025).
    assert referral_figures(_garden(network["garden_c"]), YEAR) == {
        "made": 1,
        "across": 1,
        "accepted": 0,
        "declined": 0,
        "completed": 1,
        "helped": 1,
        "hours": 2.0,
    }


def test_it_shows_referrals_between_gardens_but_not_within_one(network, garden_a, garden_b):
    c = network["garden_c"]
    between = referrals_between(Scope(), YEAR)

    assert between == {
        (garden_a.pk, garden_b.pk): [2, 1, 1],
        (garden_b.pk, garden_a.pk): [1, 1, 0],
        (garden_b.pk, c.pk): [1, 0, 0],
        (garden_a.pk, c.pk): [0, 0, 1],
    }
    assert referrals_between(Scope(), BEFORE) == {(garden_a.pk, c.pk): [1, 1, 0]}


def test_the_map_weighs_co_hosted_events_and_referrals_not_declined(network, garden_a, garden_b):
    c = network["garden_c"]

    links = [(ln.a, ln.b, ln.events, ln.referrals) for ln in map_links(Scope(), YEAR)]
    of_c = [(ln.a, ln.b, ln.weight) for ln in map_links(_garden(c), YEAR)]

    # A–B: e1 and e2, r1 and r3 (r2 was declined, e3 cancelled); B–C: e2 and r5; A–C: e2 only
    # (r6 was asked in 2024). r4 stayed within garden A.
    assert links == [
        (garden_a.pk, garden_b.pk, 2, 2),
        (garden_b.pk, c.pk, 1, 1),
        (garden_a.pk, c.pk, 1, 0),
    ]
    assert of_c == [(garden_b.pk, c.pk, 2), (garden_a.pk, c.pk, 1)]
    # 2024: A–C by r6, B–C by e5 (equal weights: by garden).
    assert [(ln.events, ln.referrals) for ln in map_links(Scope(), BEFORE)] == [(0, 1), (1, 0)]


def test_a_project_counts_its_own_sessions_events_and_its_gardens_referrals(
    network, garden_a, garden_b
):
    project = network["project"]
    scope = Scope("project", (garden_a.pk, garden_b.pk), project=project)

    links = [(ln.a, ln.b, ln.events, ln.referrals) for ln in map_links(scope, YEAR)]

    assert session_figures(scope, YEAR)["held"] == 1
    assert action_figures(scope, YEAR)["due"] == 4
    assert links == [(garden_a.pk, garden_b.pk, 1, 2)]
    # Referrals have no project: those of its gardens count (r5, B to C, too), but the map
    # links only the project's gardens.
    assert referral_figures(scope, YEAR)["made"] == 5


def _rows(group, key):
    table = next(t for t in group.tables if t.key == key)
    return [(row.cells, row.previous) for row in table.rows]


def test_the_group_lays_out_the_tables_with_the_previous_period(
    settings, network, garden_a, garden_b
):
    settings.LANGUAGE_CODE = "en"
    group = collaboration_group(Scope(), YEAR, BEFORE)

    summary = dict(
        (cells[0], (cells[1], previous[1]))
        for cells, previous in _rows(group, "collaboration_summary")
    )
    assert summary["Work sessions held"] == (2, 1)
    assert summary["Actions done on time, per cent"] == (50.0, 100.0)
    assert summary["Referrals declined"] == (1, 0)
    assert summary["Hours spent on completed referrals"] == (6.5, None)
    assert _rows(group, "collaboration_referrals_between")[:2] == [
        (
            ["Næringshagen i Orkdalsregionen", "Rørosregionen Næringshage", 2, 1, 1],
            [None, None, 0, 0, 0],
        ),
        (
            ["Næringshagen i Orkdalsregionen", "Trøndersk Kystkompetanse", 0, 0, 1],
            [None, None, 1, 1, 0],
        ),
    ]
    assert [cells for cells, _previous in _rows(group, "collaboration_links")] == [
        ["Næringshagen i Orkdalsregionen", "Rørosregionen Næringshage", 2, 2, 4],
        ["Rørosregionen Næringshage", "Trøndersk Kystkompetanse", 1, 1, 2],
        ["Næringshagen i Orkdalsregionen", "Trøndersk Kystkompetanse", 1, 0, 1],
    ]
    assert group.chart.series[0].values == [2, 2, 5, 3]
    assert len(group.collaboration_map.nodes) == 3
    assert all(isinstance(t.public, bool) and t.public for t in group.tables)


def test_the_group_costs_the_same_queries_for_a_small_and_a_large_network(
    network, garden_a, garden_b, alice, charlie, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        collaboration_group(Scope(), YEAR, BEFORE)
    session = _session(at(2025, 2, 2), SessionStatus.HELD, [(alice, "coming")])
    for n in range(190):
        _action(session, alice, dt.date(2025, 3, 1), "done", at(2025, 3, 1))
        _referral(alice, charlie, at(2025, 3, 1 + n % 20), Status.PENDING)
        EventFactory(ref=f"x{n}", starts_at=at(2025, 4, 1), hosts=[garden_a, garden_b])
    with CaptureQueriesContext(connection) as large:
        collaboration_group(Scope(), YEAR, BEFORE)

    assert len(large) == len(small)
