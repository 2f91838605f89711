"""The company register, the company page and the API's company list with the fragment cache on
(core/freshness.py): a repeated request is served from the cache, a committed change shows at
once, and one viewer's cached page never reaches another viewer who may see less."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from kollegium.api.services import token_issue
from kollegium.companies import services
from kollegium.companies.models import NeedStatus
from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
)
from kollegium.core.tests.pages import TOKEN
from kollegium.core.tests.pages import main_content as _main
from kollegium.core.tests.pages import page_html as _html
from kollegium.network import permissions
from kollegium.network.tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("kept_pages")

LIST = reverse("companies:list")
API = "/api/v1/companies"


# --- the register ---------------------------------------------------------------------------


def test_the_register_shows_a_committed_change_at_once(
    signed_in, alice, company_a, garden_b, django_capture_on_commit_callbacks
):
    client = signed_in(alice)
    assert "Orkla Sveis AS" in _html(client, LIST)

    with django_capture_on_commit_callbacks(execute=True):
        company_a.name = "Orkla Sveis og Smie AS"
        company_a.save()
        CompanyGardenFactory(company=company_a, garden=garden_b, relation="client")

    html = _html(client, LIST)
    assert "Orkla Sveis og Smie AS" in html
    assert garden_b.name in html


def test_a_repeated_visit_to_the_register_is_served_from_the_cache(
    signed_in, alice, company_a, django_assert_max_num_queries
):
    client = signed_in(alice)
    _html(client, LIST)  # the first request of a session creates the network settings
    first = _html(client, LIST, data={"q": "orkla"})

    # Session, user, person, table versions, network settings (the page chrome).
    with django_assert_max_num_queries(5):
        again = _html(client, LIST, data={"q": "orkla"})
    assert "Orkla Sveis AS" in again and _main(again) == _main(first)


def test_the_filters_are_part_of_the_key(signed_in, alice, company_a, company_b):
    client = signed_in(alice)
    assert "Røros Mat AS" in _html(client, LIST)

    html = _html(client, LIST, data={"q": "orkla"})
    assert "Orkla Sveis AS" in html and "Røros Mat AS" not in html


def test_an_htmx_request_gets_only_its_results_and_the_page_stays_whole(
    signed_in, alice, company_a
):
    client = signed_in(alice)
    partial = _html(client, LIST, headers={"HX-Request": "true"})
    assert "Orkla Sveis AS" in partial and "<html" not in partial and "<form" not in partial

    page = _html(client, LIST)
    assert "<html" in page and 'role="search"' in page and "Orkla Sveis AS" in page


def test_the_register_button_stays_the_viewers(signed_in, alice, olga, company_a):
    create = reverse("companies:create")
    alice_sees = create in _html(signed_in(alice), LIST)
    olga_sees = create in _html(signed_in(olga), LIST)
    assert olga_sees
    # Whatever staff may do, the cached list itself does not decide it.
    assert alice_sees == (create in _html(signed_in(alice), LIST))


# --- the company page -----------------------------------------------------------------------


def test_the_company_page_shows_a_committed_change_at_once(
    signed_in, charlie, company_b, django_capture_on_commit_callbacks
):
    client = signed_in(charlie)
    url = company_b.get_absolute_url()
    assert "Kari Kontakt" in _html(client, url)

    need = company_b.needs.get()
    with django_capture_on_commit_callbacks(execute=True):
        ContactFactory(company=company_b, name="Per Portør")
        NeedFactory(company=company_b, text="Vil lære om leverandørutvikling")
        services.need_save(actor=charlie.user, company=company_b, need=need, status=NeedStatus.MET)

    html = _html(client, url)
    assert "Per Portør" in html
    assert "Vil lære om leverandørutvikling" in html
    # The editor's need list is rendered for the request, with the status just saved.
    assert f'<option value="{NeedStatus.MET}" selected>' in html


def test_a_repeated_visit_to_the_company_page_is_served_from_the_cache(
    signed_in, alice, company_b, django_assert_max_num_queries
):
    client = signed_in(alice)
    url = company_b.get_absolute_url()
    _html(client, url)
    first = _html(client, url)

    # Session, user, person, the company and its relations, table versions, network settings.
    with django_assert_max_num_queries(7):
        again = _html(client, url)
    assert _main(again) == _main(first)


def test_a_viewers_cached_page_is_not_served_to_another_viewer(charlie, alice, company_b):
    url = company_b.get_absolute_url()
    serving, other = Client(), Client()
    serving.force_login(charlie.user)
    other.force_login(alice.user)
    _html(serving, url)  # the first request of a session creates the network settings
    _html(other, url)
    caches["fragments"].clear()

    charlie_sees = _html(serving, url)
    assert "Kari Kontakt" in charlie_sees
    assert "Trenger hjelp med eksportstrategi" in charlie_sees

    alice_sees = _html(other, url)
    assert "Kari Kontakt" not in alice_sees
    assert "Trenger hjelp med eksportstrategi" not in alice_sees
    assert reverse("companies:edit", args=[company_b.org_number]) not in alice_sees
    assert reverse("companies:relate", args=[company_b.org_number]) in alice_sees


def test_each_company_has_its_own_page(signed_in, alice, company_a, company_b):
    client = signed_in(alice)
    assert "Orkla Sveis AS</h1>" in _html(client, company_a.get_absolute_url())
    html = _html(client, company_b.get_absolute_url())
    assert "Røros Mat AS</h1>" in html and "Orkla Sveis AS" not in html


def test_the_post_forms_carry_each_browsers_own_token(alice, charlie, company_b, garden_a):
    """The relate form and the editors' need forms are rendered per request, never cached."""
    url = company_b.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(alice.user)
    first_token = TOKEN.search(_html(first, url))[1]
    second_token = TOKEN.search(_html(second, url))[1]
    assert first_token != second_token

    relate = reverse("companies:relate", args=[company_b.org_number])
    data = {"relation": "client", "csrfmiddlewaretoken": second_token}
    assert second.post(relate, data).status_code == 302
    assert company_b.relations.filter(garden=garden_a).exists()

    editor = Client(enforce_csrf_checks=True)
    editor.force_login(charlie.user)
    html = _html(editor, url)
    need = company_b.needs.get()
    status = reverse("companies:need_status", args=[company_b.org_number, need.pk])
    assert status in html
    token = TOKEN.search(html)[1]
    data = {"status": NeedStatus.IN_PROGRESS, "csrfmiddlewaretoken": token}
    assert editor.post(status, data).status_code == 302


def test_a_refused_relation_shows_the_form_with_its_errors(signed_in, alice, company_b):
    client = signed_in(alice)
    url = company_b.get_absolute_url()
    _html(client, url)  # cached with the empty form's fields

    relate = reverse("companies:relate", args=[company_b.org_number])
    response = client.post(relate, {"relation": "friend"})
    assert response.status_code == 400
    assert "relation" in response.context["relate_form"].errors
    assert 'value="member"' in response.content.decode()


# --- the API's company list ------------------------------------------------------------------


def _api(client, who):
    user = getattr(who, "user", who)
    token = token_issue(actor=None, user=user)[1]
    return lambda: client.get(API, headers={"Authorization": f"Bearer {token}"})


def test_the_api_list_shows_a_committed_change_at_once(
    client, alice, company_a, django_capture_on_commit_callbacks
):
    get = _api(client, alice)
    assert [c["name"] for c in get().json()["items"]] == ["Orkla Sveis AS"]

    with django_capture_on_commit_callbacks(execute=True):
        CompanyFactory(name="Agdenes Akvakultur AS")

    assert [c["name"] for c in get().json()["items"]] == [
        "Agdenes Akvakultur AS",
        "Orkla Sveis AS",
    ]


def test_a_repeated_api_call_is_served_from_the_cache(
    client, alice, company_a, django_assert_max_num_queries
):
    get = _api(client, alice)
    first = get().json()
    # The token and its user, the person (staff check), table versions; no company query.
    with django_assert_max_num_queries(5):
        again = get()
    assert again.status_code == 200 and again.json() == first


def test_one_callers_cached_list_is_not_served_to_another(client, charlie, alice, company_b):
    as_charlie, as_alice = _api(client, charlie), _api(client, alice)

    def contacts(get):
        return [c["name"] for company in get().json()["items"] for c in company["contacts"]]

    contacts(as_charlie), contacts(as_alice)  # tokens used once, table versions settled
    caches["fragments"].clear()

    assert contacts(as_charlie) == ["Kari Kontakt"]
    assert contacts(as_alice) == []


def test_the_staff_check_runs_on_a_cached_list(client, alice, company_a, monkeypatch):
    get = _api(client, alice)
    assert get().status_code == 200
    assert get().status_code == 200  # now from the cache

    # No longer a staff member, with nothing written: the cached answer is still there.
    monkeypatch.setattr(permissions, "is_staff_member", lambda user: False)

    assert get().status_code == 403


def test_a_non_staff_caller_is_refused(client, alice, company_a):
    assert _api(client, alice)().status_code == 200
    outsider = UserFactory(email="otto@example.no", name="Otto Utenfor")
    assert _api(client, outsider)().status_code == 403
