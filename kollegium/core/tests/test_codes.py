"""Official code lists: shipped in the database, read by every process, replaced by command."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from kollegium.core import codes
from kollegium.core.models import AuditEntry, Code, CodeCorrespondence, CodeList
from kollegium.core.validators import validate_industry_code, validate_industry_code_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lists_from_the_database():
    codes.refresh()
    yield
    codes.clear_cache()


def _load(path, *args) -> str:
    out = io.StringIO()
    call_command("load_codes", str(path), *args, stdout=out, stderr=io.StringIO())
    codes.refresh()
    return out.getvalue()


def test_the_shipped_lists_are_in_the_database_with_their_source():
    counts = {c.standard: c.codes.count() for c in CodeList.objects.all()}
    assert counts == {
        "kommune-2024": 357,
        "fylke-2024": 15,
        "sn2025": 1783,
        "sn2007": 1811,
        "orgform": 46,
    }
    assert "Klass 131" in CodeList.objects.get(pk="kommune-2024").source


def test_the_functions_read_the_lists_by_name():
    assert len(codes.municipalities()) == 357 and len(codes.counties()) == 15
    assert codes.municipality_name("5025") == "Røros - Rossen"
    assert codes.county_name("50") == "Trøndelag - Trööndelage"
    assert codes.county_of("5025") == "50"
    assert codes.industry_name("62.100") == "Dataprogrammeringstjenester"
    assert codes.industry_name("62.010", codes.SN2007) == "Programmeringstjenester"
    assert codes.industry_name("62.010") == ""  # not an SN2025 code
    assert codes.org_form_name("AS") == "Aksjeselskap"
    assert codes.entries(codes.SN2025)["62.100"] == codes.Entry(
        "62.100", "Dataprogrammeringstjenester", "62.10", 5
    )
    assert ("5025", "Røros - Rossen (5025)") in codes.municipality_choices()


def test_the_database_and_the_shipped_files_agree():
    from_database = (codes.municipalities(), codes.industry_codes(), codes.org_forms())
    codes.clear_cache()  # in tests, a process without a refresh reads the files
    assert (codes.municipalities(), codes.industry_codes(), codes.org_forms()) == from_database


def test_it_replaces_a_list_and_audits_it(tmp_path):
    path = tmp_path / "orgformer.csv"
    path.write_text("code,name\nAS,Aksjeselskap (nytt navn)\nENK,Enkeltpersonforetak\nNY,Ny form\n")
    out = _load(path, "--standard", "orgform")
    assert "Updated orgform: 1 added, 1 changed, 44 removed." in out
    assert codes.org_form_name("AS") == "Aksjeselskap (nytt navn)"
    assert codes.org_form_name("NY") == "Ny form"
    assert set(codes.org_forms()) == {"AS", "ENK", "NY"}
    entry = AuditEntry.objects.get(action="codes.loaded")
    assert (entry.object_id, entry.data) == ("orgform", {"added": 1, "changed": 1, "removed": 44})


def test_a_new_yearly_list_becomes_current_from_its_date(tmp_path):
    path = tmp_path / "kommuner-2099.csv"
    path.write_text("number,name\n5001,Trondheim - Tråante\n5099,Nykommune\n")
    args = ["--standard", "kommune-2099", "--kind", "municipality", "--valid-from", "2099-01-01"]
    _load(path, *args)
    assert codes.current_standard("municipality") == "kommune-2024"  # not yet in force
    CodeList.objects.filter(pk="kommune-2099").update(valid_from=datetime.date(2025, 1, 1))
    codes.clear_cache()
    codes.refresh()
    assert codes.current_standard("municipality") == "kommune-2099"
    assert set(codes.municipalities()) == {"5001", "5099"}
    # A number the new list dropped keeps its name from the older list.
    assert codes.municipality_name("5025") == "Røros - Rossen"
    assert Code.objects.get(standard="kommune-2099", code="5099").parent == "50"


def test_it_reads_a_klass_export_as_it_is(tmp_path):
    klass = (
        '"code";"parentCode";"level";"name";"shortName";"presentationName";"validFrom"\n'
        '"A";"";"1";"Jordbruk, skogbruk og fiske";"";"";""\n'
        '"01";"A";"2";"Jordbruk";"";"";""\n'
        '"01.1";"01";"3";"Ettårige vekster";"";"";""\n'
    )
    path = tmp_path / "klass.csv"
    path.write_bytes(klass.encode("cp1252"))
    _load(path, "--standard", "sn2030", "--kind", "industry", "--valid-from", "2030-01-01")
    assert codes.industry_codes("sn2030") == {
        "A": "Jordbruk, skogbruk og fiske",
        "01": "Jordbruk",
        "01.1": "Ettårige vekster",
    }
    assert codes.entries("sn2030")["01.1"] == codes.Entry("01.1", "Ettårige vekster", "01", 3)


def test_a_bad_file_changes_nothing_and_names_its_lines(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name\n0301,Oslo\n030,Feil\n5001,\n0301,Oslo igjen\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="was not loaded; nothing changed"):
        call_command(
            "load_codes", str(path), "--standard", "kommune-2024", stdout=io.StringIO(), stderr=err
        )
    assert err.getvalue().splitlines() == [
        "line 3: '030' is not a code of this kind (municipality)",
        "line 4: code 5001 has no name",
        "line 5: code 0301 is listed twice",
    ]
    assert Code.objects.filter(standard="kommune-2024").count() == 357


def test_a_new_list_needs_its_kind(tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("code,name\n0301,Oslo\n")
    with pytest.raises(CommandError, match="kommune-2025 is a new list: say which kind"):
        call_command("load_codes", str(path), "--standard", "kommune-2025", stdout=io.StringIO())
    assert not CodeList.objects.filter(pk="kommune-2025").exists()


def test_another_process_sees_a_loaded_list_when_it_next_checks(tmp_path):
    before = codes.org_form_name("AS")
    # As if another process loaded a list: the database changes, this process's copy not yet.
    CodeList.objects.filter(pk="orgform").update(loaded_at=datetime.datetime.now(datetime.UTC))
    Code.objects.filter(standard="orgform", code="AS").update(name="Aksjeselskap!")
    assert codes.org_form_name("AS") == before
    codes.refresh()
    assert codes.org_form_name("AS") == "Aksjeselskap!"


def test_it_loads_a_correspondence_table_read_both_ways(tmp_path):
    path = tmp_path / "2919.csv"
    path.write_text(
        '"sourceCode";"sourceName";"targetCode";"targetName"\n'
        '"62.100";"Dataprogrammeringstjenester";"62.010";"Programmeringstjenester"\n'
        '"56.110";"Drift av restauranter";"56.101";"Drift av restauranter og kafeer"\n'
        '"56.120";"Mobil servering";"56.101";"Drift av restauranter og kafeer"\n'
    )
    out = io.StringIO()
    call_command("load_correspondence", str(path), "--from", "sn2025", "--to", "sn2007", stdout=out)
    codes.refresh()
    assert "Loaded 3 pairs sn2025 -> sn2007" in out.getvalue()
    assert codes.equivalents("56.101") == ("56.110", "56.120")
    assert codes.equivalents("62.010") == ("62.100",)
    assert codes.equivalents("62.100", codes.SN2025, codes.SN2007) == ("62.010",)
    assert AuditEntry.objects.filter(action="codes.correspondence_loaded").count() == 1

    path.write_text("sourceCode,targetCode\n62.100,62.010\n")
    call_command("load_correspondence", str(path), "--from", "sn2025", "--to", "sn2007", stdout=out)
    codes.refresh()
    assert codes.equivalents("56.101") == ()
    assert CodeCorrespondence.objects.count() == 1


def test_a_correspondence_with_unknown_codes_changes_nothing(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("sn2007,sn2025\n62.010,62.100\n99.999,62.100\n62.010,62.999\n")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_correspondence", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "62.999 is not a code of sn2025",
        "99.999 is not a code of sn2007",
    ]
    assert not CodeCorrespondence.objects.exists()


def test_industry_codes_are_checked_against_their_own_standard():
    validate_industry_code("62.100")
    validate_industry_code_in("62.010", codes.SN2007)
    with pytest.raises(ValidationError) as exc:
        validate_industry_code_in("62.010", codes.SN2025)
    assert exc.value.code == "unknown_industry_code"
    with pytest.raises(ValidationError):
        validate_industry_code("62.010")
