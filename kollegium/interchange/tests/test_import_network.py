import io
import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError

from kollegium.companies.models import Company, Need
from kollegium.core.models import AuditEntry
from kollegium.interchange.company_sections import CompanyPlan
from kollegium.interchange.tests.documents import document, snapshot
from kollegium.network.models import Competence, NetworkSettings, Person, Role, User
from kollegium.network.tests.factories import PASSWORD, CompetenceAreaFactory, CompetenceFactory


def test_it_creates_everything_in_the_document(import_document):
    output = import_document(document())

    assert output.splitlines()[1:] == [
        "  network: 1 created, 0 updated, 0 unchanged",
        "  competence_areas: 2 created, 0 updated, 0 unchanged",
        "  gardens: 1 created, 0 updated, 0 unchanged",
        "  people: 2 created, 0 updated, 0 unchanged",
        "  companies: 1 created, 0 updated, 0 unchanged",
    ]
    assert NetworkSettings.load().contact_email == "post@testnettet.example"
    alice = Person.objects.get(user__email="alice@orkdal.example")
    assert (alice.user.name, alice.garden.slug, alice.role) == ("Alice Aune", "orkdal", "advisor")
    assert alice.keyword_list == ["sveis", "eksport"]
    assert [(c.area.slug, c.level, c.note) for c in alice.competences.all()] == [
        ("finansiering", 2, "Innovasjon Norge")
    ]
    company = Company.objects.get(org_number="974760673")
    assert company.relations.get().since.isoformat() == "2020-01-15"
    assert company.contacts.get().email == "kari@sveis.example"
    plain = company.needs.get(text="Trenger hjelp med eksport")
    capital = company.needs.get(text="Søker kapital")
    assert (plain.text, plain.status, plain.shared_with_network) == (
        "Trenger hjelp med eksport",
        "open",
        False,
    )
    assert (capital.status, [a.slug for a in capital.areas.all()]) == (
        "in_progress",
        ["finansiering"],
    )


def test_it_gives_new_people_an_account_that_cannot_sign_in(import_document):
    import_document(document())

    bob = User.objects.get(email="bob@orkdal.example")
    assert not bob.has_usable_password()
    assert bob.person.role == Role.LEADER


def test_it_keeps_the_password_of_an_existing_user_and_matches_e_mail_case(import_document, alice):
    doc = document()
    doc["people"][0]["email"] = "Alice@Orkdal.example"

    import_document(doc)

    assert User.objects.filter(email__iexact="alice@orkdal.example").count() == 1
    alice.user.refresh_from_db()
    assert alice.user.check_password(PASSWORD)
    assert alice.user.name == "Alice Aune"


def test_it_replaces_the_competences_of_a_person_in_the_document(import_document, alice):
    CompetenceFactory(person=alice, area=CompetenceAreaFactory(slug="ledelse"), level=3)

    import_document(document())

    assert [c.area.slug for c in alice.competences.all()] == ["finansiering"]


def test_it_leaves_keys_missing_from_the_document_as_they_are(import_document, bob):
    doc = document()
    del doc["people"][1]["role"]

    import_document(doc)

    bob.refresh_from_db()
    assert bob.role == Role.LEADER
    assert bob.title == "Rådgiver"


def test_it_changes_nothing_the_second_time(import_document):
    import_document(document())
    before = snapshot()

    output = import_document(document())

    assert snapshot() == before
    assert AuditEntry.objects.filter(action="network.imported").count() == 1
    assert all(" 0 created, 0 updated," in line for line in output.splitlines()[1:])


def test_it_updates_only_what_changed(import_document):
    import_document(document())
    company = Company.objects.get()
    need = Need.objects.get(text="Søker kapital")
    doc = document()
    doc["companies"][0]["needs"][1]["status"] = "met"

    output = import_document(doc)

    assert "  companies: 0 created, 1 updated, 0 unchanged" in output
    assert "  people: 0 created, 0 updated, 2 unchanged" in output
    assert Company.objects.get().updated_at == company.updated_at
    need_after = Need.objects.get(pk=need.pk)
    assert need_after.status == "met"
    assert need_after.updated_at > need.updated_at
    entry = AuditEntry.objects.filter(action="network.imported").first()
    assert entry.data["sections"]["companies"] == {"created": 0, "updated": 1, "unchanged": 0}


def test_it_updates_nested_rows_and_moves_people_to_a_garden_the_document_adds(
    import_document,
):
    import_document(document())
    doc = document()
    doc["gardens"].append({"slug": "roros", "name": "Rørosregionen Næringshage"})
    doc["people"][1]["garden"] = "roros"
    company = doc["companies"][0]
    company["gardens"] = [
        {"garden": "orkdal", "relation": "client", "since": ""},
        {"garden": "roros", "relation": "member", "since": "2024-03-01"},
    ]
    company["contacts"][0]["phone"] = "+47 900 00 000"
    company["needs"][1]["areas"] = ["eksport", "finansiering"]

    output = import_document(doc)

    assert "  people: 0 created, 1 updated, 1 unchanged" in output
    assert Person.objects.get(user__email="bob@orkdal.example").garden.slug == "roros"
    relations = Company.objects.get().relations.order_by("garden__slug")
    assert [(r.garden.slug, r.relation, str(r.since)) for r in relations] == [
        ("orkdal", "client", "None"),
        ("roros", "member", "2024-03-01"),
    ]
    assert Company.objects.get().contacts.get().phone == "+47 900 00 000"
    need = Need.objects.get(text="Søker kapital")
    assert sorted(a.slug for a in need.areas.all()) == ["eksport", "finansiering"]


def test_it_writes_one_audit_entry_per_import(import_document):
    import_document(document())

    entry = AuditEntry.objects.get()
    assert entry.action == "network.imported"
    assert entry.object_type == "network.networksettings"
    assert entry.data["sections"]["people"] == {"created": 2, "updated": 0, "unchanged": 0}


def test_it_reads_the_document_from_standard_input(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(document())))
    out = StringIO()

    call_command("import_network", "-", stdout=out, stderr=StringIO())

    assert "people: 2 created" in out.getvalue()


def test_it_rolls_back_what_it_wrote_when_the_database_refuses_a_row(db, tmp_path, monkeypatch):
    def refuse(plan):
        raise IntegrityError("duplicate key")

    monkeypatch.setattr(CompanyPlan, "write", refuse)
    path = tmp_path / "network.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    before = snapshot()

    with pytest.raises(CommandError, match="refused"):
        call_command("import_network", str(path), stdout=StringIO(), stderr=StringIO())

    assert snapshot() == before
    assert not Competence.objects.exists()


def test_it_says_when_the_file_cannot_be_read(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_network", str(tmp_path / "missing.json"))


def test_it_exits_with_status_1_from_the_command_line(tmp_path):
    env = {**os.environ, "DEBUG": "1", "KOLLEGIUM_DATA_DIR": str(tmp_path)}

    result = subprocess.run(
        [sys.executable, "-m", "kollegium.cli", "import_network", "-"],
        input='{"format": ',
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )

    assert result.returncode == 1
    assert "invalid JSON at line 1, column 12: Expecting value" in result.stderr
    assert result.stdout == ""


def test_it_imports_and_exports_each_persons_capacity(import_document, export_document):
    doc = document()
    doc["people"][0]["capacity"] = "not_now"
    import_document(doc)

    person = Person.objects.get(user__email=doc["people"][0]["email"])
    assert person.capacity == "not_now"
    exported = json.loads(export_document())
    entry = next(p for p in exported["people"] if p["email"] == person.user.email)
    assert entry["capacity"] == "not_now"
    # Left out, it stays as it is.
    del doc["people"][0]["capacity"]
    import_document(doc)
    person.refresh_from_db()
    assert person.capacity == "not_now"
