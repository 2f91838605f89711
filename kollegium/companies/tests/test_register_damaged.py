"""Damaged and truncated register files: a clear error, committed batches kept, safe re-run."""

import gzip

import pytest
from django.core.management.base import CommandError

from kollegium.companies.models import Company, RegisterEntry, RegisterImport
from kollegium.companies.tests.register_samples import (
    csv_text,
    enhet,
    json_text,
    run_import,
    write,
    write_text,
)
from kollegium.core.models import AuditEntry

pytestmark = pytest.mark.django_db
ENTITIES = [enhet(n) for n in range(1, 26)]


def test_a_json_file_cut_short_keeps_what_came_before_and_can_be_imported_again(tmp_path):
    text = json_text(ENTITIES)
    cut = text[: text.index('"FJELLDATA 23 AS"')]
    path = write_text(tmp_path / "cut.json", cut)

    with pytest.raises(CommandError) as exc:
        run_import(path, quiet=True, batch_size=5)

    message = str(exc.value)
    assert "ends inside the array after 22 entities" in message
    assert "The 22 entities read before the damage are imported and committed" in message
    assert Company.objects.count() == RegisterEntry.objects.count() == 22
    run = RegisterImport.objects.get()
    assert (run.status, run.counts["created"]) == ("failed", 22)
    assert "cut short" in run.error
    assert AuditEntry.objects.filter(action="register.import_failed").count() == 1

    out, _err = run_import(write(tmp_path / "whole.json", ENTITIES), quiet=True, batch_size=5)
    assert Company.objects.count() == 25
    assert "created                                          3" in out
    assert "unchanged                                       22" in out


def test_a_truncated_gzip_file_stops_with_a_clear_error(tmp_path):
    data = gzip.compress(csv_text(ENTITIES * 40).encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: int(len(data) * 0.6)])
    with pytest.raises(CommandError, match="damaged: the gzip data is damaged or cut short"):
        run_import(path, quiet=True, batch_size=5)
    # Whole batches only: every company committed has its register entry.
    assert Company.objects.count() == RegisterEntry.objects.count() == 25


def test_a_csv_row_cut_short_names_its_line(tmp_path):
    text = csv_text(ENTITIES)
    path = write_text(tmp_path / "cut.csv", text[: text.rindex('"RØROS"')])
    with pytest.raises(CommandError, match="line 50 has 17 cells"):
        run_import(path, quiet=True, batch_size=10)
    assert Company.objects.count() == 24


def test_malformed_json_in_the_middle_names_where(tmp_path):
    text = json_text(ENTITIES[:3]).replace('"FJELLDATA 2 AS",', '"FJELLDATA 2 AS"')
    with pytest.raises(CommandError, match=r"line \d+, character \d+: entity 2 is not valid JSON"):
        run_import(write_text(tmp_path / "bad.json", text), quiet=True)
    assert list(Company.objects.values_list("name", flat=True)) == ["FJELLDATA 1 AS"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"orgnr","navn"\n"923609016","X AS"\n', "the header has no column organisasjonsnummer"),
        ("", "the file is empty"),
    ],
)
def test_a_file_that_is_no_register_file_writes_nothing(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        run_import(write_text(tmp_path / "f.csv", text), quiet=True)
    assert not Company.objects.exists()
    assert not RegisterImport.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nowhere.json"):
        run_import(tmp_path / "nowhere.json", quiet=True)


def test_the_same_number_twice_in_one_file_keeps_the_last(tmp_path):
    twice = [enhet(1), enhet(1, navn="FJELLDATA OMDØPT AS")]
    run_import(write(tmp_path / "e.json", twice), quiet=True)
    assert Company.objects.get().name == "FJELLDATA OMDØPT AS"
