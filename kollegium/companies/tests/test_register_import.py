"""kollegium import_register: what it creates and updates, its summary, idempotence."""

import datetime
import json

import pytest

from kollegium.companies.models import (
    Company,
    RegisterEntry,
    RegisterImport,
    RegisterImportStatus,
)
from kollegium.companies.tests.register_samples import (
    EXCERPT,
    SUB_UNITS,
    enhet,
    run_import,
    write,
    write_text,
)
from kollegium.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _fields(company: Company) -> dict:
    names = [
        "name",
        "org_form",
        "nace",
        "nace_standard",
        "municipality",
        "address",
        "postcode",
        "post_town",
        "employees",
        "website",
        "founded",
        "bankrupt",
        "under_liquidation",
    ]
    return {name: getattr(company, name) for name in names}


def test_it_creates_companies_from_the_real_csv_excerpt():
    out, _err = run_import(EXCERPT, quiet=True)
    assert Company.objects.count() == 14
    assert RegisterEntry.objects.count() == 14
    zxy = Company.objects.get(org_number="984423713")
    assert _fields(zxy) == {
        "name": "ZXY SPORT TRACKING AS",
        "org_form": "AS",
        "nace": "63.110",
        "nace_standard": "sn2007",
        "municipality": "5001",
        "address": "Inngangg C\nIngvald Ystgaards veg 1",
        "postcode": "7047",
        "post_town": "TRONDHEIM",
        "employees": 5,
        "website": "https://zxy.no",
        "founded": datetime.date(2002, 4, 11),
        "bankrupt": False,
        "under_liquidation": False,
    }
    assert zxy.register_updated_at is not None
    assert Company.objects.get(org_number="876077922").bankrupt
    assert Company.objects.get(org_number="930657298").under_liquidation
    assert "industry codes read as SN2007" in out
    assert "created                                         14" in out


def test_it_keeps_codes_the_lists_do_not_know_in_the_register_data_only():
    out, _err = run_import(EXCERPT, quiet=True)
    svalbard = Company.objects.get(org_number="982961041")
    assert svalbard.municipality == ""
    assert RegisterEntry.objects.get(org_number="982961041").municipality == "2100"
    assert "note: municipality number not in the current list: 1" in out
    # 00.000 is the register's "unknown": no code at all, not an unknown one.
    assert Company.objects.get(org_number="930559709").nace == ""


def test_it_keeps_employees_unknown_where_the_register_hides_them():
    run_import(EXCERPT, quiet=True)
    hidden = Company.objects.get(org_number="928276627")
    assert hidden.employees is None
    assert RegisterEntry.objects.get(org_number="928276627").has_registered_employees is True
    assert Company.objects.filter(employees=0).count() == 0


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_it_imports_every_format_alike(tmp_path, fmt, gz):
    entities = [enhet(1), enhet(2, antallAnsatte=None, hjemmeside=None)]
    out, _err = run_import(write(tmp_path / "enheter", entities, fmt=fmt, gz=gz), quiet=True)
    first = Company.objects.get(org_number=entities[0]["organisasjonsnummer"])
    assert _fields(first) == {
        "name": "FJELLDATA 1 AS",
        "org_form": "AS",
        "nace": "62.100",
        "nace_standard": "sn2025",
        "municipality": "5025",
        "address": "c/o Kari Nordmann\nKjerkgata 10",
        "postcode": "7374",
        "post_town": "RØROS",
        "employees": 12,
        "website": "https://www.fjelldata1.no",
        "founded": datetime.date(2018, 2, 20),
        "bankrupt": False,
        "under_liquidation": False,
    }
    second = Company.objects.get(org_number=entities[1]["organisasjonsnummer"])
    assert (second.employees, second.website) == (None, "")
    assert "industry codes read as SN2025" in out


def test_it_changes_nothing_when_the_same_file_is_imported_again(tmp_path):
    path = write(tmp_path / "e.json.gz", [enhet(n) for n in range(1, 6)], gz=True)
    run_import(path, quiet=True)
    before = {c.org_number: (c.updated_at, c.register_updated_at) for c in Company.objects.all()}
    imported = {e.org_number: e.imported_at for e in RegisterEntry.objects.all()}
    audits = AuditEntry.objects.count()

    out, _err = run_import(path, quiet=True)

    after = {c.org_number: (c.updated_at, c.register_updated_at) for c in Company.objects.all()}
    assert after == before
    assert {e.org_number: e.imported_at for e in RegisterEntry.objects.all()} == imported
    assert "unchanged                                        5" in out
    assert "created                                          0" in out
    # Only the second run's own entry.
    assert AuditEntry.objects.count() == audits + 1


def test_it_records_each_run_and_audits_updated_companies(tmp_path):
    run_import(write(tmp_path / "a.json", [enhet(1), enhet(2)]), quiet=True)
    renamed = enhet(1, navn="FJELLDATA NORD AS")
    run_import(write(tmp_path / "b.json", [renamed, enhet(2)]), quiet=True)
    first, second = RegisterImport.objects.order_by("pk")
    assert first.status == second.status == RegisterImportStatus.COMPLETED
    assert first.counts["created"] == 2
    assert (second.counts["updated"], second.counts["unchanged"]) == (1, 1)
    runs = AuditEntry.objects.filter(action="register.imported").order_by("pk")
    assert [a.object_id for a in runs] == [str(first.pk), str(second.pk)]
    company = Company.objects.get(org_number=renamed["organisasjonsnummer"])
    entry = AuditEntry.objects.get(action="company.register_updated")
    assert (entry.object_id, entry.actor) == (str(company.pk), None)
    assert entry.data == {"fields": ["name"], "import": second.pk}


def test_it_imports_sub_units_with_their_location_and_start_date():
    run_import(SUB_UNITS, quiet=True)
    nille = Company.objects.get(org_number="813095092")
    assert (nille.org_form, nille.municipality, nille.address) == ("BEDR", "5053", "Nessjordet 1")
    assert nille.founded == datetime.date(2014, 3, 1)
    assert RegisterEntry.objects.get(org_number="813095092").parent_org_number == "918468919"


def test_it_reads_industry_codes_by_the_list_that_knows_them(tmp_path):
    old = enhet(1, naeringskode1={"kode": "62.010", "beskrivelse": "Programmeringstjenester"})
    run_import(write(tmp_path / "old.json", [old]), quiet=True)
    company = Company.objects.get()
    assert (company.nace, company.nace_standard) == ("62.010", "sn2007")
    # The newer file says the same in SN2025: the code and its standard change together.
    run_import(write(tmp_path / "new.json", [enhet(1)]), quiet=True)
    company.refresh_from_db()
    assert (company.nace, company.nace_standard) == ("62.100", "sn2025")


def test_it_follows_the_standard_it_is_told(tmp_path):
    # 94.110 exists in both lists; told SN2007, it is read as SN2007.
    entity = enhet(naeringskode1={"kode": "94.110", "beskrivelse": "Interesseorg."})
    run_import(write(tmp_path / "e.json", [entity]), quiet=True, nace_standard="sn2007")
    assert Company.objects.get().nace_standard == "sn2007"


def test_it_counts_and_names_rejected_entities(tmp_path):
    entities = [
        enhet(1),
        enhet(2, organisasjonsnummer="923609017"),
        enhet(3, navn=""),
        enhet(4, stiftelsesdato="1. mai"),
    ]
    out, _err = run_import(write(tmp_path / "e.csv", entities, fmt="csv"), quiet=True)
    assert Company.objects.count() == 1
    assert "rejected                                         3" in out
    assert "invalid organisation number: 1 (line 4)" in out
    assert "no name: 1 (line 6)" in out
    assert "stiftelsesdato is not a date (YYYY-MM-DD): 1 (line 8)" in out
    assert RegisterImport.objects.get().counts["rejected"] == 3


def test_it_reports_progress_on_standard_error(tmp_path, monkeypatch):
    monkeypatch.setattr("kollegium.companies.register.PROGRESS_EVERY", 2)
    path = write(tmp_path / "e.json", [enhet(n) for n in range(1, 6)])
    _out, err = run_import(path)
    assert err.splitlines()[-1].startswith("[##############################] 100%  5 read, 5")
    assert run_import(path, quiet=True)[1] == ""


def test_it_rejects_what_is_no_object_in_a_json_array(tmp_path):
    path = write_text(tmp_path / "e.json", json.dumps([5, enhet(1), ["x"]]))
    out, _err = run_import(path, quiet=True)
    assert Company.objects.count() == 1
    assert "not an object: 2 (entity 1, entity 3)" in out
