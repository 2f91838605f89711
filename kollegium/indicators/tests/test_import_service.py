"""keyfigures_import: every row checked first, every problem reported, all or nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from kollegium.companies.tests.factories import valid_org_number
from kollegium.core.models import AuditEntry
from kollegium.indicators.models import KeyFigure
from kollegium.indicators.services import keyfigures_import
from kollegium.indicators.tests.factories import KeyFigureFactory
from kollegium.indicators.tests.helpers import HEADER, csv_bytes, xlsx_bytes
from kollegium.network.tests.factories import UserFactory

THIS_YEAR = datetime.date.today().year


def _problems(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def test_it_imports_a_csv_written_the_norwegian_way(alice, company_a):
    data = csv_bytes(
        [
            ["orgnr", "År", "Driftsinntekter", "Driftsresultat", "Lønnskostnader", "Ansatte"],
            [company_a.org_number, "2022", "1 234 567", "-12 000", "800000,00", "5"],
            [company_a.org_number, "2023", "1\u00a0500\u00a0000", "100 000", "900 000", "6"],
        ]
    )

    result = keyfigures_import(actor=alice.user, data=data)

    assert result.ok and (result.created, result.updated) == (2, 0)
    first = KeyFigure.objects.get(company=company_a, year=2022)
    assert (first.revenue, first.operating_result, first.wage_costs, first.employees) == (
        1234567,
        -12000,
        800000,
        5,
    )
    assert first.value_creation == 788000
    entries = AuditEntry.objects.filter(action="keyfigure.created").order_by("pk")
    assert [e.data["year"] for e in entries] == [2022, 2023]
    assert entries[0].actor == alice.user


def test_it_imports_an_xlsx_with_numbers_and_text_cells(alice, company_a):
    data = xlsx_bytes(
        [
            ["Organisasjonsnummer", "year", "revenue", "employees", "Navn"],
            [int(company_a.org_number), 2023, 2500000.0, 7, "Orkla Sveis AS"],
            [company_a.org_number, "2024", "2 600 000", None, "Orkla Sveis AS"],
        ]
    )

    result = keyfigures_import(actor=alice.user, data=data)

    assert result.ok, _problems(result)
    assert list(
        KeyFigure.objects.filter(company=company_a).values_list("year", "revenue", "employees")
    ) == [(2024, 2600000, None), (2023, 2500000, 7)]


def test_it_changes_only_the_figures_a_row_has(alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1, employees=9)
    data = csv_bytes([["org_number", "year", "revenue"], [company_a.org_number, 2023, 500]])

    result = keyfigures_import(actor=alice.user, data=data)

    assert (result.created, result.updated) == (0, 1)
    figure = KeyFigure.objects.get(company=company_a, year=2023)
    assert (figure.revenue, figure.employees) == (500, 9)
    assert AuditEntry.objects.get(action="keyfigure.updated").data["fields"] == ["revenue"]


def test_it_counts_rows_that_change_nothing(alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=500)
    data = csv_bytes([["org_number", "year", "revenue"], [company_a.org_number, 2023, 500]])

    result = keyfigures_import(actor=alice.user, data=data)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert not AuditEntry.objects.exists()


def test_it_reports_every_bad_row_and_imports_nothing(alice, company_a, company_b):
    unknown = valid_org_number(4242)
    data = csv_bytes(
        [
            HEADER,
            [company_a.org_number, 2022, "1 000 000", "", "", ""],  # good, but not imported
            [unknown, 2022, "1000", "", "", ""],
            [company_b.org_number, 2022, "1000", "", "", ""],
            [company_a.org_number, 2023, "mye", "", "", ""],
            [company_a.org_number, 1850, "1000", "", "", ""],
            [company_a.org_number, 2022, "2000", "", "", ""],
            [company_a.org_number, 2021, "-5", "", "", "2,5"],
            ["123", 2021, "5", "", "", ""],
            [company_a.org_number, 2020, "", "", "", ""],
            ["", "", "", "", "", ""],  # blank rows are skipped
            [company_a.org_number, THIS_YEAR + 1, "5", "", "", ""],
        ]
    )

    with translation.override("en"):
        result = keyfigures_import(actor=alice.user, data=data)

    assert not result.ok
    assert [(row, column) for row, column, _message in _problems(result)] == [
        (3, "org_number"),
        (4, "org_number"),
        (5, "revenue"),
        (6, "year"),
        (7, "year"),
        (8, "revenue"),
        (8, "employees"),
        (9, "org_number"),
        (10, ""),
        (12, "year"),
    ]
    messages = {(row, column): message for row, column, message in _problems(result)}
    assert messages[(3, "org_number")] == (
        f"No company with organisation number {unknown} is registered."
    )
    assert messages[(4, "org_number")] == (
        f"Røros Mat AS ({company_b.org_number}) is not a company your garden serves."
    )
    assert messages[(5, "revenue")].startswith("“mye” is not a number.")
    assert messages[(6, "year")] == f"The year must be between 1990 and {THIS_YEAR}."
    assert messages[(7, "year")] == (
        f"Organisation number {company_a.org_number} and year 2022 are already in row 2."
    )
    assert messages[(8, "revenue")] == "This figure cannot be negative."
    assert messages[(8, "employees")] == "Enter a whole number."
    assert messages[(9, "org_number")] == "An organisation number has exactly 9 digits."
    assert messages[(10, "")] == "The row has no figures."
    assert KeyFigure.objects.count() == 0
    assert not AuditEntry.objects.exists()


def test_it_names_the_column_as_the_file_writes_it(alice, company_b):
    data = csv_bytes([["Orgnr", "ÅR", "Driftsinntekter"], [company_b.org_number, 2022, "x"]])

    result = keyfigures_import(actor=alice.user, data=data)

    assert [(row, column) for row, column, _m in _problems(result)] == [(2, "Driftsinntekter")]


def test_it_refuses_a_file_without_the_columns_it_needs(alice):
    data = csv_bytes([["navn", "omsetningen"], ["Orkla", "5"]])

    result = keyfigures_import(actor=alice.user, data=data)

    columns = [(row, column) for row, column, _m in _problems(result)]
    assert columns == [(1, "omsetningen"), (1, ""), (1, ""), (1, "")]


def test_it_refuses_a_column_named_twice(alice):
    data = csv_bytes([["orgnr", "org_number", "year", "revenue"]])

    result = keyfigures_import(actor=alice.user, data=data)

    assert [(e.row, e.column) for e in result.errors] == [(1, "org_number")]


def test_it_reads_comma_and_tab_separated_files_and_windows_1252(alice, company_a):
    rows = [["orgnr", "år", "lønnskostnader"], [company_a.org_number, 2023, "12 000"]]
    for delimiter, encoding in [(",", "utf-8"), ("\t", "utf-8"), (";", "cp1252")]:
        KeyFigure.objects.all().delete()
        result = keyfigures_import(actor=alice.user, data=csv_bytes(rows, delimiter, encoding))
        assert result.ok, (delimiter, encoding, _problems(result))
        assert KeyFigure.objects.get().wage_costs == 12000


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary", "CSV or XLSX"),
        (b"PK\x03\x04not really a zip", "XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (b"x" * (5 * 1024 * 1024 + 1), "5 MB"),
    ],
)
def test_it_refuses_files_that_are_not_csv_or_xlsx(alice, data, words):
    with translation.override("en"):
        result = keyfigures_import(actor=alice.user, data=data)

    assert len(result.errors) == 1
    assert result.errors[0].row is None
    assert words in result.errors[0].message


def test_it_refuses_a_zip_that_is_not_a_workbook(alice):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    result = keyfigures_import(actor=alice.user, data=out.getvalue())

    assert len(result.errors) == 1 and result.errors[0].row is None


def test_the_operator_imports_for_any_company(olga, company_a, company_b):
    data = csv_bytes(
        [
            ["orgnr", "år", "ansatte"],
            [company_a.org_number, 2023, 3],
            [company_b.org_number, 2023, 4],
        ]
    )

    assert keyfigures_import(actor=olga, data=data).created == 2


def test_people_without_a_garden_may_not_import(db, company_a):
    outsider = UserFactory()
    data = csv_bytes([HEADER, [company_a.org_number, 2023, 1, 1, 1, 1]])

    with pytest.raises(PermissionDenied):
        keyfigures_import(actor=outsider, data=data)
    assert not KeyFigure.objects.exists()


def test_it_writes_nothing_when_a_year_appears_meanwhile(alice, company_a, monkeypatch):
    from kollegium.indicators import services

    def existing_missed(rows, companies):
        # As if another request recorded 2023 after the file was checked.
        KeyFigureFactory(company=company_a, year=2023, revenue=7)
        return {}

    monkeypatch.setattr(services, "_existing", existing_missed)
    data = csv_bytes(
        [
            ["orgnr", "år", "ansatte"],
            [company_a.org_number, 2022, 3],
            [company_a.org_number, 2023, 4],
        ]
    )

    result = keyfigures_import(actor=alice.user, data=data)

    assert not result.ok and result.errors[0].row is None
    assert not KeyFigure.objects.filter(year=2022).exists()
