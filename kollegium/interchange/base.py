"""Shared pieces of the network document import: problems, counts and change tracking."""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

# A JSON path as a tuple: ("people", 3, "competences", 0, "area").
Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """("people", 3, "area") -> "people[3].area"; the empty path is the whole document."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "document"


class DocumentInvalid(Exception):
    """The document has problems; nothing was written. ``lines`` holds one line per problem."""

    def __init__(self, lines: list[str]):
        super().__init__(f"{len(lines)} problem(s) in the network document")
        self.lines = lines


class Problems:
    """Every problem found in a document, each with the JSON path it concerns."""

    def __init__(self) -> None:
        self._items: list[tuple[Path, str]] = []

    def add(self, path: Path, message: str) -> None:
        self._items.append((path, message))

    def __len__(self) -> int:
        return len(self._items)

    def raise_if_any(self, section_order: list[str]) -> None:
        """Raise DocumentInvalid listing the problems item by item, in document order."""
        if not self._items:
            return

        def position(item: tuple[Path, str]) -> tuple[int, int]:
            path = item[0]
            section = section_order.index(path[0]) if path and path[0] in section_order else -1
            index = path[1] if len(path) > 1 and isinstance(path[1], int) else -1
            return section, index

        # A stable sort: within one item, problems keep the order they were found in.
        ordered = sorted(self._items, key=position)
        raise DocumentInvalid([f"{format_path(path)}: {message}" for path, message in ordered])


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def record(self, *, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    @property
    def wrote(self) -> bool:
        return bool(self.created or self.updated)

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class Change:
    """A row the import creates (``created``) or changes (``fields``), or leaves alone."""

    obj: Any
    created: bool
    fields: list[str] = field(default_factory=list)

    @property
    def dirty(self) -> bool:
        return self.created or bool(self.fields)


def assign(obj: models.Model, data: dict, fields: dict[str, str]) -> list[str]:
    """Copy the document keys present in ``data`` onto ``obj``; return the attributes changed.

    A key absent from the document leaves the attribute as it is (new rows keep the model's
    default), so a partial document updates only what it names.
    """
    changed = []
    for key, attr in fields.items():
        if key in data and getattr(obj, attr) != data[key]:
            setattr(obj, attr, data[key])
            changed.append(attr)
    return changed


def save_changes(model: type[models.Model], changes: list[Change], touch: str = "") -> None:
    """Insert the created rows and update the changed ones, a few queries per model.

    ``touch`` names an ``auto_now`` field, which bulk updates do not maintain by themselves.
    """
    model.objects.bulk_create([c.obj for c in changes if c.created])
    changed = [c for c in changes if not c.created and c.fields]
    if not changed:
        return
    fields = sorted({name for c in changed for name in c.fields})
    if touch:
        now = timezone.now()
        for c in changed:
            setattr(c.obj, touch, now)
        fields.append(touch)
    model.objects.bulk_update([c.obj for c in changed], fields)


@dataclass
class ImportContext:
    """What the sections of one import share: the problems, and the areas and gardens by slug
    (those already in the database and those the document adds), for resolving references."""

    problems: Problems
    areas: dict[str, Any]
    gardens: dict[str, Any]
    # Staff by lower-case e-mail: those the people section plans, and those later sections
    # load from the database when they refer to them (methods' contributors and comments).
    people: dict[str, Any] = field(default_factory=dict)

    def area(self, slug: Any, path: Path) -> Any:
        """The competence area a document names, or None (and a problem) when unknown."""
        return self._resolve(self.areas, "competence area", slug, path)

    def garden(self, slug: Any, path: Path) -> Any:
        """The garden a document names, or None (and a problem) when unknown."""
        return self._resolve(self.gardens, "garden", slug, path)

    def _resolve(self, known: dict, kind: str, slug: Any, path: Path) -> Any:
        if slug is None:
            return None
        found = known.get(slug)
        if found is None:
            self.problems.add(path, f'unknown {kind} "{slug}"')
        return found


class KeyTracker:
    """Reports a natural key listed twice in one list of the document."""

    def __init__(self, problems: Problems, key: str | None) -> None:
        self.problems = problems
        self.key = key
        self.seen: dict[Any, Path] = {}

    def first(self, value: Any, path: Path) -> bool:
        """True the first time ``value`` is seen; a problem at ``path.key`` after that."""
        if value in self.seen:
            self.problems.add(
                (*path, self.key) if self.key else path,
                f'"{value}" is listed twice (first at {format_path(self.seen[value])})',
            )
            return False
        self.seen[value] = path
        return True


def compact(item: dict, keep: tuple[str, ...] = ()) -> dict:
    """Drop empty optional values (except those in ``keep``), so an export writes each one
    the same way every time."""
    return {k: v for k, v in item.items() if k in keep or v not in ("", None, [])}
