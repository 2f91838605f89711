"""Growth since admission, per company, per garden and for the network."""

import pytest

from kollegium.companies.tests.factories import CompanyGardenFactory
from kollegium.indicators.selectors import MEASURES, Change, growth_totals, programme_growth
from kollegium.indicators.tests.factories import KeyFigureFactory


def _programme_company(garden, since, figures, relation="member"):
    """A programme company of ``garden`` with {year: (revenue, result, wages, employees)}."""
    link = CompanyGardenFactory(garden=garden, programme_year=since, relation=relation)
    for year, (revenue, result, wages, employees) in figures.items():
        KeyFigureFactory(
            company=link.company,
            year=year,
            revenue=revenue,
            operating_result=result,
            wage_costs=wages,
            employees=employees,
        )
    return link.company


def _total(report, garden):
    return next(t for t in report.gardens if t.garden == garden)


def test_it_measures_from_the_admission_year_to_the_latest(garden_a):
    _programme_company(
        garden_a,
        2020,
        {
            2019: (1, 1, 1, 1),  # before admission: not the base
            2020: (1000, 100, 400, 4),
            2021: (1100, 150, 450, 5),
            2023: (1500, 200, 600, 6),
        },
    )

    row = programme_growth().companies[0]

    assert (row.base.year, row.latest.year) == (2020, 2023)
    assert row.changes["revenue"].absolute == 500
    assert row.changes["revenue"].relative == pytest.approx(0.5)
    assert (row.changes["value_creation"].base, row.changes["value_creation"].latest) == (500, 800)
    assert row.changes["employees"].relative == pytest.approx(0.5)


def test_it_starts_at_the_first_year_with_figures_after_admission(garden_a):
    _programme_company(garden_a, 2020, {2022: (200, 0, 0, 2), 2024: (300, 0, 0, 2)})

    row = programme_growth().companies[0]

    assert (row.base.year, row.latest.year) == (2022, 2024)


def test_one_year_of_figures_is_not_yet_growth(garden_a):
    _programme_company(garden_a, 2020, {2021: (200, 0, 0, 2)})

    report = programme_growth()

    assert not report.companies[0].measured
    total = _total(report, garden_a)
    assert (total.companies, total.measured) == (1, 0)
    assert total.changes["revenue"].absolute is None


def test_a_garden_sums_the_bases_and_the_latest_of_companies_with_both(garden_a, garden_b):
    _programme_company(garden_a, 2020, {2020: (1000, 100, 400, 4), 2023: (1500, 200, 600, 6)})
    # No wage costs at the base: counts for revenue but not for value creation.
    _programme_company(garden_a, 2021, {2021: (3000, 50, None, 10), 2023: (2000, 50, 500, 8)})
    _programme_company(garden_b, 2020, {2020: (10, 1, 1, 1), 2021: (20, 1, 1, 1)})

    total = _total(programme_growth(), garden_a)

    assert (total.companies, total.measured) == (2, 2)
    revenue = total.changes["revenue"]
    assert (revenue.base, revenue.latest, revenue.companies) == (4000, 3500, 2)
    assert revenue.relative == pytest.approx(-0.125)
    value_creation = total.changes["value_creation"]
    assert (value_creation.base, value_creation.latest, value_creation.companies) == (500, 800, 1)
    assert total.changes["employees"].absolute == 0


def test_the_network_counts_a_company_once_from_its_first_admission(garden_a, garden_b):
    company = _programme_company(
        garden_a, 2022, {2020: (100, 0, 0, 1), 2022: (150, 0, 0, 1), 2024: (300, 0, 0, 1)}
    )
    CompanyGardenFactory(company=company, garden=garden_b, programme_year=2020)

    report = programme_growth()

    assert report.network.companies == 1
    assert report.network.changes["revenue"].base == 100
    assert _total(report, garden_a).changes["revenue"].base == 150
    assert _total(report, garden_b).changes["revenue"].base == 100
    assert len(report.companies) == 2


def test_it_lists_only_the_chosen_gardens_companies_but_totals_the_network(garden_a, garden_b):
    _programme_company(garden_a, 2020, {2020: (1, 0, 0, 1), 2021: (2, 0, 0, 1)})
    _programme_company(garden_b, 2020, {2020: (1, 0, 0, 1), 2021: (2, 0, 0, 1)})

    report = programme_growth(garden_b)

    assert [row.garden for row in report.companies] == [garden_b]
    assert report.network.companies == 2


def test_companies_that_are_not_programme_companies_do_not_count(garden_a, company_a):
    KeyFigureFactory(company=company_a, year=2020)
    KeyFigureFactory(company=company_a, year=2021)

    report = programme_growth()

    assert report.companies == [] and report.network.companies == 0


def test_relative_growth_needs_a_positive_base():
    change = Change()
    change.add(-100, 50)
    assert (change.absolute, change.relative) == (150, None)
    empty = Change()
    assert (empty.absolute, empty.relative) == (None, None)


def _sums(total):
    changes = total.changes
    return (total.companies, total.measured) + tuple(
        (changes[m].base, changes[m].latest, changes[m].companies) for m in MEASURES
    )


def test_the_report_totals_agree_with_the_company_by_company_growth(garden_a, garden_b):
    """growth_totals (the report's fast path) sums exactly what programme_growth does, for
    each end year: before admission, one year only, gaps, missing figures, two gardens."""
    company = _programme_company(
        garden_a, 2021, {2020: (5, 1, 1, 1), 2021: (10, 2, None, 2), 2024: (40, 3, 4, 5)}
    )
    CompanyGardenFactory(company=company, garden=garden_b, programme_year=2019)
    _programme_company(garden_a, 2023, {2023: (7, 0, 0, 1)})
    _programme_company(garden_b, 2022, {2022: (3, 1, 1, 1), 2023: (6, None, 1, 2)})
    _programme_company(garden_b, 2025, {2025: (1, 1, 1, 1), 2026: (2, 2, 2, 2)})

    years = [2020, 2022, 2023, 2024]
    reports = growth_totals(years)  # several years at once, as the report asks
    for year in years:
        fast = reports[year]
        slow = programme_growth(until_year=year, with_companies=False)
        assert _sums(fast.network) == _sums(slow.network), year
        for garden in (garden_a, garden_b):
            assert _sums(_total(fast, garden)) == _sums(_total(slow, garden)), (year, garden)
