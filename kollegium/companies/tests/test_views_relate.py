import datetime

from django.urls import reverse

from kollegium.companies.models import CompanyGarden
from kollegium.core.models import AuditEntry


def _url(company):
    return reverse("companies:relate", args=[company.org_number])


def test_it_adds_the_company_to_my_garden(signed_in, charlie, company_a, garden_b):
    client = signed_in(charlie)
    response = client.post(_url(company_a), {"relation": "client", "since": "2025-01-15"})
    assert response.status_code == 302
    assert response.url == company_a.get_absolute_url()
    link = CompanyGarden.objects.get(company=company_a, garden=garden_b)
    assert (link.relation, link.since) == ("client", datetime.date(2025, 1, 15))
    entry = AuditEntry.objects.get(action="company.related")
    assert entry.data == {"garden": garden_b.slug, "relation": "client"}
    html = client.get(company_a.get_absolute_url()).content.decode()
    assert reverse("companies:edit", args=[company_a.org_number]) in html
    assert _url(company_a) not in html


def test_it_refuses_an_unknown_relation(signed_in, charlie, company_a, garden_b):
    response = signed_in(charlie).post(_url(company_a), {"relation": "friend"})
    assert response.status_code == 400
    assert "relation" in response.context["relate_form"].errors
    assert not CompanyGarden.objects.filter(garden=garden_b).exists()


def test_it_needs_a_garden_of_ones_own(signed_in, olga, company_a):
    assert signed_in(olga).post(_url(company_a), {"relation": "member"}).status_code == 403


def test_it_relates_by_post_only(signed_in, charlie, company_a):
    assert signed_in(charlie).get(_url(company_a)).status_code == 405


def test_it_sends_anonymous_visitors_to_the_login_page(client, company_a):
    response = client.post(_url(company_a), {"relation": "member"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert CompanyGarden.objects.count() == 1
