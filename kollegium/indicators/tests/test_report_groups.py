"""Every indicator on the hand-made network of dataset.py, with numbers counted by hand."""

import pytest
from django.utils import translation

from kollegium.indicators.report import Period, Scope, build_report

YEAR = Period.year(2025)
NETWORK = Scope("network")


def _table(report, key) -> dict:
    """First cell -> (the other cells, their previous values)."""
    for _group, table in report.tables():
        if table.key == key:
            return {
                row.cells[0]: (row.cells[1:], (row.previous or [None])[1:]) for row in table.rows
            }
    raise AssertionError(f"no table {key}")


def _values(report, key) -> dict:
    return {label: cells[0] for label, (cells, _previous) in _table(report, key).items()}


def _previous(report, key) -> dict:
    return {label: previous[0] for label, (_cells, previous) in _table(report, key).items()}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def network(dataset):
    return build_report(NETWORK, YEAR)


def test_it_counts_the_programme_of_the_network(network):
    figures = _values(network, "programme_key_figures")
    assert figures == {
        "Events held": 4,  # e1, e2, e3, e5: not the cancelled e4, not the draft e7
        "Events cancelled": 1,
        "Co-hosted events": 2,  # e2 and e3, the same two gardens twice
        "Participants": 9,  # e1 3 checked in, e2 2 confirmed, e3 2 checked in, e5 2
        "Unique companies reached": 4,  # ca1, ca2, cb1, cx (the walk-in has none)
        "Participants from other gardens' companies (%)": 22.2,  # cb1 at e1, ca1 at e5
        "Fill rate (%)": 66.7,  # 8 confirmed of 12 places (e1 4, e3 6, e5 2)
        "Left on the waitlist": 3,  # never promoted: 1 at e1, 2 at e5
        "Waitlist pressure (share of capacity, %)": 25.0,
        "No-show rate (%)": 14.3,  # 1 of 7 confirmed at events using check-in, walk-ins aside
        "Average feedback (1-5)": 3.33,  # 5, 3, 2; the cancelled event's 1 does not count
    }


def test_it_puts_the_previous_period_beside(network):
    before = _previous(network, "programme_key_figures")
    assert before["Events held"] == 1 and before["Participants"] == 1
    assert before["Fill rate (%)"] == 20.0  # 1 of 5
    assert before["No-show rate (%)"] is None  # nobody was checked in at e6
    assert before["Unique companies reached"] == 1


def test_it_counts_events_and_feedback_by_format(network):
    by_format = _table(network, "programme_by_format")
    assert by_format["Breakfast meeting"][0] == [1, 0, 3]
    assert by_format["Workshop"][0] == [2, 2, 4]
    assert by_format["KompetanseForum"][0] == [1, 0, 2]
    assert by_format["Breakfast meeting"][1] == [1, 0, 1]  # e6 in 2024
    feedback = _table(network, "programme_feedback_format")
    assert feedback["Breakfast meeting"][0] == [2, 4.0]
    assert feedback["KompetanseForum"][0] == [1, 2.0]
    areas = _table(network, "programme_feedback_area")
    assert areas["Finansiering"][0] == [3, 3.33]  # e1 (5, 3) and e5 (2)
    assert areas["Eksport"][0] == [1, 2.0]


def test_a_gardens_programme_counts_the_events_it_hosts(dataset, garden_a):
    report = build_report(Scope("garden", (garden_a.pk,), garden=garden_a), YEAR)
    figures = _values(report, "programme_key_figures")
    assert figures["Events held"] == 3  # e1, e2, e3
    assert figures["Co-hosted events"] == 2
    assert figures["Participants"] == 7
    assert figures["Unique companies reached"] == 4
    assert figures["Participants from other gardens' companies (%)"] == 14.3  # cb1 at e1
    assert figures["Fill rate (%)"] == 60.0  # 6 of 10
    assert figures["Waitlist pressure (share of capacity, %)"] == 10.0
    assert figures["No-show rate (%)"] == 20.0  # 1 of 5


def test_it_counts_the_methods(network):
    stages = _table(network, "methods_by_stage")
    assert stages["Development"] == ([1], [0])  # m1: moved in March 2025
    assert stages["Systematisation"] == ([0], [1])  # m1 at the end of 2024
    assert stages["Collection"] == ([1], [1])  # m3 moved only in 2026
    assert stages["Shared"] == ([1], [0])  # m2, created in 2025
    figures = _table(network, "methods_key_figures")
    assert figures["Stage moves"] == ([1], [1])
    assert figures["Pilots started"] == ([2], [1])
    assert figures["Pilots evaluated"] == ([2], [0])
    assert figures["Average pilot rating (1-5)"] == ([3.0], [None])
    assert figures["Pilots recommending: Adopt"] == ([1], [0])
    assert figures["Pilots recommending: Revise"] == ([1], [0])
    assert figures["Adoptions"] == ([2], [1])
    assert figures["Methods shared with the network"] == ([1], [0])
    adoptions = _table(network, "methods_adoptions_by_garden")
    assert adoptions["Næringshagen i Orkdalsregionen"] == ([1], [0])
    assert adoptions["Hitra"] == ([0], [1])


def test_it_counts_the_companies(network):
    figures = _table(network, "companies_key_figures")
    # ca1 and ca2 (counted once for two gardens); cb1 only from 2026.
    assert figures["Companies served at the end of the period"] == ([2], [2])
    assert figures["Member companies"] == ([2], [1])
    assert figures["Clients"] == ([1], [1])
    assert figures["Companies related in the period"] == ([1], [0])
    assert figures["Needs recorded"] == ([3], [0])
    assert figures["Of these, met"] == ([1], [0])
    municipalities = {
        label: cells for label, (cells, _p) in _table(network, "companies_by_municipality").items()
    }
    assert municipalities == {"Orkland": [1, 2, 1], "Røros - Rossen": [1, 1, 0]}
    sections = _table(network, "companies_by_section")
    assert sum(cells[0] for cells, _p in sections.values()) == 2
    assert sum(cells[1] for cells, _p in sections.values()) == 3


def test_a_garden_counts_needs_of_the_companies_it_serves(dataset, garden_b):
    report = build_report(Scope("garden", (garden_b.pk,), garden=garden_b), YEAR)
    figures = _values(report, "companies_key_figures")
    assert figures["Companies served at the end of the period"] == 1  # ca2
    assert figures["Needs recorded"] == 1


def test_it_measures_growth_since_admission(network):
    growth = _table(network, "growth_programme_companies")
    cells, previous = growth["The network"]
    assert cells[:3] == [1, 1, 100.0]  # 1 000 000 in 2020 -> 2 000 000 in 2025
    assert previous[:3] == [1, 1, 50.0]  # -> 1 500 000 in 2024
    assert growth["Næringshagen i Orkdalsregionen"][0][2] == 100.0


def test_it_marks_thin_competence_areas(network):
    table = next(t for _g, t in network.tables() if t.key == "competence_coverage")
    rows = {row.cells[0]: row for row in table.rows}
    # Finansiering: 1 need; sign-ups 5 at e1 and 4 at e5; staff: one Solid, one Expert.
    assert rows["Finansiering"].cells == ["Finansiering", 1, 9, 0, 1, 1]
    assert not rows["Finansiering"].flag
    # Eksport: 1 need, 4 sign-ups at e5, only Some experience: thin.
    assert rows["Eksport"].cells == ["Eksport", 1, 4, 1, 0, 0]
    assert rows["Eksport"].flag


def test_periods_and_their_previous():
    assert Period.year(2025).previous() == Period.year(2024)
    assert Period.semester(2025, 1).previous() == Period.semester(2024, 2)
    assert Period.semester(2025, 2).previous() == Period.semester(2025, 1)
    import datetime as dt

    custom = Period(dt.date(2025, 3, 1), dt.date(2025, 3, 10))
    assert custom.previous() == Period(dt.date(2025, 2, 19), dt.date(2025, 2, 28))


def test_a_project_counts_its_linked_events_and_methods(dataset, garden_a, garden_b):
    from kollegium.collaboration.tests.factories import ProjectFactory
    from kollegium.methods.models import Method

    e1, e5 = dataset["events"][0], dataset["events"][4]
    project = ProjectFactory(gardens=[garden_a, garden_b])
    project.events.set([e1, e5])
    project.methods.set(Method.objects.filter(owner=garden_b))  # m2
    scope = Scope("project", (garden_a.pk, garden_b.pk), project=project)

    report = build_report(scope, YEAR)

    figures = _values(report, "programme_key_figures")
    assert figures["Events held"] == 2 and figures["Participants"] == 5
    methods = _table(report, "methods_key_figures")
    assert methods["Pilots started"] == ([1], [0])  # m2's pilot by garden B
    assert methods["Methods shared with the network"] == ([1], [0])
    assert (
        _values(report, "companies_key_figures")["Companies served at the end of the period"] == 2
    )


def test_project_staff_and_the_coordinator_see_a_project(signed_in, alice, charlie, cora, garden_a):
    from django.urls import reverse

    from kollegium.collaboration.tests.factories import ProjectFactory

    project = ProjectFactory(gardens=[garden_a])
    url = reverse("indicators:report")
    assert signed_in(alice).get(url, {"project": project.slug}).status_code == 200
    assert signed_in(cora).get(url, {"project": project.slug}).status_code == 200
    assert signed_in(charlie).get(url, {"project": project.slug}).status_code == 403
    assert signed_in(charlie).get(url, {"project": "finnes-ikke"}).status_code == 404
