"""Key figures on the company page: the table, and adding, editing and deleting a year."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.core.models import AuditEntry
from kollegium.indicators.models import KeyFigure
from kollegium.indicators.tests.factories import KeyFigureFactory


def _create_url(company):
    return reverse("indicators:keyfigure_create", args=[company.org_number])


def _edit_url(company, year):
    return reverse("indicators:keyfigure_edit", args=[company.org_number, year])


def test_it_shows_the_years_on_the_company_page_in_norwegian_format(signed_in, alice, company_a):
    KeyFigureFactory(
        company=company_a,
        year=2023,
        revenue=1234567,
        operating_result=-12000,
        wage_costs=500000,
        employees=1200,
    )
    KeyFigureFactory(company=company_a, year=2022, revenue=None, wage_costs=None)

    html = signed_in(alice).get(company_a.get_absolute_url()).content.decode()

    assert 'id="key-figures-heading"' in html
    assert "1\u00a0234\u00a0567\u00a0kr" in html
    assert "-12\u00a0000\u00a0kr" in html
    # Value creation: operating result + wage costs, derived on the page.
    assert "488\u00a0000\u00a0kr" in html
    assert "1\u00a0200" in html
    assert html.index(">2023<") < html.index(">2022<")
    assert _edit_url(company_a, 2023) in html
    assert _create_url(company_a) in html


def test_staff_of_other_gardens_read_the_figures_but_get_no_edit_links(
    signed_in, charlie, company_a
):
    KeyFigureFactory(company=company_a, year=2023, revenue=1000)

    html = signed_in(charlie).get(company_a.get_absolute_url()).content.decode()

    assert "1\u00a0000\u00a0kr" in html
    assert _edit_url(company_a, 2023) not in html
    assert _create_url(company_a) not in html


def test_the_company_page_reads_the_figures_in_one_query(signed_in, alice, company_a):
    client = signed_in(alice)
    url = company_a.get_absolute_url()
    KeyFigureFactory(company=company_a, year=2001)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in range(2002, 2022):
        KeyFigureFactory(company=company_a, year=year)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few) == len(many)


def test_it_records_a_new_year_typed_the_norwegian_way(signed_in, alice, company_a):
    response = signed_in(alice).post(
        _create_url(company_a),
        {
            "year": "2023",
            "revenue": "1 234 567",
            "operating_result": "-12 000",
            "wage_costs": "800000,00",
            "employees": "5",
        },
    )

    assert response.status_code == 302
    figure = KeyFigure.objects.get(company=company_a)
    assert (figure.year, figure.revenue, figure.operating_result, figure.wage_costs) == (
        2023,
        1234567,
        -12000,
        800000,
    )
    entry = AuditEntry.objects.get(action="keyfigure.created")
    assert entry.data["company"] == company_a.org_number and entry.actor == alice.user


def test_it_refuses_a_year_already_recorded(signed_in, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1)

    response = signed_in(alice).post(_create_url(company_a), {"year": "2023", "revenue": "5"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert KeyFigure.objects.get().revenue == 1


def test_it_marks_bad_input_on_the_field(signed_in, alice, company_a):
    response = signed_in(alice).post(
        _create_url(company_a), {"year": "1850", "revenue": "mange", "wage_costs": "-5"}
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"year", "revenue", "wage_costs"}
    assert 'aria-invalid="true"' in response.content.decode()
    assert not KeyFigure.objects.exists()


def test_it_wants_at_least_one_figure(signed_in, alice, company_a):
    response = signed_in(alice).post(_create_url(company_a), {"year": "2023"})

    assert response.status_code == 400
    assert not KeyFigure.objects.exists()


def test_it_edits_a_year_and_audits_what_changed(signed_in, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1000, employees=4)
    client = signed_in(alice)
    form = client.get(_edit_url(company_a, 2023))
    assert form.context["form"].initial["revenue"] == 1000

    response = client.post(
        _edit_url(company_a, 2023),
        {"year": "2023", "revenue": "2 000", "operating_result": "100000", "wage_costs": "400000"},
    )

    assert response.status_code == 302
    figure = KeyFigure.objects.get()
    assert (figure.revenue, figure.employees) == (2000, None)
    entry = AuditEntry.objects.get(action="keyfigure.updated")
    assert entry.data["fields"] == ["revenue", "employees"]


def test_it_deletes_a_year(signed_in, alice, company_a):
    KeyFigureFactory(company=company_a, year=2023)
    url = reverse("indicators:keyfigure_delete", args=[company_a.org_number, 2023])

    response = signed_in(alice).post(url)

    assert response.status_code == 302
    assert not KeyFigure.objects.exists()
    assert AuditEntry.objects.get(action="keyfigure.deleted").data["year"] == 2023


def test_other_gardens_may_not_change_the_figures(signed_in, charlie, company_a):
    KeyFigureFactory(company=company_a, year=2023, revenue=1000)
    client = signed_in(charlie)

    assert client.get(_create_url(company_a)).status_code == 403
    assert (
        client.post(_edit_url(company_a, 2023), {"year": "2023", "revenue": "1"}).status_code == 403
    )
    delete = reverse("indicators:keyfigure_delete", args=[company_a.org_number, 2023])
    assert client.post(delete).status_code == 403
    assert KeyFigure.objects.get().revenue == 1000


def test_an_unrecorded_year_answers_404(signed_in, alice, company_a):
    assert signed_in(alice).get(_edit_url(company_a, 2001)).status_code == 404


def test_the_operator_edits_any_company(signed_in, olga, company_b):
    response = signed_in(olga).post(_create_url(company_b), {"year": "2020", "employees": "3"})
    assert response.status_code == 302
    assert KeyFigure.objects.get(company=company_b).employees == 3
