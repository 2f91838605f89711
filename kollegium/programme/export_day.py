"""The participant list as a spreadsheet: CSV (as Norwegian Excel opens it) and XLSX.

Cells that a spreadsheet would run as a formula (text starting with =, +, - or @) get a
leading apostrophe, so a name typed into the public sign-up form cannot run anything in the
organiser's spreadsheet.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from kollegium.programme.selectors.participants import Participants, gardens_of

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _answer(registration, question) -> str:
    answers = registration.answers or {}
    value = answers.get(str(question.pk), answers.get(question.label, ""))
    return ", ".join(value) if isinstance(value, list) else str(value)


def header(questions) -> list[str]:
    return [
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Company"),
        _("Organisation number"),
        _("Gardens"),
        _("Status"),
        _("Place in line"),
        _("Signed up"),
        _("Checked in"),
        _("Walk-in"),
        *(question.label for question in questions),
    ]


def rows(people: Participants, questions) -> list[list]:
    """One row per registration with its personal data: confirmed, offered, waitlisted (in
    line order), cancelled."""
    yes, no = _("yes"), _("no")
    table = []
    for registration in people.everyone:
        company = registration.company
        table.append(
            [
                registration.name,
                registration.email,
                registration.phone,
                company.name if company else registration.company_name,
                company.org_number if company else "",
                ", ".join(garden.name for garden in gardens_of(registration)),
                registration.get_status_display(),
                getattr(registration, "position", ""),
                _when(registration.created_at),
                _when(registration.checked_in_at) if registration.attended else no,
                yes if registration.walk_in else no,
                *(_answer(registration, question) for question in questions),
            ]
        )
    return [[_safe(cell) for cell in row] for row in table]


def write_csv(head: list[str], table: list[list]) -> bytes:
    """ ";"-separated with a UTF-8 byte order mark: Norwegian Excel opens it in columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(table)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(head: list[str], table: list[list], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table:
        sheet.append(row)
    for index in range(1, len(head) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
