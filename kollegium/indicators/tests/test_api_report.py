"""The indicator report in the API: the staff report, its errors, and the open public subset."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kollegium.api.tests.helpers import error_of

from .test_views_report import _grow


def _table(body, key):
    for group in body["groups"]:
        for table in group["tables"]:
            if table["key"] == key:
                return table
    raise AssertionError(key)


def test_it_answers_the_report_with_the_previous_period(settings, api, alice, dataset):
    settings.LANGUAGE_CODE = "en"  # the API speaks the default language without Accept-Language
    body = api.get("/indicators/report?year=2025", who=alice).json()

    assert body["scope"] == "network" and body["garden"] is None
    assert body["period"] == {"start": "2025-01-01", "end": "2025-12-31", "label": "2025"}
    assert body["previous"]["label"] == "2024"
    table = _table(body, "programme_key_figures")
    held = next(row for row in table["rows"] if row["cells"][0] == "Events held")
    assert held["cells"][1] == 4 and held["previous"][1] == 1
    assert table["columns"][1]["compare"] is True


def test_a_garden_is_for_its_own_staff(api, alice, charlie, garden_b, dataset):
    assert api.get(f"/indicators/report?garden={garden_b.slug}", who=alice).status_code == 403
    body = api.get(f"/indicators/report?garden={garden_b.slug}", who=charlie).json()
    assert body["scope"] == "garden" and body["garden"] == garden_b.slug


def test_a_bad_period_is_a_structured_error(api, alice, db):
    response = api.get(
        "/indicators/report?period=custom&start=2025-05-01&end=2025-01-01", who=alice
    )
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"
    unknown = api.get("/indicators/report?garden=finnes-ikke", who=alice)
    assert unknown.status_code == 422
    assert "garden" in error_of(unknown)["fields"]


def test_the_public_figures_are_open_and_name_no_company(api, dataset):
    response = api.get("/indicators/public?year=2025")

    assert response.status_code == 200
    text = response.content.decode()
    for name in ("Alfa AS", "Beta AS", "Gamma AS", "Delta AS"):
        assert name not in text
    keys = {t["key"] for g in response.json()["groups"] for t in g["tables"]}
    assert "programme_key_figures" in keys and "companies_by_municipality" not in keys


def _count(api, path, who=None) -> int:
    cache.clear()  # the public figures are cached (public.py): count a computed answer
    with CaptureQueriesContext(connection) as queries:
        assert api.get(path, who=who).status_code == 200
    return len(queries)


def test_it_keeps_a_fixed_number_of_queries(api, cora, garden_a, garden_b):
    for path, who in (
        ("/indicators/report?year=2025", cora),
        ("/indicators/public?year=2025", None),
    ):
        api.get(path, who=who)
    _grow(garden_a, garden_b, 10, 0)
    few = [
        _count(api, "/indicators/report?year=2025", cora),
        _count(api, "/indicators/public?year=2025"),
    ]
    _grow(garden_a, garden_b, 190, 10)
    many = [
        _count(api, "/indicators/report?year=2025", cora),
        _count(api, "/indicators/public?year=2025"),
    ]
    assert few == many
