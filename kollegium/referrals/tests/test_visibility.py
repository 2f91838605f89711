"""What an accepted referral shares: that need and the company's contacts, with the helper only,
while the referral is accepted (not before accepting, not after completing)."""

import pytest
from django.http import Http404
from django.urls import reverse

from kollegium.companies import access as company_access
from kollegium.companies.selectors import visible_needs
from kollegium.companies.tests.factories import NeedFactory
from kollegium.network import permissions
from kollegium.referrals import services


@pytest.fixture
def referral(alice, charlie, need_a):
    [referral] = services.referral_create(
        actor=alice.user, need=need_a, to_people=[charlie], message="Kan du hjelpe?"
    )
    return referral


def _sees_need(person, need) -> bool:
    # person_of caches on the user: a fresh user object per check.
    user = type(person.user).objects.get(pk=person.user_id)
    return visible_needs(user).filter(pk=need.pk).exists()


def _contacts_shown(client, person, company) -> bool:
    client.force_login(person.user)
    response = client.get(reverse("companies:detail", args=[company.org_number]))
    assert response.status_code == 200
    return "Ola Kontakt" in response.content.decode()


def test_nothing_is_shared_before_the_colleague_accepts(client, charlie, need_a, referral):
    assert not _sees_need(charlie, need_a)
    assert not _contacts_shown(client, charlie, need_a.company)
    with pytest.raises(Http404):
        company_access.get_need_for_view(charlie.user, need_a.company.org_number, need_a.pk)


def test_accepting_shares_that_need_and_the_contacts_with_the_helper_only(
    client, alice, charlie, diana, need_a, referral
):
    other_need = NeedFactory(company=need_a.company, text="Annet behov")
    services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    assert _sees_need(charlie, need_a)
    assert not _sees_need(charlie, other_need)  # that need, not the company's others
    assert _contacts_shown(client, charlie, need_a.company)
    page = client.get(reverse("companies:need", args=[need_a.company.org_number, need_a.pk]))
    assert page.status_code == 200
    # Read, not write: the helper gets no edit rights on the company.
    edit = reverse("companies:need_edit", args=[need_a.company.org_number, need_a.pk])
    assert client.get(edit).status_code == 403
    # Never to others: the helper's colleague in garden B sees nothing.
    assert not _sees_need(diana, need_a)
    assert not _contacts_shown(client, diana, need_a.company)
    assert not permissions.has_referral_access(diana.user, need_a.company_id)


def test_the_referral_page_shows_the_contacts_to_the_helper_once_accepted(
    client, charlie, referral
):
    client.force_login(charlie.user)
    url = reverse("referrals:detail", args=[referral.pk])
    assert "Ola Kontakt" not in client.get(url).content.decode()

    services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    body = client.get(url).content.decode()
    assert "Ola Kontakt" in body and "Trenger hjelp med eksport til Sverige" in body


def test_declining_or_completing_ends_the_sharing(alice, charlie, diana, need_a, referral):
    services.referral_answer(actor=charlie.user, referral=referral, accept=True)
    services.referral_complete(actor=alice.user, referral=referral, helped=True)

    assert not _sees_need(charlie, need_a)
    assert not permissions.has_referral_access(charlie.user, need_a.company_id)

    [declined] = services.referral_create(
        actor=alice.user, need=need_a, to_people=[diana], message="Diana?"
    )
    services.referral_answer(actor=diana.user, referral=declined, accept=False, reason="Nei")
    assert not _sees_need(diana, need_a)
    assert not permissions.has_referral_access(diana.user, need_a.company_id)


def test_staff_of_the_two_gardens_and_the_coordinator_see_the_referral_not_others(
    client, alice, bob, cora, charlie, diana, referral
):
    from kollegium.network.tests.factories import PersonFactory

    outsider_garden_person = PersonFactory()
    url = reverse("referrals:detail", args=[referral.pk])
    for person, status in [
        (alice, 200),
        (bob, 200),
        (cora, 200),
        (charlie, 200),
        (diana, 200),
        (outsider_garden_person, 404),
    ]:
        client.force_login(person.user)
        assert client.get(url).status_code == status, person
    # Diana (charlie's colleague) sees it exists, but not the message or the need.
    client.force_login(diana.user)
    body = client.get(url).content.decode()
    assert "Kan du hjelpe?" not in body and "eksport til Sverige" not in body


def _api_contacts(client, person, company) -> list[str]:
    client.force_login(person.user)
    response = client.get(f"/api/v1/companies/{company.org_number}")
    assert response.status_code == 200
    return [contact["name"] for contact in response.json()["contacts"]]


def test_the_api_shares_the_contacts_like_the_company_page(
    client, charlie, diana, need_a, referral
):
    assert _api_contacts(client, charlie, need_a.company) == []

    services.referral_answer(actor=charlie.user, referral=referral, accept=True)

    assert "Ola Kontakt" in _api_contacts(client, charlie, need_a.company)
    assert _api_contacts(client, diana, need_a.company) == []
