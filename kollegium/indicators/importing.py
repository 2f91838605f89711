"""Checking a key-figure spreadsheet row by row, before anything is written.

Pure functions over the cell values of ``tabular.read_rows``: the header names the columns
(case-insensitively, English or Norwegian), every data row must carry a valid organisation
number, a year in range and at least one figure, and no (organisation number, year) may
appear twice. Whether the company is registered and served by the importer's garden is
checked by the service, which has the database.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.core.validators import normalize_org_number, validate_org_number
from kollegium.indicators.models import MAX_AMOUNT, MIN_YEAR
from kollegium.indicators.numbers import parse_amount, parse_whole_number

FIGURES = ("revenue", "operating_result", "wage_costs", "employees")
# Canonical name first: that is what the template file uses.
COLUMNS = {
    "org_number": ("org_number", "orgnr", "org nr", "organisasjonsnummer", "organisation number"),
    "year": ("year", "år", "aar", "regnskapsår", "regnskapsaar"),
    "revenue": ("revenue", "driftsinntekter", "sum driftsinntekter"),
    "operating_result": ("operating_result", "driftsresultat"),
    "wage_costs": ("wage_costs", "lønnskostnader", "lonnskostnader", "lønnskostnad"),
    "employees": ("employees", "ansatte", "antall ansatte"),
}
# Columns people keep for their own reading; their content is not imported.
IGNORED = {"name", "navn", "company", "bedrift", "bedriftsnavn", "foretaksnavn", "company name"}
TEMPLATE_HEADER = [aliases[0] for aliases in COLUMNS.values()]


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row (the header is row 1; None for the whole file)."""

    row: int | None
    column: str
    message: str


@dataclass
class ImportRow:
    row: int
    org_number: str
    year: int
    figures: dict[str, int] = field(default_factory=dict)
    # The organisation number's column as the file names it, for messages about the company.
    org_header: str = "org_number"


def _key(header) -> str:
    text = str(header if header is not None else "").strip().lower()
    return re.sub(r"[\s_.\-]+", " ", text).strip()


ALIASES = {_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def map_header(header: list) -> tuple[dict[str, tuple[int, str]], list[RowError]]:
    """Which column holds which field: {field: (index, header as written)}, and problems."""
    columns: dict[str, tuple[int, str]] = {}
    errors = []
    for index, cell in enumerate(header):
        written = str(cell).strip() if cell is not None else ""
        key = _key(cell)
        if not key or key in {_key(name) for name in IGNORED}:
            continue
        name = ALIASES.get(key)
        if name is None:
            message = _("Unknown column “%(column)s”. The columns are: %(known)s.") % {
                "column": written,
                "known": ", ".join(TEMPLATE_HEADER),
            }
            errors.append(RowError(1, written, message))
        elif name in columns:
            message = _("The column “%(column)s” appears twice.") % {"column": written}
            errors.append(RowError(1, written, message))
        else:
            columns[name] = (index, written)
    for required in ("org_number", "year"):
        if required not in columns:
            message = _("The file has no column “%(column)s”. The first row must name the columns.")
            errors.append(RowError(1, "", message % {"column": required}))
    if not any(name in columns for name in FIGURES):
        message = _("The file has no figure columns (%(columns)s).")
        errors.append(RowError(1, "", message % {"columns": ", ".join(FIGURES)}))
    return columns, errors


def _cell(row: list, index: int):
    value = row[index] if index < len(row) else None
    return value.strip() if isinstance(value, str) else value


def _is_blank(row: list) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in row)


def _org_number(value) -> str:
    if value is None or value == "":
        raise ValidationError(_("Enter the organisation number."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = normalize_org_number(str(value))
    validate_org_number(number)
    return number


def _year(value) -> int:
    if value is None or value == "":
        raise ValidationError(_("Enter the year."))
    try:
        year = parse_whole_number(value)
    except ValidationError:
        raise ValidationError(_("“%(value)s” is not a year.") % {"value": value}) from None
    last = timezone.localdate().year
    if not MIN_YEAR <= year <= last:
        raise ValidationError(
            _("The year must be between %(first)s and %(last)s.")
            % {"first": MIN_YEAR, "last": last}
        )
    return year


def figure_value(name: str, value) -> int | None:
    """A figure as stored: whole kroner for amounts, a whole number of employees."""
    number = parse_whole_number(value) if name == "employees" else parse_amount(value)
    if number is None:
        return None
    if number < 0 and name != "operating_result":
        raise ValidationError(_("This figure cannot be negative."))
    if abs(number) > MAX_AMOUNT:
        raise ValidationError(_("This number is too large."))
    return number


def _parse_row(number: int, row: list, columns: dict) -> tuple[ImportRow | None, list[RowError]]:
    values, errors = {}, []
    parsers = {"org_number": _org_number, "year": _year}
    for name, (index, written) in columns.items():
        parser = parsers.get(name) or (lambda value, name=name: figure_value(name, value))
        try:
            values[name] = parser(_cell(row, index))
        except ValidationError as exc:
            errors.extend(RowError(number, written, message) for message in exc.messages)
    figures = {name: values[name] for name in FIGURES if values.get(name) is not None}
    if not figures and not any(e.column in _figure_headers(columns) for e in errors):
        errors.append(RowError(number, "", _("The row has no figures.")))
    if errors:
        return None, errors
    org_header = columns["org_number"][1]
    return ImportRow(number, values["org_number"], values["year"], figures, org_header), []


def _figure_headers(columns: dict) -> set[str]:
    return {written for name, (_index, written) in columns.items() if name in FIGURES}


def parse_rows(rows: list[list]) -> tuple[list[ImportRow], list[RowError]]:
    """Every data row checked on its own; all the problems, not just the first."""
    if not rows:
        return [], [RowError(None, "", _("The file is empty."))]
    columns, errors = map_header(rows[0])
    if errors:
        return [], errors
    parsed: list[ImportRow] = []
    seen: dict[tuple[str, int], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if _is_blank(row):
            continue
        item, row_errors = _parse_row(number, row, columns)
        errors.extend(row_errors)
        if item is None:
            continue
        first = seen.setdefault((item.org_number, item.year), number)
        if first != number:
            message = _(
                "Organisation number %(number)s and year %(year)s are already in row %(row)s."
            ) % {"number": item.org_number, "year": item.year, "row": first}
            errors.append(RowError(number, columns["year"][1], message))
            continue
        parsed.append(item)
    if not parsed and not errors:
        errors.append(RowError(None, "", _("The file has no rows of figures.")))
    return parsed, errors
