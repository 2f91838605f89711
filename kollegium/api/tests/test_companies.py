"""The company register and companies' needs over the API."""

import datetime

from kollegium.api.tests.helpers import error_of
from kollegium.companies.models import Company, CompanyGarden, Need
from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    NeedFactory,
    valid_org_number,
)
from kollegium.core.models import AuditEntry


def last_audit(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).latest("id")


def test_it_shows_contacts_to_the_gardens_that_serve_the_company(api, charlie, company_b):
    body = api.get(f"/companies/{company_b.org_number}", who=charlie).json()

    assert body["my_garden_serves"] is True
    assert [c["name"] for c in body["contacts"]] == ["Kari Kontakt"]
    assert body["gardens"] == [
        {
            "garden": "roros",
            "garden_name": "Rørosregionen Næringshage",
            "relation": "client",
            "since": None,
            "programme_year": None,
        }
    ]
    assert (body["municipality_name"], body["industry_name"]) == (
        "Røros - Rossen",
        "Dataprogrammeringstjenester",
    )


def test_it_hides_contacts_from_other_gardens(api, alice, company_b):
    body = api.get(f"/companies/{company_b.org_number}", who=alice).json()

    assert body["my_garden_serves"] is False
    assert body["contacts"] == []


def test_it_hides_contacts_in_the_list_too(api, alice, company_a, company_b):
    items = api.get("/companies", who=alice).json()["items"]

    assert {c["org_number"]: c["contacts"] for c in items}[company_b.org_number] == []


def test_it_shows_all_contacts_to_the_operator(api, olga, company_b):
    body = api.get(f"/companies/{company_b.org_number}", who=olga).json()

    assert len(body["contacts"]) == 1


def test_it_filters_the_register(api, alice, company_a, company_b):
    CompanyFactory(name="Fjellfisk AS", nace="03.211", municipality="5025")

    def names(query: str) -> list[str]:
        return [c["name"] for c in api.get(f"/companies?{query}", who=alice).json()["items"]]

    assert names("q=sveis") == ["Orkla Sveis AS"]
    assert names(f"q={company_b.org_number[:3]} {company_b.org_number[3:]}") == ["Røros Mat AS"]
    assert names("garden=roros") == ["Røros Mat AS"]
    assert names("municipality=5025") == ["Fjellfisk AS", "Røros Mat AS"]
    assert names("industry=03") == ["Fjellfisk AS"]


def test_it_registers_a_company_for_the_callers_garden(api, alice, garden_a):
    org_number = valid_org_number(42)
    body = {
        "org_number": f"{org_number[:3]} {org_number[3:6]} {org_number[6:]}",
        "name": "Ny Bedrift AS",
        "relation": "member",
        "since": "2024-01-15",
        "municipality": "5059",
        "employees": 7,
    }

    response = api.post("/companies", body, who=alice)

    assert response.status_code == 201
    assert response.json()["org_number"] == org_number
    company = Company.objects.get(org_number=org_number)
    assert (company.name, company.employees) == ("Ny Bedrift AS", 7)
    link = CompanyGarden.objects.get(company=company)
    assert (link.garden, link.relation, link.since) == (
        garden_a,
        "member",
        datetime.date(2024, 1, 15),
    )
    assert last_audit("company.created").actor == alice.user


def test_it_lets_the_operator_choose_the_garden(api, olga, garden_b):
    body = {"org_number": valid_org_number(43), "name": "Via Operatør AS", "garden": "roros"}

    assert api.post("/companies", body, who=olga).status_code == 201
    assert CompanyGarden.objects.get(company__name="Via Operatør AS").garden == garden_b


def test_it_refuses_an_unknown_relation(api, alice):
    body = {"org_number": valid_org_number(44), "name": "X AS", "relation": "friend"}

    assert list(error_of(api.post("/companies", body, who=alice))["fields"]) == ["relation"]


def test_it_updates_a_company_the_garden_serves(api, alice, company_a):
    body = {"employees": 12, "nace": "25.110"}

    response = api.patch(f"/companies/{company_a.org_number}", body, who=alice)

    assert response.json()["employees"] == 12
    company_a.refresh_from_db()
    assert (company_a.employees, company_a.nace) == (12, "25.110")
    assert sorted(last_audit("company.updated").data["fields"]) == ["employees", "nace"]


def test_it_clears_the_number_of_employees_with_null(api, alice, company_a):
    Company.objects.filter(pk=company_a.pk).update(employees=5)

    api.patch(f"/companies/{company_a.org_number}", {"employees": None}, who=alice)

    company_a.refresh_from_db()
    assert company_a.employees is None


def test_it_lists_only_the_needs_the_caller_may_see(
    api, alice, company_a, private_need, shared_need
):
    own = NeedFactory(company=company_a)

    items = api.get("/needs", who=alice).json()["items"]

    assert {n["id"] for n in items} == {own.pk, shared_need.pk}


def test_it_filters_needs(api, charlie, company_a, company_b, private_need, shared_need, area):
    private_need.areas.add(area)
    Need.objects.filter(pk=shared_need.pk).update(status="met")

    def ids(query: str) -> set[int]:
        return {n["id"] for n in api.get(f"/needs?{query}", who=charlie).json()["items"]}

    assert ids(f"company={company_b.org_number}") == {private_need.pk, shared_need.pk}
    assert ids("status=met") == {shared_need.pk}
    assert ids(f"area={area.slug}") == {private_need.pk}
    assert error_of(api.get("/needs?status=done", who=charlie))["status"] == 422


def test_it_records_a_need(api, alice, company_a, area):
    body = {"text": "Trenger hjelp med eksport", "areas": [area.slug], "shared_with_network": True}

    response = api.post(f"/companies/{company_a.org_number}/needs", body, who=alice)

    assert response.status_code == 201
    need = Need.objects.get(pk=response.json()["id"])
    assert (need.company, need.text, need.shared_with_network) == (company_a, body["text"], True)
    assert list(need.areas.all()) == [area]
    assert need.recorded_by == alice
    assert response.json()["recorded_by"] == {"id": alice.pk, "name": "Alice Aune"}
    assert last_audit("need.created").object_id == str(need.pk)


def test_it_updates_a_need(api, charlie, private_need, area):
    body = {"status": "in_progress", "areas": [area.slug]}

    response = api.patch(f"/needs/{private_need.pk}", body, who=charlie)

    assert response.json()["status"] == "in_progress"
    private_need.refresh_from_db()
    assert private_need.status == "in_progress"
    assert list(private_need.areas.all()) == [area]
    assert sorted(last_audit("need.updated").data["fields"]) == ["areas", "status"]


def test_it_keeps_a_need_of_another_garden_unchanged(api, alice, private_need):
    response = api.patch(f"/needs/{private_need.pk}", {"status": "met"}, who=alice)

    assert response.status_code == 404
    private_need.refresh_from_db()
    assert private_need.status == "open"
    assert not AuditEntry.objects.filter(action="need.updated").exists()


def test_it_lists_needs_of_a_company_served_by_two_gardens_once(
    api, alice, company_b, garden_a, private_need
):
    CompanyGardenFactory(company=company_b, garden=garden_a, relation="client")

    body = api.get("/needs", who=alice).json()

    assert body["count"] == 1
    assert [n["id"] for n in body["items"]] == [private_need.pk]
