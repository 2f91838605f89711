"""Official Norwegian code lists: municipalities, counties, industry codes, organisation forms.

The lists live in the database (``CodeList`` and ``Code``): a migration seeds them from the
CSV files in ``data/`` and ``kollegium load_codes`` adds a newer list or replaces one, without a
code change. Every process keeps the lists in memory and asks the database whether they changed
(one small query) every ``RECHECK_SECONDS``; the loading process itself forgets its copy at
once. So a page's queries do not grow with what it shows, and a list loaded by an operator
reaches every web server and worker within a minute.

When the database holds no list at all (before ``migrate``, or after a test flushed the tables)
the shipped CSV files answer instead. So do they in tests (see ``_snapshot``).
"""

import csv
import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

DATA = Path(__file__).resolve().parent / "data"
RECHECK_SECONDS = 60.0

SN2025 = "sn2025"
SN2007 = "sn2007"
ORG_FORMS = "orgform"

MUNICIPALITY = "municipality"
COUNTY = "county"
INDUSTRY = "industry"
ORG_FORM = "org_form"


@dataclass(frozen=True)
class Shipped:
    """A list that ships with Kollegium (see data/SOURCE.md for where each file comes from)."""

    standard: str
    kind: str
    file: str
    valid_from: datetime.date | None
    source: str


SHIPPED = (
    Shipped(
        "kommune-2024",
        MUNICIPALITY,
        "kommuner-2024.csv",
        datetime.date(2024, 1, 1),
        "SSB Klass 131, valid from 2024-01-01 (via statisticsnorway/statbus)",
    ),
    Shipped(
        "fylke-2024",
        COUNTY,
        "fylker-2024.csv",
        datetime.date(2024, 1, 1),
        "SSB Klass 104, valid from 2024-01-01 (via statisticsnorway/statbus)",
    ),
    Shipped(
        SN2025,
        INDUSTRY,
        "sn2025.csv",
        datetime.date(2025, 1, 1),
        "SSB Klass 6, version 3218 SN2025 (via statisticsnorway/stat-master-nace)",
    ),
    Shipped(
        SN2007,
        INDUSTRY,
        "sn2007.csv",
        datetime.date(2009, 1, 1),
        "SSB Klass 6, version 30 SN2007 (via statisticsnorway/statbus)",
    ),
    Shipped(
        ORG_FORMS,
        ORG_FORM,
        "organisasjonsformer.csv",
        None,
        "Enhetsregisteret organisation forms, SSB Klass 1544 (via statisticsnorway/statbus)",
    ),
)


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    parent: str = ""
    level: int = 1


@dataclass(frozen=True)
class ListInfo:
    standard: str
    kind: str
    valid_from: datetime.date | None


@dataclass
class _Snapshot:
    """The lists as one process knows them; replaced whole when the database changes."""

    version: tuple
    lists: dict[str, ListInfo]
    # Every list's codes and every correspondence pair, read in one go: a page never waits
    # for a list to load, so its number of queries does not depend on what it shows.
    entries: dict[str, dict[str, Entry]]
    correspondences: list[tuple[str, str, str, str]]
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], dict[str, tuple[str, ...]]] = field(default_factory=dict)
    merged: dict[str, dict[str, str]] = field(default_factory=dict)


_current: _Snapshot | None = None
_checked_at = 0.0


def _testing() -> bool:
    return getattr(settings, "TESTING", False)


def clear_cache() -> None:
    """Forget the lists of this process; the next call reads them again."""
    global _current
    _current = None


def refresh() -> None:
    """Ask the database now whether the lists changed, and read them again if so."""
    global _current, _checked_at
    rows = _read_list_infos()
    version = tuple(sorted(rows)) if rows is not None else ("files",)
    if _current is None or _current.version != version:
        _current = _new_snapshot(version, rows)
    _checked_at = time.monotonic()


def _snapshot() -> _Snapshot:
    global _current
    if _current is None:
        if _testing():
            # Tests compare the query counts of requests, which must not depend on which test
            # ran first; they read the shipped lists, and tests of loading call refresh().
            _current = _new_snapshot(("files",), None)
        else:
            refresh()
    elif not _testing() and time.monotonic() - _checked_at > RECHECK_SECONDS:
        refresh()
    return _current


def _read_list_infos() -> list[tuple] | None:
    from kollegium.core.models import CodeList

    try:
        rows = list(CodeList.objects.values_list("standard", "kind", "valid_from", "loaded_at"))
    except DatabaseError:
        # Not migrated yet: the shipped files stand in.
        return None
    return rows or None


def _new_snapshot(version: tuple, rows: list[tuple] | None) -> _Snapshot:
    if rows is None:
        return _files_snapshot(version)
    from kollegium.core.models import Code, CodeCorrespondence

    lists = {row[0]: ListInfo(row[0], row[1], row[2]) for row in rows}
    entries: dict[str, dict[str, Entry]] = {standard: {} for standard in lists}
    codes = Code.objects.values_list("standard_id", "code", "name", "parent", "level")
    for standard, code, name, parent, level in codes.order_by("pk"):
        entries[standard][code] = Entry(code, name, parent, level)
    pairs = CodeCorrespondence.objects.values_list(
        "source_id", "source_code", "target_id", "target_code"
    )
    return _Snapshot(version, lists, entries, list(pairs.order_by("pk")))


def _files_snapshot(version: tuple) -> _Snapshot:
    lists, entries = {}, {}
    for shipped in SHIPPED:
        lists[shipped.standard] = ListInfo(shipped.standard, shipped.kind, shipped.valid_from)
        with open(DATA / shipped.file, encoding="utf-8", newline="") as f:
            entries[shipped.standard] = {e.code: e for e in read_entries(f, shipped.kind)}
    return _Snapshot(version, lists, entries, [])


def _entries(standard: str) -> dict[str, Entry]:
    return _snapshot().entries.get(standard, {})


def read_entries(stream, kind: str) -> list[Entry]:
    """Entries from a shipped CSV file (columns code or number, name, parent or county_number,
    level). The loader for operators' files, with its checks, is in codes_load."""
    entries = []
    for row in csv.DictReader(stream):
        code = row.get("code") or row.get("number") or ""
        parent = row.get("parent") or row.get("county_number") or ""
        level = int(row["level"]) if row.get("level") else 1
        entries.append(Entry(code, row["name"], parent, level))
    return entries


def _names(standard: str) -> dict[str, str]:
    snapshot = _snapshot()
    found = snapshot.names.get(standard)
    if found is None:
        found = {code: e.name for code, e in _entries(standard).items()}
        snapshot.names[standard] = found
    return found


# --- which list is current --------------------------------------------------------------------


def standards(kind: str) -> list[str]:
    """The lists of a kind, newest first."""
    infos = [info for info in _snapshot().lists.values() if info.kind == kind]
    infos.sort(key=lambda i: (i.valid_from or datetime.date.min, i.standard), reverse=True)
    return [info.standard for info in infos]


def current_standard(kind: str) -> str:
    """The list of a kind in force today: the latest valid_from that is not in the future."""
    today = datetime.date.today()
    newest = standards(kind)
    lists = _snapshot().lists
    in_force = [s for s in newest if (lists[s].valid_from or datetime.date.min) <= today]
    return (in_force or newest or [""])[0]


def list_info(standard: str) -> ListInfo | None:
    return _snapshot().lists.get(standard)


def entries(standard: str) -> dict[str, Entry]:
    """Every code of one list (any level) -> its entry (name, parent, level)."""
    return _entries(standard)


# --- the functions the rest of Kollegium calls ------------------------------------------------


def municipalities() -> dict[str, str]:
    """Kommunenummer -> name, in the current municipality list (2024 structure today)."""
    return _names(current_standard(MUNICIPALITY))


def counties() -> dict[str, str]:
    """Fylkesnummer -> name, in the current county list."""
    return _names(current_standard(COUNTY))


def industry_codes(standard: str = SN2025) -> dict[str, str]:
    """Industry code (any level, sections down to 5-digit subclasses) -> name."""
    return _names(standard)


def org_forms() -> dict[str, str]:
    """Organisation form code (AS, ENK, ...) -> name."""
    return _names(current_standard(ORG_FORM))


def _merged(kind: str) -> dict[str, str]:
    """Names from every list of a kind, newer lists winning: old numbers keep a name."""
    snapshot = _snapshot()
    found = snapshot.merged.get(kind)
    if found is None:
        found = {}
        for standard in reversed(standards(kind)):
            found.update(_names(standard))
        snapshot.merged[kind] = found
    return found


def municipality_name(number: str) -> str:
    return municipalities().get(number) or _merged(MUNICIPALITY).get(number, "")


def county_name(number: str) -> str:
    return counties().get(number) or _merged(COUNTY).get(number, "")


def county_of(municipality: str) -> str:
    """The county number of a municipality: its first two digits."""
    return municipality[:2] if len(municipality) == 4 else ""


def industry_name(code: str, standard: str = SN2025) -> str:
    return industry_codes(standard).get(code, "")


def org_form_name(code: str) -> str:
    return org_forms().get(code) or _merged(ORG_FORM).get(code, "")


def standard_label(standard: str) -> str:
    """How a standard is written for people: "SN2025", "SN2007"."""
    return standard.upper() if standard.startswith("sn") else standard


def municipality_choices() -> list[tuple[str, str]]:
    return sorted(
        ((n, f"{name} ({n})") for n, name in municipalities().items()), key=lambda c: c[1]
    )


def equivalents(code: str, source: str = SN2007, target: str = SN2025) -> tuple[str, ...]:
    """The codes of ``target`` that a correspondence table pairs with ``code`` of ``source``.

    Tables are read both ways (SSB's table 2919 runs SN2025 -> SN2007). Empty when no table
    is loaded or the code has no partner; SN2007 codes often have several.
    """
    return correspondence(source, target).get(code, ())


def correspondence(source: str, target: str) -> dict[str, tuple[str, ...]]:
    """Every code of ``source`` with a partner -> its partners in ``target``."""
    snapshot = _snapshot()
    found = snapshot.pairs.get((source, target))
    if found is None:
        found = _load_pairs(snapshot, source, target)
        snapshot.pairs[(source, target)] = found
    return found


def _load_pairs(snapshot: _Snapshot, source: str, target: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for source_id, source_code, target_id, target_code in snapshot.correspondences:
        if (source_id, target_id) == (source, target):
            key, partner = source_code, target_code
        elif (source_id, target_id) == (target, source):
            key, partner = target_code, source_code
        else:
            continue
        partners = found.setdefault(key, [])
        if partner not in partners:
            partners.append(partner)
    return {key: tuple(sorted(partners)) for key, partners in found.items()}
