import pytest
from django.urls import reverse

from kollegium.companies.models import Need
from kollegium.companies.tests.factories import NeedFactory
from kollegium.core.models import AuditEntry
from kollegium.network.tests.factories import CompetenceAreaFactory


def _url(name, need, *, company=None):
    company = company or need.company
    return reverse(f"companies:{name}", args=[company.org_number, need.pk])


@pytest.fixture
def private_need(company_b):
    return company_b.needs.get()


@pytest.fixture
def shared_need(company_b):
    return NeedFactory(company=company_b, text="Søker partner til pilot", shared_with_network=True)


def test_it_records_a_need_with_competence_areas(signed_in, alice, company_a, area):
    other = CompetenceAreaFactory(name="Eksport")
    client = signed_in(alice)
    url = reverse("companies:need_create", args=[company_a.org_number])
    page = client.get(url).content.decode()
    assert '<fieldset class="ds-fieldset"' in page
    assert f'<label for="id_areas_0">{other.name}</label>' in page
    response = client.post(
        url,
        {
            "text": "Trenger finansiering",
            "areas": [area.pk],
            "status": "open",
            "shared_with_network": "on",
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(company=company_a)
    assert (need.text, need.status, need.shared_with_network) == (
        "Trenger finansiering",
        "open",
        True,
    )
    assert list(need.areas.all()) == [area]
    assert need.recorded_by == alice
    entry = AuditEntry.objects.get(action="need.created")
    assert (entry.actor, entry.object_id) == (alice.user, str(need.pk))


def test_it_edits_a_need(signed_in, charlie, private_need, area):
    client = signed_in(charlie)
    url = _url("need_edit", private_need)
    assert "Trenger hjelp med eksportstrategi" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "text": "Trenger eksportstrategi for Tyskland",
            "areas": [area.pk],
            "status": "in_progress",
        },
    )
    assert response.status_code == 302
    private_need.refresh_from_db()
    assert private_need.text == "Trenger eksportstrategi for Tyskland"
    assert private_need.status == "in_progress"
    assert private_need.shared_with_network is False
    assert list(private_need.areas.all()) == [area]
    entry = AuditEntry.objects.get(action="need.updated")
    assert set(entry.data["fields"]) == {"text", "status", "areas"}


def test_it_requires_the_text_of_a_need(signed_in, charlie, company_b):
    url = reverse("companies:need_create", args=[company_b.org_number])
    response = signed_in(charlie).post(url, {"text": "", "status": "open"})
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert company_b.needs.count() == 1


def test_it_hides_a_private_need_of_another_garden_behind_404(signed_in, alice, private_need):
    client = signed_in(alice)
    assert client.get(_url("need", private_need)).status_code == 404
    assert client.get(_url("need_edit", private_need)).status_code == 404
    assert client.post(_url("need_status", private_need), {"status": "met"}).status_code == 404
    private_need.refresh_from_db()
    assert private_need.status == "open"


def test_it_shows_a_shared_need_to_every_garden_but_lets_only_its_own_change_it(
    signed_in, alice, shared_need
):
    client = signed_in(alice)
    response = client.get(_url("need", shared_need))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Søker partner til pilot" in html and "need-" in html
    assert "/status/" not in html
    assert client.get(_url("need_edit", shared_need)).status_code == 403
    assert client.post(_url("need_status", shared_need), {"status": "met"}).status_code == 403
    shared_need.refresh_from_db()
    assert shared_need.status == "open"


def test_it_answers_404_for_a_need_under_another_company(signed_in, olga, company_a, private_need):
    url = _url("need", private_need, company=company_a)
    assert signed_in(olga).get(url).status_code == 404


def test_it_changes_the_status_inline_with_htmx(signed_in, charlie, private_need):
    response = signed_in(charlie).post(
        _url("need_status", private_need), {"status": "in_progress"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith(f'<article class="ds-card" id="need-{private_need.pk}"')
    assert '<option value="in_progress" selected>' in html
    private_need.refresh_from_db()
    assert private_need.status == "in_progress"
    entry = AuditEntry.objects.get(action="need.updated")
    assert entry.data["fields"] == ["status"]


def test_it_changes_the_status_without_javascript_too(signed_in, charlie, private_need):
    response = signed_in(charlie).post(_url("need_status", private_need), {"status": "met"})
    assert response.status_code == 302
    assert response.url == private_need.company.get_absolute_url()
    private_need.refresh_from_db()
    assert private_need.status == "met"


def test_it_ignores_an_unknown_status(signed_in, charlie, private_need):
    response = signed_in(charlie).post(
        _url("need_status", private_need), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    private_need.refresh_from_db()
    assert private_need.status == "open"
    assert not AuditEntry.objects.exists()


def test_it_changes_the_status_by_post_only(signed_in, charlie, private_need):
    assert signed_in(charlie).get(_url("need_status", private_need)).status_code == 405


def test_it_shows_the_status_form_on_the_company_page(signed_in, charlie, private_need):
    html = signed_in(charlie).get(private_need.company.get_absolute_url()).content.decode()
    assert f'hx-post="{_url("need_status", private_need)}"' in html
    assert f'<label class="ds-label" for="need-{private_need.pk}-status">' in html
