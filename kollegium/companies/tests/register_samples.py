"""Register files for the tests, written into tmp_path: entities shaped like the register's.

``enhet()`` returns one main unit as the bulk JSON holds it (the API's shape, SN2025 codes as
in files from 2025 on); ``write()`` puts a list of them into a file as JSON or as the CSV
layout (dotted column names, every cell quoted), gzipped or not. The real CSV excerpts of
early 2024 (SN2007 codes) are in tests/data (see its README).
"""

import csv
import gzip
import io
import json
from pathlib import Path

from django.core.management import call_command

from kollegium.companies.tests.factories import valid_org_number

DATA = Path(__file__).resolve().parent / "data"
EXCERPT = DATA / "enheter-2024-excerpt.csv"
SUB_UNITS = DATA / "underenheter-2024-excerpt.csv"

# The columns Kollegium reads and some it does not, in the order of the 2024 header.
CSV_COLUMNS = [
    "organisasjonsnummer",
    "navn",
    "organisasjonsform.kode",
    "organisasjonsform.beskrivelse",
    "naeringskode1.kode",
    "naeringskode1.beskrivelse",
    "harRegistrertAntallAnsatte",
    "antallAnsatte",
    "hjemmeside",
    "postadresse.adresse",
    "postadresse.poststed",
    "postadresse.postnummer",
    "postadresse.kommunenummer",
    "forretningsadresse.adresse",
    "forretningsadresse.poststed",
    "forretningsadresse.postnummer",
    "forretningsadresse.kommune",
    "forretningsadresse.kommunenummer",
    "forretningsadresse.land",
    "forretningsadresse.landkode",
    "registreringsdatoenhetsregisteret",
    "stiftelsesdato",
    "registrertIMvaRegisteret",
    "konkurs",
    "konkursdato",
    "underAvvikling",
    "underAvviklingDato",
    "underTvangsavviklingEllerTvangsopplosning",
    "overordnetEnhet",
    "maalform",
]


def enhet(n: int = 1, **overrides) -> dict:
    """A main unit in Røros, SN2025 code 62.100; keyword arguments replace top-level keys."""
    data = {
        "organisasjonsnummer": valid_org_number(n),
        "navn": f"FJELLDATA {n} AS",
        "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
        "hjemmeside": f"www.fjelldata{n}.no",
        "postadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "7361",
            "poststed": "RØROS",
            "adresse": ["Postboks 12"],
            "kommune": "RØROS",
            "kommunenummer": "5025",
        },
        "registreringsdatoEnhetsregisteret": "2018-03-01",
        "registrertIMvaregisteret": True,
        "naeringskode1": {"kode": "62.100", "beskrivelse": "Dataprogrammeringstjenester"},
        "antallAnsatte": 12,
        "harRegistrertAntallAnsatte": True,
        "forretningsadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "7374",
            "poststed": "RØROS",
            "adresse": ["c/o Kari Nordmann", "Kjerkgata 10", None, ""],
            "kommune": "RØROS",
            "kommunenummer": "5025",
        },
        "stiftelsesdato": "2018-02-20",
        "institusjonellSektorkode": {"kode": "2100", "beskrivelse": "Private aksjeselskaper mv."},
        "registrertIForetaksregisteret": True,
        "registrertIStiftelsesregisteret": False,
        "registrertIFrivillighetsregisteret": False,
        "konkurs": False,
        "konkursdato": "",
        "underAvvikling": False,
        "underAvviklingDato": "",
        "underTvangsavviklingEllerTvangsopplosning": False,
        "maalform": "Bokmål",
        "vedtektsfestetFormaal": ["Utvikling av programvare."],
        "aktivitet": [],
        "_links": {"self": {"href": "https://data.brreg.no/enhetsregisteret/api/enheter/x"}},
    }
    data.update(overrides)
    return data


def _cell(entity: dict, column: str) -> str:
    value = entity
    for part in column.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if column == "registreringsdatoenhetsregisteret":
        value = entity.get("registreringsdatoEnhetsregisteret")
    if column == "registrertIMvaRegisteret":
        value = entity.get("registrertIMvaregisteret")
    if isinstance(value, list):
        return "\n".join(line for line in value if line)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def csv_text(entities: list[dict], columns: list[str] = CSV_COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for entity in entities:
        writer.writerow([_cell(entity, column) for column in columns])
    return out.getvalue()


def json_text(entities: list[dict]) -> str:
    return json.dumps(entities, ensure_ascii=False, indent=2)


def write(path: Path, entities: list[dict], *, fmt: str = "json", gz: bool = False) -> Path:
    """The entities as a register file (``fmt`` json or csv), gzipped when ``gz``."""
    text = json_text(entities) if fmt == "json" else csv_text(entities)
    return write_text(path, text, gz=gz)


def write_text(path: Path, text: str, *, gz: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def run_import(*args, **options) -> tuple[str, str]:
    """Run ``kollegium import_register``; (standard output, standard error)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_register", *[str(a) for a in args], stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()
