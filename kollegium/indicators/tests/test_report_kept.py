"""The report is built once and kept until the data under it changes (report.report_for)."""

import pytest
from django.utils import translation

from kollegium.indicators.report import Period, Scope, build_report, report_for
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

from .dataset import at

YEAR = Period.year(2025)


pytestmark = pytest.mark.usefixtures("kept_pages")


def _figure(report, label):
    table = next(t for _g, t in report.tables() if t.key == "programme_key_figures")
    return next(row.cells[1] for row in table.rows if row.cells[0] == label)


def test_a_second_report_reads_only_the_table_versions(
    dataset, django_assert_max_num_queries, settings
):
    settings.LANGUAGE_CODE = "en"
    report_for(Scope("network"), YEAR)
    with django_assert_max_num_queries(1):
        again = report_for(Scope("network"), YEAR)
    assert _figure(again, "Participants") == 9


def test_a_new_participant_shows_in_the_next_report(dataset, garden_a, settings):
    settings.LANGUAGE_CODE = "en"
    assert _figure(report_for(Scope("network"), YEAR), "Participants") == 9
    event = EventFactory(starts_at=at(2025, 9, 1), hosts=[garden_a], status="published")
    RegistrationFactory(event=event, status="confirmed")

    assert _figure(report_for(Scope("network"), YEAR), "Participants") == 10


def test_each_scope_and_language_keeps_its_own_report(dataset, garden_b, settings):
    settings.LANGUAGE_CODE = "en"
    scope = Scope("garden", (garden_b.pk,), garden=garden_b)
    report_for(Scope("network"), YEAR)
    garden = report_for(scope, YEAR)
    assert garden.scope.kind == "garden"
    assert _figure(garden, "Events held") == _figure(build_report(scope, YEAR), "Events held")
    assert _figure(garden, "Events held") < _figure(
        report_for(Scope("network"), YEAR), "Events held"
    )
    with translation.override("nb"):
        assert report_for(Scope("network"), YEAR).groups[0].title == "Program"
