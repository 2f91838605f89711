"""Every 4xx answers in one shape: {"error": {"status", "code", "message", "fields"?}}."""

from django.utils import translation

from kollegium.api.tests.helpers import error_of
from kollegium.companies.models import Company
from kollegium.companies.tests.factories import valid_org_number


def test_it_answers_an_unknown_path_with_a_structured_404(api, alice):
    response = api.get("/no-such-thing", who=alice)

    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_it_answers_a_wrong_method_with_a_structured_405(api, alice):
    response = api.request("DELETE", "/gardens", who=alice)

    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert response["Allow"] == "GET"


def test_it_answers_a_body_that_is_not_json_with_a_structured_400(api, alice):
    response = api.client.generic(
        "POST",
        "/api/v1/companies",
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api.token(alice)}",
    )

    assert error_of(response)["status"] == 400


def test_it_rejects_a_bad_org_number_with_the_mod11_message(api, alice):
    response = api.post(
        "/companies",
        {"org_number": "923609017", "name": "Feil AS"},
        who=alice,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    error = error_of(response)
    assert response.status_code == 422
    assert error["code"] == "validation_error"
    assert error["fields"]["org_number"] == [
        "923609017 is not a valid organisation number: the check digit does not match."
    ]
    assert not Company.objects.filter(org_number="923609017").exists()


def test_it_names_the_missing_fields(api, alice):
    response = api.post("/companies", {"org_number": valid_org_number(5)}, who=alice)

    assert error_of(response)["fields"] == {"name": [_in("nb", "This field is required.")]}


def test_it_translates_request_validation_messages(api, alice):
    response = api.get("/people?level=9", who=alice, HTTP_ACCEPT_LANGUAGE="nb")

    expected = _in("nb", "Ensure this value is less than or equal to %(limit_value)s.")
    assert error_of(response)["fields"] == {"level": [expected % {"limit_value": 3}]}


def test_it_names_nested_fields_by_their_path(api, alice, area):
    body = {"competences": [{"area": area.slug, "level": 4}]}

    response = api.patch("/people/me", body, who=alice)

    assert list(error_of(response)["fields"]) == ["competences.0.level"]


def test_it_rejects_unknown_fields(api, alice):
    response = api.patch("/people/me", {"titel": "Sjef"}, who=alice)

    assert list(error_of(response)["fields"]) == ["titel"]


def test_it_rejects_null_for_a_field_that_cannot_be_empty(api, alice):
    response = api.patch("/people/me", {"title": None}, who=alice)

    assert list(error_of(response)["fields"]) == ["title"]


def test_it_passes_on_validation_errors_of_the_services(api, alice, company_a):
    response = api.patch(f"/companies/{company_a.org_number}", {"municipality": "9999"}, who=alice)

    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["municipality"]


def test_it_names_an_unknown_slug(api, alice, company_a):
    body = {"text": "Hjelp", "areas": ["ukjent"]}

    response = api.post(f"/companies/{company_a.org_number}/needs", body, who=alice)

    error = error_of(response)
    assert response.status_code == 422
    assert "ukjent" in error["fields"]["areas"][0]
    assert company_a.needs.count() == 0


def test_it_answers_409_for_an_org_number_already_registered(api, alice, company_b):
    body = {"org_number": company_b.org_number, "name": "Kopi AS"}

    response = api.post("/companies", body, who=alice)

    assert error_of(response)["code"] == "conflict"
    assert response.status_code == 409
    assert "org_number" in error_of(response)["fields"]


def test_it_answers_409_for_a_slug_already_taken(api, cora, area):
    response = api.post("/competence-areas", {"slug": area.slug, "name": "Kopi"}, who=cora)

    assert response.status_code == 409
    assert list(error_of(response)["fields"]) == ["slug"]


def test_it_answers_a_pagination_limit_out_of_range_with_422(api, alice):
    for limit in (0, 201, "many"):
        response = api.get(f"/people?limit={limit}", who=alice)

        assert list(error_of(response)["fields"]) == ["limit"]


def _in(language: str, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)
