"""One register entity as Kollegium keeps it: the fields read from a JSON object or CSV row.

Both formats are read through the same dotted names (``forretningsadresse.kommunenummer``):
a JSON object by walking its keys, a CSV row by its column, matched by name whatever its
case (the register's CSV writes ``registrertIMvaRegisteret`` where the JSON says
``registrertIMvaregisteret``). Sub-units (underenheter) carry ``beliggenhetsadresse`` and
``oppstartsdato`` where main units carry ``forretningsadresse`` and ``stiftelsesdato``.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from kollegium.core.validators import org_number_check_digit

UNKNOWN_INDUSTRY = "00.000"  # the register's "Uoppgitt"
ADDRESSES = ("forretningsadresse", "beliggenhetsadresse")

# Kollegium's name -> the register's names, tried in order.
PATHS: dict[str, tuple[str, ...]] = {
    "org_number": ("organisasjonsnummer",),
    "name": ("navn",),
    "org_form": ("organisasjonsform.kode",),
    "nace": ("naeringskode1.kode",),
    "employees": ("antallAnsatte",),
    "has_registered_employees": ("harRegistrertAntallAnsatte",),
    "website": ("hjemmeside",),
    "founded": ("stiftelsesdato", "oppstartsdato"),
    "bankrupt": ("konkurs",),
    "under_liquidation": ("underAvvikling",),
    "forced_dissolution": ("underTvangsavviklingEllerTvangsopplosning",),
    "parent_org_number": ("overordnetEnhet",),
}
ADDRESS_PARTS = {
    "address": "adresse",
    "postcode": "postnummer",
    "post_town": "poststed",
    "municipality": "kommunenummer",
}
_url = URLValidator(schemes=["http", "https"])


class RowRejected(Exception):
    """The entity cannot be imported; the message is the reason shown in the summary."""


@dataclass(slots=True)
class Record:
    """The register's data for one entity; attribute names are RegisterEntry's fields."""

    org_number: str
    name: str
    org_form: str
    nace: str
    nace_standard: str
    municipality: str
    address: str
    postcode: str
    post_town: str
    employees: int | None
    has_registered_employees: bool | None
    website: str
    founded: datetime.date | None
    bankrupt: bool
    under_liquidation: bool
    forced_dissolution: bool
    parent_org_number: str


class JsonFields:
    """Reads dotted names from a decoded JSON object."""

    def __init__(self) -> None:
        self.paths = {
            key: tuple(tuple(p.split(".")) for p in paths) for key, paths in _all_paths().items()
        }

    def get(self, obj: dict, key: str) -> Any:
        # Names have one or two parts; this runs a few million times in a national import.
        for path in self.paths[key]:
            if len(path) == 1:
                value = obj.get(path[0])
            else:
                parent = obj.get(path[0])
                value = parent.get(path[1]) if isinstance(parent, dict) else None
            if value is not None:
                return value
        return None


class CsvFields:
    """Reads dotted names from a CSV row by the header's column positions."""

    def __init__(self, columns: dict[str, int]) -> None:
        self.at = {
            key: tuple(columns[p.lower()] for p in paths if p.lower() in columns)
            for key, paths in _all_paths().items()
        }

    def get(self, row: list[str], key: str) -> Any:
        for i in self.at[key]:
            if row[i] != "":
                return row[i]
        return None


def _all_paths() -> dict[str, tuple[str, ...]]:
    paths = dict(PATHS)
    for key, part in ADDRESS_PARTS.items():
        paths[key] = tuple(f"{address}.{part}" for address in ADDRESSES)
    return paths


def filter_keys(fields, raw) -> tuple[str, str, str, str]:
    """(org number, municipality, industry code, org form): what the filters look at."""
    return (
        text(fields.get(raw, "org_number")).replace(" ", ""),
        text(fields.get(raw, "municipality")),
        industry_code(fields.get(raw, "nace")),
        text(fields.get(raw, "org_form")).upper(),
    )


def record(fields, raw, keys: tuple[str, str, str, str], nace_standard: str) -> Record:
    """The entity as a Record; RowRejected when it cannot be imported."""
    org_number, municipality, nace, org_form = keys
    if not valid_org_number(org_number):
        raise RowRejected("invalid organisation number")
    name = text(fields.get(raw, "name"))
    if not name:
        raise RowRejected("no name")
    return Record(
        org_number=org_number,
        name=name[:300],
        org_form=org_form[:8],
        # No list has longer codes; a longer one would not fit the column either.
        nace=nace if len(nace) <= 6 else "",
        nace_standard=nace_standard,
        municipality=municipality if len(municipality) == 4 else "",
        address=address(fields.get(raw, "address"))[:300],
        postcode=text(fields.get(raw, "postcode"))[:10],
        post_town=text(fields.get(raw, "post_town"))[:100],
        employees=count(fields.get(raw, "employees"), "antallAnsatte"),
        has_registered_employees=flag(
            fields.get(raw, "has_registered_employees"), "harRegistrertAntallAnsatte"
        ),
        website=website(fields.get(raw, "website")),
        founded=date(fields.get(raw, "founded"), "stiftelsesdato"),
        bankrupt=bool(flag(fields.get(raw, "bankrupt"), "konkurs")),
        under_liquidation=bool(flag(fields.get(raw, "under_liquidation"), "underAvvikling")),
        forced_dissolution=bool(
            flag(
                fields.get(raw, "forced_dissolution"),
                "underTvangsavviklingEllerTvangsopplosning",
            )
        ),
        parent_org_number=text(fields.get(raw, "parent_org_number"))[:9],
    )


def valid_org_number(number: str) -> bool:
    return (
        len(number) == 9
        and number.isdigit()
        and org_number_check_digit(number[:8]) == int(number[8])
    )


def text(value: Any) -> str:
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else str(value)


def industry_code(value: Any) -> str:
    if isinstance(value, dict):  # a whole naeringskode object
        value = value.get("kode")
    code = text(value)
    return "" if code == UNKNOWN_INDUSTRY else code


def address(value: Any) -> str:
    """Address lines, one per line. JSON gives a list (with nulls and empty strings); CSV one
    cell with real line breaks or, in some extracts, a literal "/n" between the lines."""
    if isinstance(value, list):
        lines = [text(line) for line in value]
    else:
        lines = text(value).replace("\r\n", "\n").replace("/n", "\n").split("\n")
    return "\n".join(line.strip() for line in lines if line and line.strip())


def count(value: Any, name: str) -> int | None:
    """A number of employees; empty stays None (the register hides 0-4), never 0."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise RowRejected(f"{name} is not a whole number")


def flag(value: Any, name: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise RowRejected(f"{name} is not true or false")


def date(value: Any, name: str) -> datetime.date | None:
    """YYYY-MM-DD; the register writes an unknown date as "" (or leaves it out)."""
    if value is None or value == "":
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise RowRejected(f"{name} is not a date (YYYY-MM-DD)") from None


def website(value: Any) -> str:
    """The register writes "www.example.no"; Kollegium keeps "https://www.example.no".
    Something that is no web address is left out (the entity is still imported)."""
    url = text(value)
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    try:
        _url(url)
    except ValidationError:
        return ""
    return url if len(url) <= 200 else ""
