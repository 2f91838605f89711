import json
from pathlib import Path

import jsonschema
import pytest

from kollegium.companies.tests.factories import (
    CompanyFactory,
    CompanyGardenFactory,
    ContactFactory,
    NeedFactory,
)
from kollegium.interchange.tests.documents import document, empty_database, snapshot
from kollegium.network.models import NetworkSettings
from kollegium.network.tests.factories import CompetenceAreaFactory, CompetenceFactory

ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "demo" / "innomidt.json"
SCHEMA = ROOT / "docs" / "network.schema.json"


def _schema_errors(doc: dict) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]


@pytest.fixture
def network(alice, bob, cora, charlie, diana, company_a, company_b, area):
    """The shared cast, plus what the document can hold that the cast leaves empty."""
    NetworkSettings.objects.update_or_create(
        pk=1, defaults={"name": "Trøndernett", "description": "Fire hager", "contact_phone": "73"}
    )
    alice.keywords = "sveis, Eksport, æøå"
    alice.show_public = True
    alice.save()
    CompetenceFactory(person=alice, area=area, level=3, note="Innovasjon Norge")
    CompetenceFactory(person=alice, area=CompetenceAreaFactory(slug="eksport"), level=1)
    CompanyGardenFactory(company=company_b, garden=alice.garden, relation="client")
    ContactFactory(company=company_b, name="Åse Ås", role="Daglig leder", email="", phone="9")
    need = NeedFactory(company=company_a, text="Å finne kapital", status="met")
    need.areas.set([area])
    CompanyFactory(org_number="974760673", name="Uten ansatte AS", employees=None, nace="")


def test_it_exports_the_same_bytes_after_a_round_trip_through_an_empty_database(
    network, export_document, import_document
):
    first = export_document()
    empty_database()
    assert not any(snapshot().values())

    import_document(first)

    assert export_document() == first


def test_it_sorts_every_list_by_its_natural_key(network, export_document):
    doc = json.loads(export_document())

    assert [p["email"] for p in doc["people"]] == sorted(p["email"] for p in doc["people"])
    assert [g["slug"] for g in doc["gardens"]] == ["orkdal", "roros"]
    alice = doc["people"][0]
    assert alice["keywords"] == ["sveis", "Eksport", "æøå"]
    assert [c["area"] for c in alice["competences"]] == ["eksport", "finansiering"]
    companies = [c["org_number"] for c in doc["companies"]]
    assert companies == sorted(companies)
    roros_mat = next(c for c in doc["companies"] if c["name"] == "Røros Mat AS")
    assert [g["garden"] for g in roros_mat["gardens"]] == ["orkdal", "roros"]
    assert [c["name"] for c in roros_mat["contacts"]] == ["Kari Kontakt", "Åse Ås"]


def test_it_writes_utf8_with_two_space_indentation(network, export_document):
    text = export_document()

    assert '\n  "network": {\n    "name": "Trøndernett",' in text
    assert "\\u" not in text
    assert text.endswith("}\n")


def test_it_leaves_out_empty_optional_values_and_writes_unknown_employees_as_null(
    network, export_document
):
    doc = json.loads(export_document())

    empty = next(c for c in doc["companies"] if c["org_number"] == "974760673")
    assert empty == {
        "org_number": "974760673",
        "name": "Uten ansatte AS",
        "municipality": "5059",
        "employees": None,
    }


def test_it_exports_a_document_the_schema_accepts(network, export_document):
    assert _schema_errors(json.loads(export_document())) == []


def test_it_exports_an_empty_installation(export_document):
    assert json.loads(export_document()) == {
        "format": "kollegium.network/1",
        "network": {"name": "Kollegium"},
    }
    assert not NetworkSettings.objects.exists()


def test_it_validates_the_demo_document_against_the_schema():
    assert _schema_errors(json.loads(DEMO.read_text(encoding="utf-8"))) == []


def test_it_validates_the_test_document_against_the_schema():
    assert _schema_errors(document()) == []


def test_it_imports_the_demo_and_exports_it_unchanged(
    import_document, export_document, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        output = import_document(DEMO.read_text(encoding="utf-8"))

    assert "  people: 17 created, 0 updated, 0 unchanged" in output
    exported = export_document()
    assert _schema_errors(json.loads(exported)) == []
    # The demo is written in the export's canonical form, so the two are identical.
    assert exported == DEMO.read_text(encoding="utf-8")
