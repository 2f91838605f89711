"""Reading and writing the key-figure spreadsheet: CSV (as Excel saves it) or XLSX.

Reading gives the rows of the first sheet as lists of cell values (strings for CSV; numbers,
strings or None for XLSX). Anything that is not a readable CSV or XLSX file raises
``FileProblem`` with a message for the user.
"""

import csv
import io
import zipfile

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# An XLSX is a zip; refuse archives that unpack to far more than any key-figure sheet needs.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
DELIMITERS = (";", "\t", ",")
CONTROL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


def read_rows(data: bytes) -> list[list]:
    """The rows of a CSV or XLSX file, header first, judged by the content, not the name."""
    if len(data) > MAX_BYTES:
        raise FileProblem(_("The file is too large (at most 5 MB)."))
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if data.startswith(ZIP_MAGIC):
        rows = _xlsx_rows(data)
    elif data.startswith(OLE2_MAGIC):
        raise FileProblem(
            _("Old Excel files (.xls) cannot be read. Save the sheet as .xlsx or CSV.")
        )
    else:
        rows = _csv_rows(_decode(data))
    return rows


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]  # Excel's "Unicode text"
    else:
        # Excel on Windows still saves "CSV" in Windows-1252; everything else writes UTF-8.
        encodings = ["utf-8-sig", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not CONTROL.intersection(text):
            return text
    raise FileProblem(_("This is not a CSV or XLSX file. Upload the figures as CSV or XLSX."))


def _delimiter(first_line: str) -> str:
    """The delimiter the header line uses most: Norwegian Excel writes ";", others ","."""
    return max(DELIMITERS, key=first_line.count)


def _csv_rows(text: str) -> list[list]:
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    rows = []
    try:
        for row in reader:
            rows.append(row)
            _check_length(rows)
    except csv.Error as exc:
        raise FileProblem(
            _("The CSV file cannot be read (line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    return rows


def _check_length(rows: list) -> None:
    if len(rows) > MAX_ROWS + 1:
        raise FileProblem(
            _("The file has more than %(count)s rows. Split it into smaller files.")
            % {"count": number_format(MAX_ROWS, force_grouping=True)}
        )


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise FileProblem(_("This is not a readable Excel (XLSX) file.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileProblem(_("The Excel file is too large when unpacked."))


def _xlsx_rows(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    _check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        # openpyxl fails in many ways on a damaged or foreign zip (a .docx, a .zip); all of
        # them mean the same to the user.
        raise FileProblem(_("This is not a readable Excel (XLSX) file.")) from exc
    try:
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; read the rows that are really there.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            _check_length(rows)
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(_("This is not a readable Excel (XLSX) file.")) from exc
    finally:
        workbook.close()
    return rows


def write_csv(header: list[str]) -> bytes:
    """A CSV template that Norwegian Excel opens in columns: ";" and a UTF-8 byte order mark."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow(header)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], notes: list[str], notes_title: str) -> bytes:
    """An XLSX template: the columns on the first sheet, how to fill them in on a second."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "key_figures"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter in "ABCDEF"[: len(header)]:
        sheet.column_dimensions[letter].width = 20
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(notes_title[:31])
    for line in notes:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
