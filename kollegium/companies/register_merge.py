"""Writing a batch of register entities: register entries, and companies by the ownership rule.

The register owns the company fields it publishes: name, organisation form, industry code,
business address and municipality, employees, website, founding date and the bankruptcy and
liquidation flags. Everything else (contacts, needs, garden relations, programme years) is
the advisors' and no import touches it. Within the register's fields an advisor's correction
still counts, by this rule:

1. A company that has never met the register takes every value the register has; where the
   register is empty (no website, employees hidden for 0-4) the company keeps its own value.
2. After that, a field follows the register only when the register's value changed since the
   import before (compared with the stored RegisterEntry). A value an advisor corrected
   therefore stands until the register says something new.
3. An empty register value clears a field only when the field still holds what the register
   had put there, never a value an advisor entered.

Fields that travel together (code and standard; address, postcode and post town) are compared
and applied as one.
"""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db import transaction

from kollegium.companies.models import Company, RegisterEntry
from kollegium.companies.register_records import Record
from kollegium.companies.register_sql import insert
from kollegium.core import codes
from kollegium.core.models import AuditEntry

GROUPS: tuple[tuple[str, ...], ...] = (
    ("name",),
    ("org_form",),
    ("nace", "nace_standard"),
    ("municipality",),
    ("address", "postcode", "post_town"),
    ("employees",),
    ("website",),
    ("founded",),
    ("bankrupt",),
    ("under_liquidation",),
)
COMPANY_FIELDS = [name for group in GROUPS for name in group]
ENTRY_FIELDS = [f.name for f in RegisterEntry._meta.concrete_fields if f.name != "org_number"]
# The Record's fields, in order; RegisterEntry has the same ones (and imported_at).
RECORD_FIELDS = [f.name for f in dataclasses.fields(Record)]


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_kollegium: int = 0
    entries_written: int = 0
    notes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Known:
    """The codes the current lists know, fetched once per batch (not once per entity)."""

    municipalities: dict[str, str]
    industries: dict[str, dict[str, str]]

    @classmethod
    def now(cls) -> "Known":
        standards = codes.standards(codes.INDUSTRY)
        return cls(codes.municipalities(), {s: codes.industry_codes(s) for s in standards})

    def industry(self, code: str, standard: str) -> bool:
        return code in self.industries.get(standard, ())


def company_values(source, known: Known) -> dict[tuple[str, ...], tuple]:
    """What the register says for each group of company fields, from a Record (the stored
    entry is read back as one too). Codes the current lists do not know are left out."""
    nace, standard = source.nace, source.nace_standard
    if not known.industry(nace, standard):
        nace, standard = "", codes.SN2025
    municipality = source.municipality
    if municipality not in known.municipalities:
        municipality = ""
    return {
        ("name",): (source.name[:200],),
        ("org_form",): (source.org_form,),
        ("nace", "nace_standard"): (nace, standard),
        ("municipality",): (municipality,),
        ("address", "postcode", "post_town"): (source.address, source.postcode, source.post_town),
        ("employees",): (source.employees,),
        ("website",): (source.website,),
        ("founded",): (source.founded,),
        ("bankrupt",): (source.bankrupt,),
        ("under_liquidation",): (source.under_liquidation or source.forced_dissolution,),
    }


def _empty(values: tuple) -> bool:
    """The register has nothing here: no code, no address, a hidden count, no date.
    A flag is never empty."""
    if isinstance(values[0], bool):
        return False
    if len(values) == 3:
        return not any(values)
    return values[0] in ("", None)


def merge(company: Company, new: dict, old: dict | None) -> list[str]:
    """Apply the register's values to an existing company by the rule above; the fields
    changed."""
    synced = company.register_updated_at is not None and old is not None
    changed: list[str] = []
    for group in GROUPS:
        value, current = new[group], tuple(getattr(company, name) for name in group)
        if synced and value == old[group]:
            continue
        if _empty(value) and not (synced and current == old[group]):
            continue
        if value != current:
            for name, v in zip(group, value, strict=True):
                setattr(company, name, v)
            changed.extend(group)
    return changed


def _new_company(record: Record, values: dict, now: datetime.datetime) -> Company:
    company = Company(org_number=record.org_number, register_updated_at=now)
    for group, value in values.items():
        if not _empty(value):
            for name, v in zip(group, value, strict=True):
                setattr(company, name, v)
    return company


def _entry(record: Record, now: datetime.datetime) -> RegisterEntry:
    return RegisterEntry(imported_at=now, **{name: getattr(record, name) for name in RECORD_FIELDS})


def _to_merge(by_number: dict, stored: dict, synced: dict) -> dict[str, Company]:
    """The companies to compare field by field. A company brought in line before whose entity
    the register did not change since needs no look: the usual case of a nightly import."""
    numbers = [
        n
        for n, record in by_number.items()
        if n in synced and (synced[n] is None or stored.get(n) != record)
    ]
    if not numbers:
        return {}
    companies = Company.objects.filter(org_number__in=numbers).only(
        "pk", "org_number", "register_updated_at", *COMPANY_FIELDS
    )
    return {c.org_number: c for c in companies}


def _stored(numbers: list[str]) -> dict[str, Record]:
    """What the import before stored for these numbers, as Records (cheaper than models)."""
    rows = RegisterEntry.objects.filter(org_number__in=numbers).values_list(*RECORD_FIELDS)
    return {row[0]: Record(*row) for row in rows}


class _Plan:
    """What one batch writes: new companies, changed ones and their audit entries."""

    def __init__(self, import_id: int, now: datetime.datetime) -> None:
        self.import_id, self.now = import_id, now
        self.new: list[Company] = []
        self.changed: list[Company] = []
        self.fields: set[str] = set()
        self.audits: list[AuditEntry] = []

    def create(self, record: Record, values: dict) -> None:
        self.new.append(_new_company(record, values, self.now))

    def update(self, company: Company, new: dict, old: dict | None) -> bool:
        """Merge the register's values into the company; whether a field changed."""
        fields = merge(company, new, old)
        if fields or company.register_updated_at is None:
            company.register_updated_at = company.updated_at = self.now
            self.changed.append(company)
            self.fields.update(fields)
        if fields:
            self.audits.append(_audit(company, fields, self.import_id))
        return bool(fields)

    def write(self, entries: list[RegisterEntry]) -> None:
        insert(RegisterEntry, entries, conflict="org_number", update=ENTRY_FIELDS)
        insert(Company, self.new)
        if self.changed:
            fields = sorted(self.fields) + ["register_updated_at", "updated_at"]
            Company.objects.bulk_update(self.changed, fields, batch_size=500)
        AuditEntry.objects.bulk_create(self.audits)


@transaction.atomic
def write_batch(
    records: list[Record], *, update_only: bool, import_id: int, now: datetime.datetime
) -> BatchResult:
    """Store one batch in one transaction: register entries, then companies."""
    result, plan, known = BatchResult(), _Plan(import_id, now), Known.now()
    by_number = {r.org_number: r for r in records}  # a number listed twice: the last wins
    stored = _stored(list(by_number))
    # Locked until the batch commits, so an advisor's edit cannot slip between read and write.
    synced = dict(
        Company.objects.select_for_update()
        .filter(org_number__in=list(by_number))
        .values_list("org_number", "register_updated_at")
    )
    existing = _to_merge(by_number, stored, synced)
    for number, record in by_number.items():
        _note_dropped(record, known, result)
        if number not in synced:
            if update_only:
                result.not_in_kollegium += 1
            else:
                plan.create(record, company_values(record, known))
                result.created += 1
        elif number in existing:
            entry = stored.get(number)
            old = company_values(entry, known) if entry is not None else None
            if plan.update(existing[number], company_values(record, known), old):
                result.updated += 1
            else:
                result.unchanged += 1
        else:
            result.unchanged += 1
    entries = [_entry(r, now) for n, r in by_number.items() if stored.get(n) != r]
    plan.write(entries)
    result.entries_written = len(entries)
    return result


def _audit(company: Company, fields: list[str], import_id: int) -> AuditEntry:
    return AuditEntry(
        actor=None,
        action="company.register_updated",
        object_type=Company._meta.label_lower,
        object_id=str(company.pk),
        data={"fields": fields, "import": import_id},
    )


def _note_dropped(record: Record, known: Known, result: BatchResult) -> None:
    """Count codes that are read but not known to the current lists (kept in the entry)."""
    if record.nace and not known.industry(record.nace, record.nace_standard):
        key = f"industry code not in {codes.standard_label(record.nace_standard)}"
        result.notes[key] = result.notes.get(key, 0) + 1
    if record.municipality and record.municipality not in known.municipalities:
        key = "municipality number not in the current list"
        result.notes[key] = result.notes.get(key, 0) + 1
