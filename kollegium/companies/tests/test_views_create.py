import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from kollegium.companies.models import Company, CompanyGarden
from kollegium.core.models import AuditEntry
from kollegium.core.validators import validate_org_number
from kollegium.network.tests.factories import UserFactory

URL = reverse("companies:create")
VALID = "923609016"


def _data(**overrides):
    data = {
        "org_number": "923 609 016",
        "name": "Fjellbryggeriet AS",
        "nace": "62.100",
        "municipality": "5025",
        "employees": "12",
        "website": "fjellbryggeriet.example",
        "relation": "member",
        "since": "2024-03-01",
    }
    return {**data, **overrides}


def _validator_message(number):
    with translation.override("nb"), pytest.raises(ValidationError) as exc:
        validate_org_number(number)
    return exc.value.messages[0]


def test_it_shows_the_form_with_municipalities_by_name(signed_in, alice):
    response = signed_in(alice).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="5025">Røros - Rossen (5025)</option>' in html
    assert '<label class="ds-label" for="id_org_number"' in html
    assert "id_garden" not in html


def test_it_explains_a_wrong_org_number_then_registers_the_right_one(signed_in, alice):
    client = signed_in(alice)
    response = client.post(URL, _data(org_number="923 609 017"))
    assert response.status_code == 200
    message = _validator_message("923609017")
    assert response.context["form"].errors["org_number"] == [message]
    html = response.content.decode()
    assert escape(message) in html
    assert 'aria-invalid="true"' in html and 'id="id_org_number_error"' in html
    assert not Company.objects.exists()

    response = client.post(URL, _data())
    company = Company.objects.get()
    assert response.status_code == 302
    assert response.url == company.get_absolute_url()
    assert (company.org_number, company.name, company.nace, company.municipality) == (
        VALID,
        "Fjellbryggeriet AS",
        "62.100",
        "5025",
    )
    assert company.employees == 12
    assert company.website == "https://fjellbryggeriet.example"
    link = CompanyGarden.objects.get(company=company)
    assert (link.garden, link.relation, link.since) == (
        alice.garden,
        "member",
        datetime.date(2024, 3, 1),
    )
    entry = AuditEntry.objects.get(action="company.created")
    assert (entry.actor, entry.object_id) == (alice.user, str(company.pk))
    assert entry.data == {"org_number": VALID}


def test_it_refuses_a_duplicate_org_number_and_links_to_the_company(signed_in, alice, company_b):
    number = company_b.org_number
    response = signed_in(alice).post(URL, _data(org_number=f"{number[:3]} {number[3:]}"))
    assert response.status_code == 200
    assert response.context["form"].has_error("org_number", "duplicate_org_number")
    html = response.content.decode()
    assert f'href="{company_b.get_absolute_url()}">Røros Mat AS</a>' in html
    assert Company.objects.count() == 1
    assert not AuditEntry.objects.filter(action="company.created").exists()


def test_it_requires_a_name_and_a_known_municipality(signed_in, alice):
    response = signed_in(alice).post(URL, _data(name="", municipality="9999"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "municipality"}
    assert not Company.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "cora", "charlie"])
def test_it_lets_every_staff_member_register_for_their_own_garden(signed_in, who, request):
    person = request.getfixturevalue(who)
    response = signed_in(person).post(URL, _data(relation="client", since=""))
    assert response.status_code == 302
    link = CompanyGarden.objects.get()
    assert (link.garden, link.relation, link.since) == (person.garden, "client", None)


def test_it_lets_the_operator_choose_the_garden(signed_in, olga, garden_b):
    client = signed_in(olga)
    assert "id_garden" in client.get(URL).content.decode()
    response = client.post(URL, _data(garden=garden_b.pk))
    assert response.status_code == 302
    assert CompanyGarden.objects.get().garden == garden_b


def test_it_forbids_accounts_without_a_garden(client, db):
    client.force_login(UserFactory(email="ulla@example.no", name="Ulla Utenhage"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, _data()).status_code == 403
    assert not Company.objects.exists()


def test_it_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.post(URL, _data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Company.objects.exists()
