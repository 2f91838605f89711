"""The in-process index: postings per kind, loaded from SearchDocument and kept current.

Each process holds its own copy (nothing shared between processes); before every query it asks
the database for the index generation (one small query) and replays the IndexChange rows it has
not seen, or reloads everything when its history no longer matches (after a rebuild, or after
a rolled-back transaction in tests). Scoring is BM25 in Python, so SQLite and PostgreSQL give
the same order.
"""

import math
import threading
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Avg

from kollegium.matching.models import IndexChange, IndexState, SearchDocument

K1 = 1.2
B = 0.75
# Changes re-read behind the last one seen: transactions may commit out of id order.
REPLAY_WINDOW = 100


@dataclass(slots=True)
class Doc:
    pk: int
    key: str
    title: str
    url: str
    garden_ids: tuple[int, ...]
    audience: str
    starts_at: datetime | None
    shared: bool
    length: int
    terms: tuple[str, ...]


@dataclass
class KindIndex:
    docs: dict[int, Doc] = field(default_factory=dict)
    postings: dict[str, dict[int, float]] = field(default_factory=dict)
    total_length: int = 0

    def add(self, doc: Doc, weights: dict[str, float], avg_length: float | None = None) -> None:
        """Add a document; postings hold BM25's saturated term frequency, ready to multiply
        by the term's idf (the average length is the one at load time, or the current one)."""
        self.remove(doc.pk)
        self.docs[doc.pk] = doc
        self.total_length += doc.length
        avg = avg_length or self.avg_length or 1.0
        norm = K1 * (1 - B + B * doc.length / avg)
        for term, tf in weights.items():
            self.postings.setdefault(term, {})[doc.pk] = tf * (K1 + 1) / (tf + norm)

    def remove(self, pk: int) -> list[str]:
        old = self.docs.pop(pk, None)
        if old is None:
            return []
        self.total_length -= old.length
        for term in old.terms:
            posting = self.postings.get(term)
            if posting is not None:
                posting.pop(pk, None)
                if not posting:
                    del self.postings[term]
        return list(old.terms)

    @property
    def avg_length(self) -> float:
        return (self.total_length / len(self.docs)) if self.docs else 1.0

    def idf(self, term: str) -> float:
        df = len(self.postings.get(term, ()))
        n = len(self.docs)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, term: str, query_weight: float) -> dict[int, float]:
        """BM25 contribution of one term to every document holding it."""
        posting = self.postings.get(term)
        if not posting:
            return {}
        weight = self.idf(term) * query_weight
        return {pk: value * weight for pk, value in posting.items()}


class Engine:
    """All kinds' indexes plus the shared vocabulary (term -> number of documents)."""

    def __init__(self) -> None:
        self.kinds: dict[str, KindIndex] = {}
        self.vocab: dict[str, int] = {}
        self.generation: str | None = None
        self.last_change_id = 0
        self._sorted: list[str] | None = None
        self._reversed: list[str] | None = None
        self.lock = threading.Lock()

    # --- loading ---------------------------------------------------------------------------

    def _apply(self, row: SearchDocument | dict, avg_length: float | None = None) -> None:
        get = row.get if isinstance(row, dict) else (lambda name: getattr(row, name))
        kind = self.kinds.setdefault(get("kind"), KindIndex())
        self._forget(get("kind"), get("object_id"))
        weights = get("terms") or {}
        doc = Doc(
            pk=get("object_id"),
            key=get("key"),
            title=get("title"),
            url=get("url"),
            garden_ids=tuple(get("garden_ids") or ()),
            audience=get("audience"),
            starts_at=get("starts_at"),
            shared=get("shared"),
            length=get("length"),
            terms=tuple(weights),
        )
        kind.add(doc, weights, avg_length)
        for term in weights:
            if term not in self.vocab:
                self._sorted = self._reversed = None
            self.vocab[term] = self.vocab.get(term, 0) + 1

    def _forget(self, kind_name: str, pk: int) -> None:
        kind = self.kinds.get(kind_name)
        if kind is None:
            return
        for term in kind.remove(pk):
            count = self.vocab.get(term, 0) - 1
            if count <= 0:
                self.vocab.pop(term, None)
                self._sorted = self._reversed = None
            else:
                self.vocab[term] = count

    _FIELDS = (
        "kind",
        "object_id",
        "key",
        "title",
        "url",
        "garden_ids",
        "audience",
        "starts_at",
        "shared",
        "length",
        "terms",
    )

    def load_all(self, generation: str) -> None:
        self.kinds, self.vocab = {}, {}
        self._sorted = self._reversed = None
        last = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first()
        averages = dict(
            SearchDocument.objects.values("kind")
            .annotate(avg=Avg("length"))
            .values_list("kind", "avg")
        )
        rows = SearchDocument.objects.order_by("pk").values(*self._FIELDS)
        for row in rows.iterator(chunk_size=2000):
            self._apply(row, averages.get(row["kind"]))
        self.generation, self.last_change_id = generation, last or 0

    def sync(self) -> None:
        """Bring this process's index up to the database's generation."""
        from kollegium.matching.indexing import flush

        # Changes of the current transaction that have not been written yet.
        flush()
        state = IndexState.objects.filter(pk=1).values_list("generation", flat=True).first()
        if state is None:
            self._build_first_time()
            return
        if state == self.generation:
            return
        with self.lock:
            if self.generation is None or not self._history_holds():
                self.load_all(state)
                return
            changes = list(
                IndexChange.objects.filter(pk__gt=self.last_change_id - REPLAY_WINDOW).values_list(
                    "pk", "kind", "object_id", "generation"
                )
            )
            if not changes or changes[-1][3] != state:
                self.load_all(state)
                return
            keys = {(kind, pk) for _id, kind, pk, _gen in changes}
            for kind, pk in keys:
                self._forget(kind, pk)
            for kind in {k for k, _pk in keys}:
                ids = [pk for k, pk in keys if k == kind]
                for row in SearchDocument.objects.filter(kind=kind, object_id__in=ids).values(
                    *self._FIELDS
                ):
                    self._apply(row)
            self.generation, self.last_change_id = state, changes[-1][0]

    def _history_holds(self) -> bool:
        if not self.last_change_id:
            return True
        return IndexChange.objects.filter(
            pk=self.last_change_id, generation=self.generation
        ).exists()

    def _build_first_time(self) -> None:
        from kollegium.matching.indexing import reindex_all

        reindex_all()
        state = IndexState.objects.values_list("generation", flat=True).get(pk=1)
        with self.lock:
            self.load_all(state)

    # --- vocabulary lookups ----------------------------------------------------------------

    def _sorted_vocab(self) -> tuple[list[str], list[str]]:
        if self._sorted is None or self._reversed is None:
            self._sorted = sorted(self.vocab)
            self._reversed = sorted(t[::-1] for t in self.vocab)
        return self._sorted, self._reversed

    def with_prefix(self, prefix: str, limit: int = 200) -> list[str]:
        ordered, _ = self._sorted_vocab()
        out = []
        for i in range(bisect_left(ordered, prefix), len(ordered)):
            if not ordered[i].startswith(prefix) or len(out) >= limit:
                break
            out.append(ordered[i])
        return out

    def with_suffix(self, suffix: str, limit: int = 200) -> list[str]:
        _, reversed_ = self._sorted_vocab()
        rev = suffix[::-1]
        out = []
        for i in range(bisect_left(reversed_, rev), len(reversed_)):
            if not reversed_[i].startswith(rev) or len(out) >= limit:
                break
            out.append(reversed_[i][::-1])
        return out


_engine = Engine()


def engine() -> Engine:
    """This process's index, brought up to date with the database."""
    _engine.sync()
    return _engine


def reset() -> None:
    """Forget the in-memory index (tests)."""
    global _engine
    _engine = Engine()
