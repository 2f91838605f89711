"""Reading register files: formats, streaming, damaged files, and the fields of one entity."""

import datetime
import gzip
import json

import pytest

from kollegium.companies import register_read
from kollegium.companies.register_read import RegisterFileError, Source
from kollegium.companies.register_records import (
    CsvFields,
    JsonFields,
    RowRejected,
    filter_keys,
    record,
)
from kollegium.companies.tests.register_samples import (
    CSV_COLUMNS,
    EXCERPT,
    csv_text,
    enhet,
    json_text,
    write,
    write_text,
)


def _entities(path):
    source = Source(str(path))
    try:
        return [raw for _line, raw in source.entities()]
    finally:
        source.close()


def _read(path):
    source = Source(str(path))
    try:
        entities = source.entities()
        fields = JsonFields() if source.format == "json" else CsvFields(source.columns)
        records = []
        for _line, raw in entities:
            keys = filter_keys(fields, raw)
            records.append(record(fields, raw, keys, "sn2025"))
        return source.format, records
    finally:
        source.close()


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_it_reads_the_same_entities_from_every_format(tmp_path, fmt, gz):
    entities = [enhet(1), enhet(2, navn="ANDRE AS")]
    found, records = _read(write(tmp_path / "enheter", entities, fmt=fmt, gz=gz))
    assert found == fmt
    assert [r.name for r in records] == ["FJELLDATA 1 AS", "ANDRE AS"]
    first = records[0]
    assert (first.org_form, first.nace, first.municipality) == ("AS", "62.100", "5025")
    assert first.address == "c/o Kari Nordmann\nKjerkgata 10"
    assert (first.postcode, first.post_town) == ("7374", "RØROS")
    assert (first.employees, first.has_registered_employees) == (12, True)
    assert first.website == "https://www.fjelldata1.no"
    assert first.founded == datetime.date(2018, 2, 20)
    assert (first.bankrupt, first.under_liquidation) == (False, False)


def test_it_tells_the_format_by_the_content_not_the_name(tmp_path):
    disguised = write(tmp_path / "enheter.csv", [enhet()], fmt="json", gz=True)
    assert _read(disguised)[0] == "json"
    named_json = write(tmp_path / "enheter.json", [enhet()], fmt="csv")
    assert _read(named_json)[0] == "csv"


def test_it_decodes_json_objects_split_between_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(register_read, "CHUNK_CHARS", 7)
    entities = [enhet(n) for n in range(1, 6)]
    _fmt, records = _read(write(tmp_path / "e.json", entities))
    assert [r.org_number for r in records] == [e["organisasjonsnummer"] for e in entities]


def test_it_reads_an_empty_array(tmp_path):
    assert _read(write_text(tmp_path / "e.json", " [ ] \n")) == ("json", [])


def test_it_stops_at_a_gzip_file_cut_short(tmp_path):
    data = gzip.compress(json_text([enhet(n) for n in range(1, 200)]).encode())
    path = tmp_path / "cut.json.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(RegisterFileError, match="gzip data is damaged or cut short"):
        _read(path)


def test_it_stops_at_a_json_array_cut_short_naming_how_far_it_came(tmp_path):
    text = json.dumps([enhet(1), enhet(2), enhet(3)])
    path = write_text(tmp_path / "cut.json", text[: text.index('"FJELLDATA 3 AS"')])
    with pytest.raises(RegisterFileError, match="ends inside the array after 2 entities"):
        _read(path)


def test_it_stops_at_malformed_json_naming_the_line(tmp_path):
    text = json_text([enhet(1), enhet(2)]).replace('"FJELLDATA 2 AS"', "FJELLDATA 2 AS")
    line = text[: text.index("FJELLDATA 2 AS")].count("\n") + 1
    with pytest.raises(RegisterFileError, match=f"line {line}, .*entity 2 is not valid JSON"):
        _read(write_text(tmp_path / "bad.json", text))


def test_it_stops_at_a_missing_comma_between_entities(tmp_path):
    text = "[" + json.dumps(enhet(1)) + "\n" + json.dumps(enhet(2)) + "]"
    with pytest.raises(RegisterFileError, match="line 2, .*expected , or ] after entity 1"):
        _read(write_text(tmp_path / "bad.json", text))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ('{"organisasjonsnummer": "923609016"}', "one JSON object"),
        ("[1, 2] x", "text after the end of the array"),
    ],
)
def test_it_refuses_what_is_no_register_file(tmp_path, text, message):
    with pytest.raises(RegisterFileError, match=message):
        _entities(write_text(tmp_path / "f", text))


def test_it_refuses_a_csv_file_without_the_org_number_column(tmp_path):
    text = csv_text([enhet()]).replace("organisasjonsnummer", "orgnr", 1)
    with pytest.raises(RegisterFileError, match="line 1: the header has no column organisasjon"):
        _read(write_text(tmp_path / "e.csv", text))


def test_it_stops_at_a_csv_row_with_cells_missing(tmp_path):
    text = csv_text([enhet(1), enhet(2)])
    cut = text[: text.rindex('"RØROS"')].rstrip(",")
    # Header on line 1; each entity takes two lines (a line break in its address).
    with pytest.raises(RegisterFileError, match="line 4 has 16 cells where the header has 30"):
        _read(write_text(tmp_path / "cut.csv", cut))


def test_it_stops_at_a_csv_quote_left_open(tmp_path):
    text = csv_text([enhet(1)]) + '"923609016","KUTTET AS'
    with pytest.raises(RegisterFileError, match="line 4: unexpected end of data"):
        _read(write_text(tmp_path / "open.csv", text))


def test_it_finds_csv_columns_whatever_their_case_and_order(tmp_path):
    columns = list(reversed(CSV_COLUMNS))
    text = csv_text([enhet(1)], columns=columns)
    header = ",".join(f'"{c.upper()}"' for c in columns)
    text = header + text[text.index("\n") :]
    _fmt, records = _read(write_text(tmp_path / "e.csv", text))
    assert (records[0].name, records[0].municipality, records[0].employees) == (
        "FJELLDATA 1 AS",
        "5025",
        12,
    )


def test_it_reads_the_real_csv_excerpt_with_its_literal_line_breaks():
    _fmt, records = _read(EXCERPT)
    by_number = {r.org_number: r for r in records}
    assert len(records) == 14
    assert by_number["919045434"].address == "c/o Arnstein Sæteren\nSeljevegen 26A"
    # "true" with no number: 1-4 employees that the register does not publish.
    assert (by_number["928276627"].employees, by_number["928276627"].has_registered_employees) == (
        None,
        True,
    )
    assert by_number["983998631"].employees == 1219
    assert by_number["876077922"].bankrupt is True
    assert by_number["930657298"].under_liquidation is True
    assert by_number["930559709"].nace == ""  # 00.000 is the register's "unknown"
    assert by_number["984423713"].website == "https://zxy.no"


def test_it_keeps_unknown_dates_and_counts_empty_never_zero(tmp_path):
    entity = enhet(antallAnsatte=None, harRegistrertAntallAnsatte=False, stiftelsesdato="")
    for fmt in ("json", "csv"):
        _f, (found,) = _read(write(tmp_path / f"e.{fmt}", [entity], fmt=fmt))
        assert (found.employees, found.has_registered_employees, found.founded) == (
            None,
            False,
            None,
        )


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"organisasjonsnummer": "923609017"}, "invalid organisation number"),
        ({"organisasjonsnummer": "12345678"}, "invalid organisation number"),
        ({"navn": " "}, "no name"),
        ({"antallAnsatte": "mange"}, "antallAnsatte is not a whole number"),
        ({"stiftelsesdato": "20.02.2018"}, "stiftelsesdato is not a date"),
        ({"konkurs": "kanskje"}, "konkurs is not true or false"),
    ],
)
def test_it_rejects_an_entity_with_a_reason(overrides, reason):
    fields = JsonFields()
    raw = enhet(**overrides)
    with pytest.raises(RowRejected, match=reason):
        record(fields, raw, filter_keys(fields, raw), "sn2025")


def test_it_leaves_out_a_website_that_is_no_web_address():
    fields = JsonFields()
    raw = enhet(hjemmeside="ikke en adresse")
    assert record(fields, raw, filter_keys(fields, raw), "sn2025").website == ""
