"""Marking a company as the garden's programme company (målbedrift), with its admission year."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kollegium.companies import services as company_services
from kollegium.companies.models import CompanyGarden
from kollegium.core.models import AuditEntry


def _url(company):
    return reverse("indicators:programme_year", args=[company.org_number])


def test_it_marks_my_gardens_company_as_a_programme_company(signed_in, alice, company_a, garden_a):
    client = signed_in(alice)
    page = client.get(company_a.get_absolute_url()).content.decode()
    assert _url(company_a) in page

    response = client.post(_url(company_a), {"programme_year": "2021"})

    assert response.status_code == 302
    link = CompanyGarden.objects.get(company=company_a, garden=garden_a)
    assert (link.programme_year, link.relation) == (2021, "member")
    entry = AuditEntry.objects.get(action="company.relation_changed")
    assert entry.data["programme_year"] == 2021
    html = client.get(company_a.get_absolute_url()).content.decode()
    assert "2021" in html and 'data-color="success"' in html


def test_it_unmarks_a_programme_company(signed_in, alice, company_a, garden_a):
    CompanyGarden.objects.filter(company=company_a).update(programme_year=2020)

    signed_in(alice).post(_url(company_a), {"programme_year": ""})

    assert CompanyGarden.objects.get(company=company_a).programme_year is None


def test_it_refuses_a_year_out_of_range(signed_in, alice, company_a):
    response = signed_in(alice).post(_url(company_a), {"programme_year": "1850"})

    assert response.status_code == 400
    assert "programme_year" in response.context["form"].errors
    assert CompanyGarden.objects.get(company=company_a).programme_year is None


def test_only_a_garden_serving_the_company_may_mark_it(signed_in, charlie, olga, company_a):
    assert signed_in(charlie).post(_url(company_a), {"programme_year": "2021"}).status_code == 403
    assert signed_in(olga).get(_url(company_a)).status_code == 403
    assert CompanyGarden.objects.get(company=company_a).programme_year is None


def test_relating_a_company_can_mark_it_at_once(signed_in, charlie, company_a, garden_b):
    url = reverse("companies:relate", args=[company_a.org_number])

    signed_in(charlie).post(url, {"relation": "client", "programme_year": "2022"})

    assert CompanyGarden.objects.get(company=company_a, garden=garden_b).programme_year == 2022


def test_relating_again_without_a_year_keeps_it(alice, company_a):
    CompanyGarden.objects.filter(company=company_a).update(programme_year=2020)

    company_services.company_relate(actor=alice.user, company=company_a, relation="client")

    assert CompanyGarden.objects.get(company=company_a).programme_year == 2020


def test_the_service_refuses_a_year_after_next(alice, company_a):
    with pytest.raises(ValidationError):
        company_services.company_relate(
            actor=alice.user,
            company=company_a,
            relation="member",
            programme_year=datetime.date.today().year + 2,
        )


def test_a_company_can_be_registered_as_a_programme_company(alice, garden_a):
    from kollegium.companies.tests.factories import valid_org_number

    company = company_services.company_create(
        actor=alice.user, org_number=valid_org_number(55), name="Ny AS", programme_year=2024
    )

    assert company.relations.get().programme_year == 2024
    assert AuditEntry.objects.get(action="company.created").data["programme_year"] == 2024
