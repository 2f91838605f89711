"""Loading official code lists and correspondence tables into the database (operators' files).

A file is CSV with a header row, comma- or semicolon-separated, in UTF-8 or Windows-1252 (the
encoding of SSB Klass's CSV export). Columns are found by name, whatever their case:

- code lists: ``code`` (or ``number``, ``kode``), ``name`` (or ``navn``), optionally ``parent``
  (``parentCode``, ``county_number``) and ``level``. Klass exports have all of these.
- correspondence tables: ``sourceCode`` and ``targetCode`` (Klass), ``source_code`` and
  ``target_code``, or two columns named after the standards (``sn2007``, ``sn2025``).
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from kollegium.core import codes
from kollegium.core.audit import audit
from kollegium.core.models import Code, CodeCorrespondence, CodeKind, CodeList

CODE_COLUMNS = ("code", "number", "kode")
NAME_COLUMNS = ("name", "navn")
PARENT_COLUMNS = ("parent", "parentcode", "parent_code", "county_number")
LEVEL_COLUMNS = ("level", "nivå", "niva")
SOURCE_COLUMNS = ("sourcecode", "source_code", "source")
TARGET_COLUMNS = ("targetcode", "target_code", "target")

# What a code of each kind looks like, to catch a file loaded as the wrong kind.
CODE_SHAPES = {
    CodeKind.MUNICIPALITY: re.compile(r"\d{4}"),
    CodeKind.COUNTY: re.compile(r"\d{2}"),
    CodeKind.INDUSTRY: re.compile(r"[A-Z]|\d{2}(\.\d{1,3})?"),
    CodeKind.ORG_FORM: re.compile(r"[A-ZÆØÅ0-9]{1,8}"),
}


class CodeFileInvalid(Exception):
    """The file cannot be loaded; ``lines`` says why, one problem per line. Nothing was written."""

    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = lines


@dataclass
class LoadResult:
    standard: str
    created_list: bool = False
    added: int = 0
    changed: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.removed} removed"


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Klass exports by default."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _rows(text: str) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    """Header (lower-cased name -> index) and the data rows with their line numbers."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise CodeFileInvalid(["the file is empty"]) from None
    columns = {name.strip().lower(): i for i, name in enumerate(header)}
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    return columns, rows


def _column(columns: dict[str, int], names: tuple[str, ...]) -> int | None:
    return next((columns[n] for n in names if n in columns), None)


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def industry_level(code: str) -> int:
    """1 for a section letter, 2 for "62", 3 for "62.1", 4 for "62.10", 5 for "62.100"."""
    if code.isalpha():
        return 1
    return 2 if len(code) == 2 else len(code) - 2


def industry_parent(code: str) -> str:
    """The parent by the code's shape; a division's section is not in its code, so ""."""
    return code[:-1].rstrip(".") if len(code) > 2 and not code.isalpha() else ""


def parse_code_file(text: str, kind: str) -> list[codes.Entry]:
    """The entries of a code-list file, or CodeFileInvalid naming each bad line."""
    columns, rows = _rows(text)
    code_at, name_at = _column(columns, CODE_COLUMNS), _column(columns, NAME_COLUMNS)
    if code_at is None or name_at is None:
        raise CodeFileInvalid(["the header needs a code column (code) and a name column (name)"])
    parent_at, level_at = _column(columns, PARENT_COLUMNS), _column(columns, LEVEL_COLUMNS)
    shape = CODE_SHAPES[CodeKind(kind)]
    problems, seen, entries = [], set(), []
    for line, row in rows:
        code, name = _cell(row, code_at), _cell(row, name_at)
        if not shape.fullmatch(code):
            problems.append(f"line {line}: {code!r} is not a code of this kind ({kind})")
        elif not name:
            problems.append(f"line {line}: code {code} has no name")
        elif code in seen:
            problems.append(f"line {line}: code {code} is listed twice")
        else:
            seen.add(code)
            entries.append(_entry(kind, code, name, _cell(row, parent_at), _cell(row, level_at)))
    if problems:
        raise CodeFileInvalid(problems)
    if not entries:
        raise CodeFileInvalid(["the file has no codes"])
    return entries


def _entry(kind: str, code: str, name: str, parent: str, level: str) -> codes.Entry:
    if kind == CodeKind.INDUSTRY:
        parent = parent or industry_parent(code)
        return codes.Entry(code, name, parent, int(level) if level else industry_level(code))
    if kind == CodeKind.MUNICIPALITY:
        parent = parent or code[:2]
    return codes.Entry(code, name, parent, 1)


@transaction.atomic
def code_list_load(
    *,
    actor=None,
    standard: str,
    entries: list[codes.Entry],
    kind: str | None = None,
    valid_from: datetime.date | None = None,
    source: str = "",
) -> LoadResult:
    """Create a code list or replace the codes of one; the other processes notice by their
    next request (see codes.py). A new list needs its kind."""
    code_list = CodeList.objects.select_for_update().filter(pk=standard).first()
    result = LoadResult(standard=standard, created_list=code_list is None)
    if code_list is None:
        if kind is None:
            raise CodeFileInvalid([f"{standard} is a new list: say which kind it is (--kind)"])
        code_list = CodeList(standard=standard, kind=kind)
    elif kind is not None and kind != code_list.kind:
        raise CodeFileInvalid([f"{standard} is a list of kind {code_list.kind}, not {kind}"])
    code_list.valid_from = valid_from or code_list.valid_from
    code_list.source = source or code_list.source
    code_list.loaded_at = timezone.now()
    code_list.full_clean()
    code_list.save()
    _replace_codes(code_list, entries, result)
    audit(
        actor=actor,
        action="codes.loaded",
        obj=code_list,
        added=result.added,
        changed=result.changed,
        removed=result.removed,
    )
    transaction.on_commit(codes.clear_cache)
    return result


def _replace_codes(code_list: CodeList, entries: list[codes.Entry], result: LoadResult) -> None:
    existing = {c.code: c for c in Code.objects.filter(standard=code_list)}
    wanted = {e.code for e in entries}
    gone = [c.pk for code, c in existing.items() if code not in wanted]
    Code.objects.filter(pk__in=gone).delete()
    result.removed = len(gone)
    new, changed = [], []
    for e in entries:
        row = existing.get(e.code)
        if row is None:
            new.append(
                Code(standard=code_list, code=e.code, name=e.name, parent=e.parent, level=e.level)
            )
        elif (row.name, row.parent, row.level) != (e.name, e.parent, e.level):
            row.name, row.parent, row.level = e.name, e.parent, e.level
            changed.append(row)
    Code.objects.bulk_create(new, batch_size=500)
    Code.objects.bulk_update(changed, ["name", "parent", "level"], batch_size=500)
    result.added, result.changed = len(new), len(changed)


def parse_correspondence_file(text: str, source: str, target: str) -> list[tuple[str, str]]:
    """(source code, target code) pairs; CodeFileInvalid when the columns cannot be found."""
    columns, rows = _rows(text)
    source_at = _column(columns, (*SOURCE_COLUMNS, source.lower()))
    target_at = _column(columns, (*TARGET_COLUMNS, target.lower()))
    if source_at is None or target_at is None:
        raise CodeFileInvalid(
            [f"the header needs sourceCode and targetCode columns (or {source} and {target})"]
        )
    pairs = []
    for _line, row in rows:
        pair = (_cell(row, source_at), _cell(row, target_at))
        if all(pair):
            pairs.append(pair)
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        raise CodeFileInvalid(["the file has no pairs of codes"])
    return pairs


@transaction.atomic
def correspondence_load(
    *, actor=None, source: str, target: str, pairs: list[tuple[str, str]]
) -> LoadResult:
    """Replace the table between two lists. Every code must exist in its list."""
    lists = {c.pk: c for c in CodeList.objects.select_for_update().filter(pk__in=[source, target])}
    missing = [s for s in (source, target) if s not in lists]
    if missing:
        raise CodeFileInvalid([f"no code list {s}; load it first" for s in missing])
    problems = _unknown_codes(pairs, source, target)
    if problems:
        raise CodeFileInvalid(problems)
    result = LoadResult(standard=f"{source}->{target}")
    result.removed, _ = CodeCorrespondence.objects.filter(
        source=lists[source], target=lists[target]
    ).delete()
    CodeCorrespondence.objects.bulk_create(
        [
            CodeCorrespondence(
                source=lists[source], source_code=a, target=lists[target], target_code=b
            )
            for a, b in pairs
        ],
        batch_size=500,
    )
    result.added = len(pairs)
    # Touching both lists is what tells the other processes to read the table again.
    CodeList.objects.filter(pk__in=[source, target]).update(loaded_at=timezone.now())
    audit(
        actor=actor,
        action="codes.correspondence_loaded",
        obj=lists[source],
        target=target,
        pairs=len(pairs),
        replaced=result.removed,
    )
    transaction.on_commit(codes.clear_cache)
    return result


def _unknown_codes(pairs: list[tuple[str, str]], source: str, target: str) -> list[str]:
    known = {
        standard: set(Code.objects.filter(standard_id=standard).values_list("code", flat=True))
        for standard in (source, target)
    }
    problems = []
    for a, b in pairs:
        if a not in known[source]:
            problems.append(f"{a} is not a code of {source}")
        if b not in known[target]:
            problems.append(f"{b} is not a code of {target}")
    return sorted(set(problems))
