"""The indicator report's pages and exports: scope and period, access, charts with tables,
XLSX and CSV, the printable annual report and the public figures."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import CompanyGardenFactory, NeedFactory
from kollegium.programme.models import Feedback
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

from .dataset import at

REPORT = reverse("indicators:report")
YEAR_2025 = {"period": "year", "year": "2025"}


def test_it_shows_every_group_with_the_previous_period(signed_in, alice, dataset):
    response = signed_in(alice).get(REPORT, YEAR_2025)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    keys = [item["group"].key for item in response.context["groups"]]
    for key in ("programme", "methods", "companies", "growth", "competence"):
        assert key in keys
    assert "<svg" in html and 'role="img"' in html
    # Each chart has its numbers in a table beside it, and each figure its previous value.
    charts = sum(len(item["charts"]) for item in response.context["groups"])
    assert charts >= 5 and html.count('<figure class="k-chart-pair">') == charts
    assert 'class="k-prev"' in html
    assert response.context["report"].previous.label == "2024"


def test_it_chooses_a_semester_and_custom_dates(signed_in, alice, dataset):
    client = signed_in(alice)
    semester = client.get(REPORT, {"period": "semester", "year": "2025", "half": "2"})
    assert semester.context["report"].period.label in ("Autumn 2025", "Høst 2025", "Haust 2025")
    custom = client.get(REPORT, {"period": "custom", "start": "2025-03-01", "end": "2025-03-31"})
    period = custom.context["report"].period
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-03-01", "2025-03-31")


def test_a_bad_custom_period_says_why(signed_in, alice, db):
    response = signed_in(alice).get(
        REPORT, {"period": "custom", "start": "2025-05-01", "end": "2025-04-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_staff_see_their_own_garden_but_not_anothers(signed_in, alice, garden_a, garden_b, db):
    client = signed_in(alice)
    assert client.get(REPORT, {"garden": garden_a.slug}).status_code == 200
    assert client.get(REPORT, {"garden": garden_b.slug}).status_code == 403
    assert (
        client.get(reverse("indicators:report_xlsx"), {"garden": garden_b.slug}).status_code == 403
    )


def test_the_coordinator_sees_every_garden(signed_in, cora, garden_b, db):
    response = signed_in(cora).get(REPORT, {"garden": garden_b.slug})
    assert response.status_code == 200
    assert response.context["report"].scope.garden == garden_b


def test_it_exports_every_table_to_xlsx(signed_in, alice, dataset):
    from openpyxl import load_workbook

    response = signed_in(alice).get(reverse("indicators:report_xlsx"), YEAR_2025)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    tables = list(_tables(signed_in(alice)))
    assert len(workbook.worksheets) == 1 + len(tables)
    sheet = workbook.worksheets[1]
    assert sheet["A1"].font.bold
    assert sheet["B1"].value.endswith("(2025)") and sheet["C1"].value.endswith("(2024)")


def _tables(client):
    return client.get(REPORT, YEAR_2025).context["report"].tables()


def test_it_exports_one_table_to_csv(signed_in, alice, dataset):
    url = reverse("indicators:report_csv", args=["programme_by_format"])
    response = signed_in(alice).get(url, {**YEAR_2025})

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) == 7  # format, then three figures beside their previous values
    assert rows[0][1].endswith("(2025)") and rows[0][2].endswith("(2024)")
    workshop = next(row for row in rows if row[1:3] == ["2", "0"])
    assert workshop[3:5] == ["2", "0"]  # co-hosted: e2 and e3
    assert (
        signed_in(alice).get(reverse("indicators:report_csv", args=["no_such_table"])).status_code
        == 404
    )


def test_the_annual_report_prints_on_a4(signed_in, bob, dataset):
    response = signed_in(bob).get(reverse("indicators:annual"), {"year": "2025"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "indicators/report.css" in html
    assert "window.print()" in html
    assert response.context["report"].period.kind == "year"


def test_the_annual_report_of_a_semester_covers_its_year(signed_in, bob, dataset):
    response = signed_in(bob).get(
        reverse("indicators:annual"), {"period": "semester", "year": "2025", "half": "1"}
    )
    assert response.context["report"].period.label == "2025"


def test_the_public_figures_name_no_company_and_no_person(client, dataset, alice):
    response = client.get(reverse("indicators:public"), {"year": "2025"})

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Alfa AS", "Beta AS", "Gamma AS", "Delta AS", alice.user.name, "Deltaker 1 "):
        assert name not in html
    tables = [t for item in response.context["groups"] for t in item["group"].tables]
    assert tables and all(t.public for t in tables)
    assert "companies_by_municipality" not in [t.key for t in tables]


def _grow(garden_a, garden_b, count: int, offset: int) -> None:
    """``count`` events of garden A in 2025, each with a participant of a garden B company,
    feedback and a need."""
    for index in range(count):
        event = EventFactory(
            ref=f"vekst-{offset + index}",
            starts_at=at(2025, 1 + index % 12, 1 + index % 28),
            ends_at=at(2025, 1 + index % 12, 1 + index % 28).replace(hour=12),
            hosts=[garden_a],
            capacity=10,
        )
        relation = CompanyGardenFactory(garden=garden_b)
        registration = RegistrationFactory(event=event, company=relation.company, attended=True)
        Feedback.objects.create(registration=registration, rating=4)
        NeedFactory(company=relation.company)


def _count(client, url, params=None) -> int:
    cache.clear()  # the public figures are cached (public.py): count a computed page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [REPORT, reverse("indicators:annual"), reverse("indicators:report_xlsx")],
)
def test_it_keeps_a_fixed_number_of_queries(signed_in, cora, garden_a, garden_b, url):
    client = signed_in(cora)
    client.get(url, YEAR_2025)
    _grow(garden_a, garden_b, 10, 0)
    few = _count(client, url, YEAR_2025)
    _grow(garden_a, garden_b, 190, 10)
    assert _count(client, url, YEAR_2025) == few


def test_the_public_page_keeps_a_fixed_number_of_queries(client, garden_a, garden_b):
    url = reverse("indicators:public")
    client.get(url, {"year": "2025"})
    _grow(garden_a, garden_b, 10, 0)
    few = _count(client, url, {"year": "2025"})
    _grow(garden_a, garden_b, 190, 10)
    assert _count(client, url, {"year": "2025"}) == few


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(REPORT)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_public_figures_are_cached_per_year(client, dataset):
    url = reverse("indicators:public")
    cache.clear()
    first = _count(client, url, {"year": "2025"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"year": "2025"})
    assert again.status_code == 200
    assert len(queries) < first  # the report is not built again
    assert not any("programme_registration" in q["sql"] for q in queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"year": "2024"}).status_code == 200
    assert any("programme_registration" in q["sql"] for q in queries)
