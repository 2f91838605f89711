"""The participant list exported as CSV and XLSX."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kollegium.programme.models import Question, RegistrationStatus
from kollegium.programme.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def event(garden_a, company_b):
    event = EventFactory(hosts=[garden_a], ref="frokost-om-ki")
    question = Question.objects.create(event=event, label="Allergier?")
    RegistrationFactory(
        event=event,
        name="Kari Nordmann",
        email="kari@bedrift.example",
        company=company_b,
        answers={str(question.pk): "Nøtter"},
        attended=True,
    )
    RegistrationFactory(
        event=event,
        name='=HYPERLINK("http://evil.example")',
        email="x@example.no",
        status=RegistrationStatus.WAITLISTED,
    )
    return event


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_it_exports_the_participants_as_csv(signed_in, alice, event, garden_b):
    response = signed_in(alice).get(reverse("programme:day_export_csv", args=[event.ref]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="frokost-om-ki-participants-' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    head, kari, other = _csv_rows(response)
    assert head[:7] == [
        "Name",
        "E-mail",
        "Phone",
        "Company",
        "Organisation number",
        "Gardens",
        "Status",
    ]
    assert head[-1] == "Allergier?"
    assert kari[:6] == [
        "Kari Nordmann",
        "kari@bedrift.example",
        "",
        "Røros Mat AS",
        event.registrations.get(name="Kari Nordmann").company.org_number,
        garden_b.name,
    ]
    assert kari[-1] == "Nøtter"
    assert other[6:8] == ["On the waitlist", "1"]


def test_it_defuses_formulas_typed_into_the_sign_up_form(signed_in, alice, event):
    response = signed_in(alice).get(reverse("programme:day_export_csv", args=[event.ref]))

    names = [row[0] for row in _csv_rows(response)[1:]]
    assert '\'=HYPERLINK("http://evil.example")' in names


def test_it_exports_the_participants_as_xlsx(signed_in, alice, event):
    response = signed_in(alice).get(reverse("programme:day_export_xlsx", args=[event.ref]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name" and rows[0][-1] == "Allergier?"
    assert rows[1][0] == "Kari Nordmann" and rows[1][-1] == "Nøtter"
    assert rows[2][0].startswith("'=")
    assert len(rows) == 3


def test_other_gardens_staff_cannot_export(signed_in, charlie, event):
    client = signed_in(charlie)

    for name in ("programme:day_export_csv", "programme:day_export_xlsx"):
        response = client.get(reverse(name, args=[event.ref]))
        assert response.status_code == 403
        assert b"Kari" not in response.content


def test_it_keeps_a_fixed_number_of_queries(signed_in, alice, event):
    client = signed_in(alice)
    url = reverse("programme:day_export_csv", args=[event.ref])
    RegistrationFactory.create_batch(8, event=event)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    RegistrationFactory.create_batch(190, event=event)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(_csv_rows(response)) == 201
    assert len(many) == len(few)
