"""The key-figure and programme endpoints of /api/v1."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.helpers import error_of
from kollegium.companies.tests.factories import CompanyGardenFactory
from kollegium.core.models import AuditEntry
from kollegium.indicators.models import KeyFigure
from kollegium.indicators.tests.factories import KeyFigureFactory


def _path(company, year=None):
    base = f"/companies/{company.org_number}/key-figures"
    return base if year is None else f"{base}/{year}"


def test_it_lists_a_companys_years_with_value_creation(api, charlie, company_a):
    KeyFigureFactory(company=company_a, year=2022, operating_result=-100, wage_costs=400)
    KeyFigureFactory(company=company_a, year=2023, wage_costs=None)

    body = api.get(_path(company_a), who=charlie).json()

    assert [row["year"] for row in body] == [2023, 2022]
    assert body[1]["value_creation"] == 300
    assert body[0]["value_creation"] is None


def test_it_records_a_year(api, alice, company_a):
    response = api.post(
        _path(company_a), {"year": 2023, "revenue": 5_000_000, "employees": 3}, who=alice
    )

    assert response.status_code == 201
    assert response.json()["revenue"] == 5_000_000
    assert KeyFigure.objects.get(company=company_a, year=2023).employees == 3
    assert AuditEntry.objects.filter(action="keyfigure.created").count() == 1


def test_posting_a_recorded_year_is_a_conflict(api, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1)

    response = api.post(_path(company_a), {"year": 2023, "revenue": 2}, who=alice)

    assert response.status_code == 409
    assert "year" in error_of(response)["fields"]
    assert KeyFigure.objects.get().revenue == 1


def test_put_sets_every_figure_of_the_year(api, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1, employees=9)

    response = api.request("PUT", _path(company_a, 2023), alice, {"revenue": 2})

    assert response.status_code == 200
    figure = KeyFigure.objects.get()
    assert (figure.revenue, figure.employees) == (2, None)
    assert AuditEntry.objects.get(action="keyfigure.updated").data["year"] == 2023


def test_put_creates_a_missing_year(api, alice, company_a):
    response = api.request("PUT", _path(company_a, 2021), alice, {"employees": 2})

    assert response.status_code == 200
    assert KeyFigure.objects.get().year == 2021


def test_it_refuses_bad_figures_with_the_error_shape(api, alice, company_a):
    negative = api.request("PUT", _path(company_a, 2021), alice, {"revenue": -1})
    empty = api.request("PUT", _path(company_a, 2021), alice, {})
    early = api.post(_path(company_a), {"year": 1900, "revenue": 1}, who=alice)

    assert list(error_of(negative)["fields"]) == ["revenue"]
    assert empty.status_code == 422 and error_of(empty)["code"] == "validation_error"
    assert "year" in error_of(early)["fields"]
    assert not KeyFigure.objects.exists()


def test_it_deletes_a_year(api, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023)

    response = api.request("DELETE", _path(company_a, 2023), alice)

    assert response.status_code == 204
    assert not KeyFigure.objects.exists()
    assert AuditEntry.objects.filter(action="keyfigure.deleted").exists()


def test_deleting_an_unrecorded_year_answers_404(api, alice, company_a):
    assert api.request("DELETE", _path(company_a, 2001), alice).status_code == 404


def _programme_company(garden, base, latest, since=2020):
    company = CompanyGardenFactory(garden=garden, programme_year=since).company
    KeyFigureFactory(company=company, year=since, revenue=base, employees=2)
    KeyFigureFactory(company=company, year=since + 2, revenue=latest, employees=3)
    return company


def test_it_reports_programme_growth(api, alice, garden_a, garden_b):
    company = _programme_company(garden_a, 1000, 1250)
    _programme_company(garden_b, 1000, 1000)

    body = api.get("/indicators/programme", who=alice).json()

    assert body["garden"] is None
    assert body["network"]["revenue"] == {
        "base": 2000,
        "latest": 2250,
        "change": 250,
        "relative": 0.125,
        "companies": 2,
    }
    by_garden = {total["garden"]: total for total in body["gardens"]}
    assert by_garden[garden_a.slug]["revenue"]["relative"] == 0.25
    assert by_garden[garden_a.slug]["employees"]["change"] == 1
    row = next(row for row in body["companies"] if row["org_number"] == company.org_number)
    assert (row["garden"], row["base_year"], row["latest_year"]) == (garden_a.slug, 2020, 2022)


def test_it_narrows_the_report_to_a_garden(api, alice, garden_a, garden_b):
    _programme_company(garden_a, 1, 2)
    _programme_company(garden_b, 1, 2)

    body = api.get(f"/indicators/programme?garden={garden_b.slug}", who=alice).json()

    assert [total["garden"] for total in body["gardens"]] == [garden_b.slug]
    assert {row["garden"] for row in body["companies"]} == {garden_b.slug}
    assert body["network"]["companies"] == 2


def test_an_unknown_garden_is_a_422(api, alice):
    response = api.get("/indicators/programme?garden=finnes-ikke", who=alice)
    assert error_of(response)["fields"] == {"garden": [response.json()["error"]["message"]]}


def test_the_report_keeps_a_fixed_number_of_queries(api, alice, garden_a):
    api.get("/indicators/programme", who=alice)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/indicators/programme", who=alice).status_code == 200
        return len(queries)

    for _ in range(10):
        _programme_company(garden_a, 1, 2)
    few = count()
    for _ in range(190):
        _programme_company(garden_a, 1, 2)
    assert count() == few
