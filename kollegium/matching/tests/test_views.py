"""The search box, the results page, "who can help?" on a need and on the directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kollegium.companies.tests.factories import NeedFactory
from kollegium.matching.tests.helpers import area, person
from kollegium.methods.tests.factories import MethodFactory
from kollegium.programme.tests.factories import EventFactory


@pytest.fixture
def world(garden_a, garden_b, company_a, company_b):
    finance = area("finans", "Finansiering og virkemidler")
    person(
        garden_b,
        "siri@roros.example",
        "Siri Sand",
        bio="Eksportstrategi og SkatteFUNN.",
        areas=[(finance, 3, "")],
    )
    NeedFactory(company=company_a, text="Eksportstrategi for sveiseroboter")
    EventFactory(ref="eksportdag", title="Eksportdagen", hosts=[garden_a])
    EventFactory(ref="strategidag", title="Strategi for eksport", hosts=[garden_b])
    EventFactory(
        ref="eksportutkast", title="Eksportkurs (utkast)", hosts=[garden_b], status="draft"
    )
    MethodFactory(
        ref="eksportklar", title="Eksportklar", owner=garden_b, visibility="public", stage="shared"
    )
    MethodFactory(ref="eksportintern", title="Eksportsjekk", owner=garden_b, visibility="garden")
    return finance


def _suggest(client, q):
    return client.get(reverse("matching:suggest"), {"q": q}, HTTP_HX_REQUEST="true")


def test_it_shows_staff_every_group_with_marks(signed_in, alice, world):
    response = _suggest(signed_in(alice), "eksportstrategi")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Siri Sand" in html
    assert "<mark>Eksportstrategi</mark> for sveiseroboter" in html


def test_a_private_need_of_garden_b_never_shows_in_garden_a(signed_in, alice, charlie, world):
    # company_b's need "Trenger hjelp med eksportstrategi" is garden B's and not shared.
    in_a = _suggest(signed_in(alice), "eksportstrategi").content.decode()
    in_b = _suggest(signed_in(charlie), "eksportstrategi").content.decode()

    assert "Røros Mat AS" not in in_a
    assert "Røros Mat AS" in in_b


def test_drafts_show_only_to_their_managers(signed_in, alice, charlie, world):
    assert "Eksportkurs" not in _suggest(signed_in(alice), "eksportkurs").content.decode()
    assert "Eksportkurs" in _suggest(signed_in(charlie), "eksportkurs").content.decode()


def test_garden_only_methods_show_only_to_their_garden(signed_in, alice, charlie, world):
    assert "Eksportsjekk" not in _suggest(signed_in(alice), "eksportsjekk").content.decode()
    assert "Eksportsjekk" in _suggest(signed_in(charlie), "eksportsjekk").content.decode()


def test_the_public_searches_events_and_public_methods_only(client, world):
    html = client.get(reverse("matching:search"), {"q": "eksport"}).content.decode()

    assert "Eksportdagen" in html
    assert "Eksportklar" in html
    assert reverse("library:detail", args=["eksportklar"]) in html
    for hidden in ("Siri Sand", "sveiseroboter", "Eksportkurs", "Eksportsjekk", "Orkla Sveis"):
        assert hidden not in html


def test_it_completes_the_word_being_typed(signed_in, alice, world):
    assert "Siri Sand" in _suggest(signed_in(alice), "skattef").content.decode()


def test_the_header_has_the_search_box(signed_in, alice):
    html = signed_in(alice).get(reverse("home")).content.decode()

    assert 'id="header-search"' in html
    assert reverse("matching:suggest") in html


def test_an_empty_or_too_long_query_is_no_error(client, db):
    assert client.get(reverse("matching:search"), {"q": ""}).status_code == 200
    assert client.get(reverse("matching:search"), {"q": "x" * 600}).status_code == 200
    assert _suggest(client, "").status_code == 200


def test_who_can_help_on_a_need(signed_in, charlie, company_b, world):
    need = company_b.needs.get()
    page = signed_in(charlie).get(reverse("companies:need", args=[company_b.org_number, need.pk]))
    matches = signed_in(charlie).get(
        reverse("matching:need", args=[company_b.org_number, need.pk]), HTTP_HX_REQUEST="true"
    )

    assert reverse("matching:need", args=[company_b.org_number, need.pk]) in page.content.decode()
    assert "Siri Sand" in matches.content.decode()
    assert "Strategi for eksport" in matches.content.decode()


def test_garden_a_cannot_match_garden_b_private_need(signed_in, alice, company_b, world):
    need = company_b.needs.get()
    response = signed_in(alice).get(reverse("matching:need", args=[company_b.org_number, need.pk]))

    assert response.status_code == 404


def test_who_can_help_from_the_directory(signed_in, alice, world):
    directory = signed_in(alice).get(reverse("network:directory")).content.decode()
    response = signed_in(alice).get(
        reverse("matching:who_can_help"), {"need": "SkatteFUNN"}, HTTP_HX_REQUEST="true"
    )

    assert reverse("matching:who_can_help") in directory
    assert "Siri Sand" in response.content.decode()


def test_search_queries_stay_the_same_as_the_network_grows(signed_in, alice, garden_a, world):
    client = signed_in(alice)

    def count():
        _suggest(client, "eksport")
        with CaptureQueriesContext(connection) as queries:
            _suggest(client, "eksport")
        return len(queries)

    for i in range(10):
        EventFactory(ref=f"e{i}", title=f"Eksport {i}", hosts=[garden_a])
        person(garden_a, f"p{i}@x.example", f"Eksport {i}", bio="eksport")
    few = count()
    for i in range(10, 200):
        EventFactory(ref=f"e{i}", title=f"Eksport {i}", hosts=[garden_a])
        person(garden_a, f"p{i}@x.example", f"Eksport {i}", bio="eksport")
    assert count() == few


def test_staff_set_their_capacity_on_the_profile_form(signed_in, alice):
    client = signed_in(alice)
    url = reverse("network:profile_edit", args=[alice.pk])
    form = client.get(url).content.decode()
    data = {
        "name": "Alice Aune",
        "title": "Rådgiver",
        "capacity": "limited",
        "competences-TOTAL_FORMS": "0",
        "competences-INITIAL_FORMS": "0",
    }

    response = client.post(url, data)
    alice.refresh_from_db()
    page = client.get(reverse("network:person", args=[alice.pk])).content.decode()

    assert 'name="capacity"' in form
    assert response.status_code == 302
    assert alice.capacity == "limited"
    assert "Begrenset" in page or "Limited" in page


def test_a_need_is_checked_against_the_database_not_only_the_index(
    signed_in, alice, garden_b, company_a, world
):
    from kollegium.companies.models import CompanyGarden

    client = signed_in(alice)
    assert "sveiseroboter" in _suggest(client, "sveiseroboter").content.decode()

    # A change that sends no signal: the index still says garden A serves the company.
    CompanyGarden.objects.filter(company=company_a).update(garden=garden_b)

    assert "sveiseroboter" not in _suggest(client, "sveiseroboter").content.decode()
