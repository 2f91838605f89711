"""Sizes, the shared generation context (random source, base date, progress) and the runner."""

import contextlib
import dataclasses
import datetime
import random
import sys

from django.apps import apps
from django.db import transaction

# Every date is relative to this moment, so a run does not depend on the day it runs. Events
# span the five years before it and the half year after.
BASE = datetime.datetime(2027, 1, 1, 9, 0, tzinfo=datetime.UTC)
BATCH = 2000


@dataclasses.dataclass(frozen=True)
class Config:
    gardens: int
    people: int
    companies: int
    events: int
    registrations: int
    methods: int
    seed: int = 1


PRESETS: dict[str, dict[str, int]] = {
    "demo": dict(gardens=4, people=17, companies=40, events=60, registrations=1_500, methods=12),
    "region": dict(
        gardens=10, people=150, companies=3_000, events=1_000, registrations=30_000, methods=300
    ),
    "national": dict(
        gardens=50,
        people=1_500,
        companies=30_000,
        events=20_000,
        registrations=400_000,
        methods=3_000,
    ),
}


class Progress:
    """A one-line progress bar on stderr (silent when ``stream`` is None)."""

    def __init__(self, stream=sys.stderr):
        self.stream = stream

    def show(self, label: str, done: int, total: int) -> None:
        if self.stream is None:
            return
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r{label:<16} [{bar}] {done:>9,}/{total:,}{end}")
        self.stream.flush()


@dataclasses.dataclass
class Context:
    """What every domain generator shares: sizes, random source, progress and created rows."""

    config: Config
    rng: random.Random
    progress: Progress
    # Filled as the domains run: later domains pick from earlier ones' rows.
    gardens: list = dataclasses.field(default_factory=list)
    people: list = dataclasses.field(default_factory=list)
    areas: list = dataclasses.field(default_factory=list)
    companies: list = dataclasses.field(default_factory=list)
    contacts: list = dataclasses.field(default_factory=list)
    events: list = dataclasses.field(default_factory=list)
    municipalities: list = dataclasses.field(default_factory=list)
    org_numbers: object = None

    def at(self, days: float) -> datetime.datetime:
        """The base moment shifted by ``days`` (negative: before it)."""
        return BASE + datetime.timedelta(days=days)

    def bulk(self, model, objects: list, label: str | None = None) -> list:
        """Insert in batches with a progress bar; returns the objects with their ids."""
        total = len(objects)
        for start in range(0, total, BATCH):
            model.objects.bulk_create(objects[start : start + BATCH])
            if label:
                self.progress.show(label, min(start + BATCH, total), total)
        if label and not total:
            self.progress.show(label, 0, 0)
        return objects


@contextlib.contextmanager
def fixed_timestamps():
    """Turn auto_now/auto_now_add off while generating, so timestamps come from the base date.

    bulk_create would otherwise stamp every row with the wall clock and two runs would differ.
    The fields get their value from ``_stamp`` instead.
    """
    switched = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                switched.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in switched:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def generate(config: Config, progress: Progress | None = None) -> dict[str, int]:
    """Fill the (empty) database; returns the number of rows made per kind."""
    from kollegium.core.generate import companies, methods, network, programme

    ctx = Context(config=config, rng=random.Random(config.seed), progress=progress or Progress())
    counts: dict[str, int] = {}
    with fixed_timestamps(), transaction.atomic():
        for domain in (network, companies, programme, methods):
            counts.update(domain.generate(ctx))
        # Rows went in with bulk_create (no signals): rebuild the search index on commit.
        from kollegium.matching.indexing import rebuild_later

        rebuild_later()
    return counts
