"""Exports of the indicator report: XLSX (one sheet per table) and CSV (one table).

Each compared column is followed by the previous period's value, headed with that period.
CSV is written the way Norwegian Excel opens it: ";" and a UTF-8 byte order mark.
"""

import csv
import io
import re

from django.utils.translation import gettext as _

from kollegium.indicators.report import Report, Table

# Characters a sheet title may not hold, and its length limit.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31


def header(table: Table, report: Report) -> list[str]:
    cells = []
    for column in table.columns:
        if column.compare:
            cells.append(f"{column.label} ({report.period.label})")
            cells.append(f"{column.label} ({report.previous.label})")
        else:
            cells.append(column.label)
    return cells


def rows(table: Table) -> list[list]:
    out = []
    for row in table.rows:
        cells = []
        for index, column in enumerate(table.columns):
            cells.append(row.cells[index])
            if column.compare:
                cells.append(row.previous[index] if row.previous else None)
        out.append(cells)
    return out


def table_csv(table: Table, report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(table, report))
    for cells in rows(table):
        # Decimal commas as Norwegian Excel expects; empty for "no value".
        writer.writerow(
            [
                "" if c is None else str(c).replace(".", ",") if isinstance(c, float) else c
                for c in cells
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(title: str, used: set[str]) -> str:
    base = SHEET_FORBIDDEN.sub(" ", title)[:SHEET_MAX].strip() or "Sheet"
    name, number = base, 2
    while name.lower() in used:
        suffix = f" {number}"
        name = base[: SHEET_MAX - len(suffix)] + suffix
        number += 1
    used.add(name.lower())
    return name


def report_xlsx(report: Report) -> bytes:
    """One sheet per table, a bold frozen header, and a first sheet saying what this is."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    about = workbook.active
    about.title = _sheet_title(_("About"), set())
    used = {about.title.lower()}
    about.append([_("Indicators"), report.scope.label])
    about.append([_("Period"), report.period.label])
    about.append([_("Compared with"), report.previous.label])
    about["A1"].font = Font(bold=True)
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 40
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    for group, table in report.tables():
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        about.append([group.title, table.title, sheet.title])
        sheet.append(header(table, report))
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for cells in rows(table):
            sheet.append(cells)
        for index, _cell in enumerate(sheet[1], start=1):
            sheet.column_dimensions[get_column_letter(index)].width = 18 if index > 1 else 40
        sheet.freeze_panes = "B2"
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
