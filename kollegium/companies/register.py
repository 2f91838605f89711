"""Importing Enhetsregisteret's bulk files, and reading what an import kept.

``RegisterImporter`` streams a file (see register_read), keeps the entities the filters let
through, and writes them in batches of ``BATCH_SIZE``, each in its own transaction
(register_merge): a damaged file stops the import with what came before it committed, and
running the same file again changes nothing. What the import does with each entity:

- it stores the register's data as a ``RegisterEntry`` (the company form fills itself from
  these), for every entity the filters let through;
- it creates a ``Company`` for it, or updates the company by the ownership rule of
  register_merge; with ``update_only``, only companies already in Kollegium are updated and no
  company is created, but the entries are still stored.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError
from django.utils import timezone

from kollegium.companies.models import Company, NaceStandard, RegisterEntry, RegisterImport
from kollegium.companies.models import RegisterImportStatus as Status
from kollegium.companies.register_merge import BatchResult, write_batch
from kollegium.companies.register_read import RegisterFileError, Source
from kollegium.companies.register_records import (
    CsvFields,
    JsonFields,
    RowRejected,
    filter_keys,
    record,
)
from kollegium.core import codes
from kollegium.core.audit import audit

BATCH_SIZE = 2000
DETECT_SAMPLE = 5000
PROGRESS_EVERY = 2000
EXAMPLES_PER_REASON = 5


@dataclass(frozen=True)
class Filters:
    """Which entities of the file to import; every filter given must hold (empty: any)."""

    municipalities: frozenset[str] = frozenset()
    counties: frozenset[str] = frozenset()
    industries: tuple[str, ...] = ()
    org_forms: frozenset[str] = frozenset()
    org_numbers: frozenset[str] | None = None
    update_only: bool = False

    def matches(self, keys: tuple[str, str, str, str]) -> bool:
        org_number, municipality, nace, org_form = keys
        return not (
            (self.org_numbers is not None and org_number not in self.org_numbers)
            or (self.municipalities and municipality not in self.municipalities)
            or (self.counties and municipality[:2] not in self.counties)
            or (self.industries and not nace.startswith(self.industries))
            or (self.org_forms and org_form not in self.org_forms)
        )

    def describe(self) -> dict:
        return {
            key: value
            for key, value in {
                "municipality": sorted(self.municipalities),
                "county": sorted(self.counties),
                "industry": list(self.industries),
                "org_form": sorted(self.org_forms),
                "org_numbers": len(self.org_numbers) if self.org_numbers is not None else None,
                "update_only": self.update_only,
            }.items()
            if value not in ([], None, False)
        }


def expand_industries(values: list[str], standard: str) -> tuple[str, ...]:
    """Code prefixes; a section letter stands for its divisions in the file's standard."""
    prefixes: list[str] = []
    for value in values:
        if value.isalpha():
            entries = codes.entries(standard).values()
            prefixes += [e.code for e in entries if e.level == 2 and e.parent == value]
        else:
            prefixes.append(value)
    return tuple(prefixes)


@dataclass
class Summary:
    file: str
    format: str = ""
    compressed: bool = False
    nace_standard: str = ""
    read: int = 0
    matched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_kollegium: int = 0
    entries_written: int = 0
    committed: int = 0
    rejected: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    notes: Counter = field(default_factory=Counter)

    def add(self, result: BatchResult, size: int) -> None:
        self.created += result.created
        self.updated += result.updated
        self.unchanged += result.unchanged
        self.not_in_kollegium += result.not_in_kollegium
        self.entries_written += result.entries_written
        self.notes.update(result.notes)
        self.committed += size

    def reject(self, reason: str, where: str) -> None:
        self.rejected[reason] += 1
        examples = self.examples.setdefault(reason, [])
        if len(examples) < EXAMPLES_PER_REASON:
            examples.append(where)

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "matched": self.matched,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "not_in_kollegium": self.not_in_kollegium,
            "rejected": sum(self.rejected.values()),
            "entries_written": self.entries_written,
        }


class RegisterImportFailed(Exception):
    """The file broke off; ``summary`` tells what was committed before."""

    def __init__(self, message: str, summary: Summary):
        super().__init__(message)
        self.summary = summary


Progress = Callable[[Summary, int, int], None]


class RegisterImporter:
    def __init__(
        self,
        path: str,
        filters: Filters,
        *,
        industries: list[str] = (),
        nace_standard: str = "auto",
        batch_size: int = BATCH_SIZE,
        progress: Progress | None = None,
    ):
        self.path = path
        self.filters = filters
        self.industry_values = list(industries)
        self.nace_standard = nace_standard
        self.batch_size = batch_size
        self.progress = progress
        self.summary = Summary(file=path)
        self.pending: list = []

    def run(self) -> Summary:
        """Import the file; RegisterImportFailed (after committing what came before) when the
        file is damaged, RegisterFileError when it cannot be read at all."""
        standard = self._standard()
        self.summary.nace_standard = standard
        self.filters = _with_industries(self.filters, self.industry_values, standard)
        source = Source(self.path)
        try:
            # A CSV file's header is checked here: a file that is no register file at all
            # stops before anything is recorded.
            entities = source.entities()
        except RegisterFileError:
            source.close()
            raise
        self.summary.format, self.summary.compressed = source.format, source.compressed
        self.run_row = RegisterImport.objects.create(
            file_name=self.path[:500], filters=self.filters.describe()
        )
        self.now = timezone.now()
        try:
            self._read(source, entities, standard)
        except RegisterFileError as exc:
            # The entities read intact before the damage are as good as any: keep them.
            self._flush()
            self._finish(Status.FAILED, str(exc))
            raise RegisterImportFailed(str(exc), self.summary) from None
        except BaseException as exc:
            self._finish(Status.FAILED, repr(exc))
            raise
        finally:
            source.close()
        self._flush()
        self._finish(Status.COMPLETED)
        return self.summary

    def _standard(self) -> str:
        if self.nace_standard != "auto":
            return self.nace_standard
        return detect_nace_standard(self.path)

    def _read(self, source: Source, entities, standard: str) -> None:
        fields = JsonFields() if source.format == "json" else CsvFields(source.columns)
        other = codes.SN2007 if standard == codes.SN2025 else codes.SN2025
        preferred, fallback = codes.industry_codes(standard), codes.industry_codes(other)
        summary, size = self.summary, source.size
        where, shape = ("entity", dict) if source.format == "json" else ("line", list)
        for line, raw in entities:
            summary.read += 1
            if self.progress and summary.read % PROGRESS_EVERY == 0:
                self.progress(summary, source.position(), size)
            if not isinstance(raw, shape):
                summary.reject("not an object", f"{where} {line}")
                continue
            keys = filter_keys(fields, raw)
            if not self.filters.matches(keys):
                continue
            summary.matched += 1
            nace = keys[2]
            code_standard = other if nace not in preferred and nace in fallback else standard
            try:
                self.pending.append(record(fields, raw, keys, code_standard))
            except RowRejected as exc:
                summary.reject(str(exc), f"{where} {line}")
                continue
            if len(self.pending) >= self.batch_size:
                self._flush()
        if self.progress:
            self.progress(summary, size, size)

    def _flush(self) -> None:
        if not self.pending:
            return
        records, self.pending = self.pending, []
        for attempt in range(3):
            try:
                result = write_batch(
                    records,
                    update_only=self.filters.update_only,
                    import_id=self.run_row.pk,
                    now=self.now,
                )
                break
            except IntegrityError:
                # A company was registered by hand meanwhile; read the batch again.
                if attempt == 2:
                    raise
        self.summary.add(result, len(records))

    def _finish(self, status: str, error: str = "") -> None:
        run = self.run_row
        run.status, run.error = status, error
        run.finished_at = timezone.now()
        run.counts = self.summary.as_dict()
        run.save()
        action = "register.imported" if status == Status.COMPLETED else "register.import_failed"
        audit(actor=None, action=action, obj=run, file=run.file_name, **run.counts)


def _with_industries(filters: Filters, values: list[str], standard: str) -> Filters:
    if not values:
        return filters
    return Filters(
        municipalities=filters.municipalities,
        counties=filters.counties,
        industries=expand_industries(values, standard),
        org_forms=filters.org_forms,
        org_numbers=filters.org_numbers,
        update_only=filters.update_only,
    )


def detect_nace_standard(path: str, sample: int = DETECT_SAMPLE) -> str:
    """SN2025 or SN2007, by which list knows more of the first entities' codes.

    Codes look alike in both (NN.NNN), but most differ; files from 2025 on use SN2025.
    """
    sn2025, sn2007 = codes.industry_codes(codes.SN2025), codes.industry_codes(codes.SN2007)
    votes = Counter()
    source = Source(path)
    try:
        entities = source.entities()
        fields = JsonFields() if source.format == "json" else CsvFields(source.columns)
        for i, (_line, raw) in enumerate(entities):
            if i >= sample:
                break
            usable = source.format == "csv" or isinstance(raw, dict)
            nace = filter_keys(fields, raw)[2] if usable else ""
            votes[(nace in sn2025, nace in sn2007)] += 1
    except RegisterFileError:
        pass  # the import itself reports the damage
    finally:
        source.close()
    return codes.SN2007 if votes[(False, True)] > votes[(True, False)] else codes.SN2025


# --- what staff see of the register ------------------------------------------------------------


def register_entry(org_number: str) -> RegisterEntry | None:
    """The register's data for an org number as last imported, or None."""
    return RegisterEntry.objects.filter(org_number=org_number).first()


def last_import() -> RegisterImport | None:
    return RegisterImport.objects.filter(status=Status.COMPLETED).first()


@dataclass
class Lookup:
    """What staff learn by typing an org number in the company form."""

    number: str
    company: Company | None = None
    entry: RegisterEntry | None = None
    prefill: "Prefill | None" = None

    @property
    def complete(self) -> bool:
        return len(self.number) == 9 and self.number.isdigit()


def lookup(number: str) -> Lookup:
    """The company already registered with this number, else the register's data for it."""
    found = Lookup(number=number)
    if not found.complete:
        return found
    found.company = Company.objects.filter(org_number=number).first()
    if found.company is None:
        found.entry = register_entry(number)
        found.prefill = prefill(found.entry) if found.entry is not None else None
    return found


@dataclass
class Prefill:
    """Values for the company form from a register entry, and what could not be carried over."""

    values: dict
    industry_note: str = ""


def prefill(entry: RegisterEntry) -> Prefill:
    """The company form's fields as the register has them, each one the form accepts."""
    nace, note = _sn2025_code(entry)
    municipality = entry.municipality if entry.municipality in codes.municipalities() else ""
    values = {
        "name": entry.name[:200],
        "nace": nace,
        "municipality": municipality,
        "employees": entry.employees,
        "website": entry.website,
    }
    return Prefill(values=values, industry_note=note)


def _sn2025_code(entry: RegisterEntry) -> tuple[str, str]:
    """The entry's code in SN2025 (the form's standard); an SN2007 code only when the
    correspondence table gives exactly one SN2025 code, else a note for the advisor."""
    code = entry.nace
    if not code:
        return "", ""
    if entry.nace_standard == NaceStandard.SN2025:
        return (code, "") if code in codes.industry_codes() else ("", "")
    partners = codes.equivalents(code, entry.nace_standard, codes.SN2025)
    if len(partners) == 1:
        return partners[0], ""
    label = codes.standard_label(entry.nace_standard)
    name = codes.industry_name(code, entry.nace_standard)
    return "", f"{code} {name} ({label})"
