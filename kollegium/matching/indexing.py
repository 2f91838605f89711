"""Keep the search documents current: mark what changed, write it when the transaction commits.

Signals (kollegium.matching.signals) call ``mark``; the objects are re-analysed once, on commit
(or before the next search in the same transaction), so a service that saves a person five
times writes one document. Every write records an IndexChange and a new generation, which the
in-process indexes of all processes replay (kollegium.matching.engine).
"""

import logging
import threading
import uuid
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from kollegium.matching.documents import BUILDERS
from kollegium.matching.models import IndexChange, IndexState, SearchDocument

log = logging.getLogger(__name__)
_pending = threading.local()
BATCH = 500


def _keys() -> set[tuple[str, int]]:
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    return _pending.keys


def mark(kind: str, object_ids: Iterable[int]) -> None:
    """Re-index these objects when the current transaction commits."""
    keys = _keys()
    keys.update((kind, int(pk)) for pk in object_ids if pk is not None)
    if not keys:
        return
    connection = transaction.get_connection()
    # Once per transaction (a rolled-back one took its callback with it).
    if not connection.in_atomic_block or not any(
        hook[1] is flush for hook in connection.run_on_commit
    ):
        transaction.on_commit(flush, robust=True)


def _new_generation(changes: list[tuple[str, int]], *, rebuilt: bool = False) -> None:
    generation = uuid.uuid4().hex
    IndexChange.objects.bulk_create(
        IndexChange(kind=kind, object_id=pk, generation=generation) for kind, pk in changes
    )
    # Processes that are more than a day behind simply reload everything.
    IndexChange.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()
    values = {"generation": generation}
    if rebuilt:
        values["rebuilt_at"] = timezone.now()
    IndexState.objects.update_or_create(pk=1, defaults=values)


def rebuild_later() -> None:
    """Rebuild everything when the current transaction commits (after a bulk load), or before
    the next search in it, whichever comes first."""
    _pending.rebuild = True
    transaction.on_commit(flush, robust=True)


def flush() -> None:
    """Write the documents of everything marked since the last flush."""
    if getattr(_pending, "rebuild", False):
        _pending.rebuild = False
        reindex_all()
        return
    keys = _keys()
    if not keys:
        return
    pending = sorted(keys)
    keys.clear()
    with transaction.atomic():
        for kind, (queryset, build) in BUILDERS.items():
            ids = [pk for k, pk in pending if k == kind]
            for start in range(0, len(ids), BATCH):
                _write(kind, ids[start : start + BATCH], queryset, build)
        # One change row per document, so other processes reload only those.
        _new_generation(pending)


def _write(kind: str, ids: list[int], queryset, build) -> None:
    docs = list(build(queryset().filter(pk__in=ids)))
    found = {d.object_id for d in docs}
    SearchDocument.objects.filter(kind=kind, object_id__in=ids).delete()
    SearchDocument.objects.bulk_create(docs)
    log.debug("indexed %s %s, removed %s", kind, len(found), len(set(ids) - found))


def reindex_all() -> dict[str, int]:
    """Rebuild every document from the database; for operators and after bulk imports."""
    _keys().clear()
    counts: dict[str, int] = {}
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        IndexChange.objects.all().delete()
        for kind, (queryset, build) in BUILDERS.items():
            ids = list(queryset().values_list("pk", flat=True))
            counts[kind] = 0
            for start in range(0, len(ids), BATCH):
                docs = list(build(queryset().filter(pk__in=ids[start : start + BATCH])))
                SearchDocument.objects.bulk_create(docs)
                counts[kind] += len(docs)
        _new_generation([], rebuilt=True)
    return counts
