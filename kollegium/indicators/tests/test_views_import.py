"""The import page: upload, a list of every problem, or a summary; and the templates."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kollegium.indicators.models import KeyFigure
from kollegium.indicators.tests.helpers import HEADER, csv_bytes, xlsx_bytes

URL = reverse("indicators:import")


def _upload(data: bytes, name="nokkeltall.csv"):
    return {"file": SimpleUploadedFile(name, data)}


def test_it_imports_an_uploaded_file_and_says_how_it_went(signed_in, alice, company_a):
    data = csv_bytes([HEADER, [company_a.org_number, 2023, "1 000 000", "", "", "4"]])
    client = signed_in(alice)

    response = client.post(URL, _upload(data))

    assert response.status_code == 302
    assert KeyFigure.objects.get(company=company_a).revenue == 1_000_000
    page = client.get(response.url).content.decode()
    assert "1" in page and 'class="ds-alert"' in page


def test_it_lists_every_bad_row_and_imports_nothing(signed_in, alice, company_a, company_b):
    data = csv_bytes(
        [
            HEADER,
            [company_a.org_number, 2023, "1 000", "", "", ""],
            [company_b.org_number, 2023, "1 000", "", "", ""],
            [company_a.org_number, 2022, "tusen", "", "", ""],
        ]
    )

    response = signed_in(alice).post(URL, _upload(data))

    assert response.status_code == 400
    errors = response.context["result"].errors
    assert [(e.row, e.column) for e in errors] == [(3, "org_number"), (4, "revenue")]
    html = response.content.decode()
    assert "<td>3</td>" in html and "<td>4</td>" in html
    assert "tusen" in html
    assert not KeyFigure.objects.exists()


def test_it_refuses_a_file_over_5_mb_before_reading_it(signed_in, alice):
    response = signed_in(alice).post(URL, _upload(b"x" * (5 * 1024 * 1024 + 1)))

    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    assert response.context["result"] is None


def test_it_refuses_a_file_that_is_not_csv_or_xlsx(signed_in, alice):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

    response = signed_in(alice).post(URL, _upload(png, "bilde.csv"))

    assert response.status_code == 400
    [error] = response.context["result"].errors
    assert error.row is None


def test_it_offers_the_templates(signed_in, alice):
    html = signed_in(alice).get(URL).content.decode()
    assert reverse("indicators:template_csv") in html
    assert reverse("indicators:template_xlsx") in html
    assert 'enctype="multipart/form-data"' in html


def test_the_csv_template_opens_in_norwegian_excel(signed_in, alice):
    response = signed_in(alice).get(reverse("indicators:template_csv"))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8") == "\ufeff" + ";".join(HEADER) + "\r\n"


def test_the_xlsx_template_has_the_columns_and_imports_once_filled_in(signed_in, alice, company_a):
    from openpyxl import load_workbook

    client = signed_in(alice)
    template = client.get(reverse("indicators:template_xlsx")).content
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert len(workbook.worksheets) == 2

    sheet.append([company_a.org_number, 2024, 10, -5, 20, 1])
    filled = io.BytesIO()
    workbook.save(filled)
    response = client.post(URL, _upload(filled.getvalue(), "fylt.xlsx"))

    assert response.status_code == 302
    assert KeyFigure.objects.get().value_creation == 15


def test_an_xlsx_with_bad_rows_is_reported_by_row(signed_in, alice, company_a):
    data = xlsx_bytes([HEADER, [company_a.org_number, "i fjor", 1, 1, 1, 1]])

    response = signed_in(alice).post(URL, _upload(data, "tall.xlsx"))

    assert [(e.row, e.column) for e in response.context["result"].errors] == [(2, "year")]


def test_people_without_a_garden_cannot_import(client, db):
    from kollegium.network.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
