import pytest
from django.urls import reverse

from kollegium.core.models import AuditEntry


def _data(**overrides):
    data = {
        "name": "Orkla Sveis og Montasje AS",
        "nace": "62.200",
        "municipality": "5059",
        "employees": "7",
        "website": "https://orkla-sveis.example",
    }
    return {**data, **overrides}


def test_it_saves_the_changes_and_records_them(signed_in, alice, company_a):
    url = reverse("companies:edit", args=[company_a.org_number])
    client = signed_in(alice)
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Orkla Sveis AS"' in page.content.decode()
    response = client.post(url, _data())
    assert response.status_code == 302
    assert response.url == company_a.get_absolute_url()
    company_a.refresh_from_db()
    assert (company_a.name, company_a.nace, company_a.employees) == (
        "Orkla Sveis og Montasje AS",
        "62.200",
        7,
    )
    entry = AuditEntry.objects.get(action="company.updated")
    assert entry.actor == alice.user
    assert set(entry.data["fields"]) == {"name", "nace", "employees", "website"}


def test_it_shows_field_errors_and_changes_nothing(signed_in, alice, company_a):
    url = reverse("companies:edit", args=[company_a.org_number])
    response = signed_in(alice).post(url, _data(name="", nace="99.999"))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "nace"}
    company_a.refresh_from_db()
    assert company_a.name == "Orkla Sveis AS"
    assert not AuditEntry.objects.exists()


def test_it_keeps_an_imported_code_of_another_level(signed_in, alice, company_a):
    company_a.nace = "62.1"
    company_a.save()
    url = reverse("companies:edit", args=[company_a.org_number])
    response = signed_in(alice).post(url, _data(nace="62.1"))
    assert response.status_code == 302
    company_a.refresh_from_db()
    assert company_a.nace == "62.1"


EDIT_URLS = ["companies:edit", "companies:contact_create", "companies:need_create"]


@pytest.mark.parametrize("url_name", EDIT_URLS)
@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 200), ("bob", 200), ("cora", 200), ("charlie", 403), ("diana", 403), ("olga", 200)],
)
def test_it_lets_only_the_serving_garden_edit(signed_in, request, company_a, url_name, who, status):
    client = signed_in(request.getfixturevalue(who))
    url = reverse(url_name, args=[company_a.org_number])
    assert client.get(url).status_code == status
    assert client.post(url, {}).status_code in ((200,) if status == 200 else (403,))


def test_it_refuses_staff_of_another_garden_and_changes_nothing(signed_in, charlie, company_a):
    url = reverse("companies:edit", args=[company_a.org_number])
    assert signed_in(charlie).post(url, _data()).status_code == 403
    company_a.refresh_from_db()
    assert company_a.name == "Orkla Sveis AS"


@pytest.mark.parametrize("url_name", EDIT_URLS)
def test_it_sends_anonymous_visitors_to_the_login_page(client, company_a, url_name):
    response = client.get(reverse(url_name, args=[company_a.org_number]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
