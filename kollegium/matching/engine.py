"""The in-process index: postings per kind, loaded from SearchDocument and kept current.

Each process holds its own copy (nothing shared between processes); before every query it asks
the database for the index generation (one small query) and replays the IndexChange rows it has
not seen, or reloads everything when its history no longer matches (after a rebuild, or after
a rolled-back transaction in tests). Scoring is BM25 in Python, so SQLite and PostgreSQL give
the same order.
"""

import gc
import json
import logging
import math
import threading
import time
from bisect import bisect_left
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections
from django.db.models import Avg
from django.db.models.sql.constants import MULTI

from kollegium.matching.models import IndexChange, IndexState, SearchDocument

log = logging.getLogger(__name__)

K1 = 1.2
B = 0.75
# Changes re-read behind the last one seen: transactions may commit out of id order.
REPLAY_WINDOW = 100
# Where starts_at is in Engine._FIELDS (the one column load_all converts).
STARTS_AT = 6


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

    # The JSON ones last: load_all reads them as text (see _document_chunks).
    _FIELDS = (
        "kind",
        "object_id",
        "key",
        "title",
        "url",
        "audience",
        "starts_at",
        "shared",
        "length",
        "garden_ids",
        "terms",
    )

    def load_all(self, generation: str) -> None:
        """Read every document and build the postings in one pass (a fresh process's first
        query, or after a rebuild). Built aside and swapped in, so a reader in another thread
        never sees half an index."""
        last = IndexChange.objects.order_by("-pk").values_list("pk", flat=True).first()
        averages = dict(
            SearchDocument.objects.values("kind")
            .annotate(avg=Avg("length"))
            .values_list("kind", "avg")
        )
        with _collector_paused():
            kinds = _build_kinds(averages)
        vocab: dict[str, int] = {}
        for kind in kinds.values():
            for term, posting in kind.postings.items():
                vocab[term] = vocab.get(term, 0) + len(posting)
        self.kinds, self.vocab = kinds, vocab
        self._sorted = self._reversed = None
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


def _build_kinds(averages: dict[str, float]) -> dict[str, KindIndex]:
    """Every document's Doc and postings, per kind: KindIndex.add inlined, since the inner loop
    runs once per posting (about 380,000 at national scale)."""
    kinds: dict[str, KindIndex] = {}
    saturate = K1 + 1
    for rows, starts, gardens, weights in _document_chunks():
        for row, starts_at, garden_ids, doc_weights in zip(
            rows, starts, gardens, weights, strict=True
        ):
            kind_name, pk, key, title, url, audience, _starts, shared, length, _g, _t = row
            doc_weights = doc_weights or {}
            kind = kinds.get(kind_name)
            if kind is None:
                kind = kinds[kind_name] = KindIndex()
            kind.docs[pk] = Doc(
                pk,
                key,
                title,
                url,
                tuple(garden_ids or ()),
                audience,
                starts_at,
                bool(shared),
                length,
                tuple(doc_weights),
            )
            kind.total_length += length
            avg = averages.get(kind_name) or kind.avg_length or 1.0
            norm = K1 * (1 - B + B * length / avg)
            postings = kind.postings
            for term, tf in doc_weights.items():
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {}
                posting[pk] = tf * saturate / (tf + norm)
    return kinds


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while the index is built: the index holds no cycles,
    and the collector would otherwise walk the growing heap again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Rows per round trip; each chunk's JSON is decoded with one json.loads, which also shares one
# string per term across the chunk instead of allocating one per document.
CHUNK = 5000


def _document_chunks():
    """Every search document in pk order, as chunks of (rows, starts_at, garden_ids, terms).

    Rows come straight from the cursor, as QuerySet.iterator() reads them but without its
    per-value converters: the JSON columns (text on both backends) are decoded per chunk, as
    one ``json.loads`` of the joined texts costs a fraction of decoding each value on its own
    (which was most of the cold load); only ``starts_at`` goes through its backend's converter.
    """
    query = SearchDocument.objects.order_by("pk").values_list(*Engine._FIELDS)
    compiler = query.query.get_compiler(using=query.db)
    # As QuerySet.iterator(): a server-side cursor on PostgreSQL unless settings say not to.
    chunked = not connections[query.db].settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    chunks = compiler.execute_sql(MULTI, chunked_fetch=chunked, chunk_size=CHUNK)
    convert = _converter(compiler, STARTS_AT)
    for rows in chunks:
        starts = [None if r[STARTS_AT] is None else convert(r[STARTS_AT]) for r in rows]
        yield rows, starts, _json_many([r[9] for r in rows]), _json_many([r[10] for r in rows])


def _converter(compiler, position: int):
    """The backend's and the field's converters of one selected column, as one function."""
    expression = compiler.select[position][0]
    converters = compiler.get_converters([expression]).get(0, ((), None))[0]
    connection = compiler.connection

    def convert(value):
        for converter in converters:
            value = converter(value, expression, connection)
        return value

    return convert


def _json_many(texts: list) -> list:
    """Decode a list of JSON texts at once (values a backend already decoded pass through)."""
    if all(isinstance(t, str) for t in texts):
        return json.loads("[" + ",".join(texts) + "]")
    return [json.loads(t) if isinstance(t, str) else t for t in texts]


_engine = Engine()


def engine() -> Engine:
    """This process's index, brought up to date with the database."""
    _engine.sync()
    return _engine


def warm_up() -> float | None:
    """Load this process's index now rather than on its first query: a web worker calls this
    as it starts (kollegium/gunicorn.conf.py). Returns the seconds it took, or None when there
    was nothing to load or the database could not be read; never raises, so a worker always
    starts (and loads on its first query instead). Builds no index that was never built."""
    started = time.perf_counter()
    try:
        if not IndexState.objects.filter(pk=1).exists():
            return None
        engine()
    except Exception:
        log.exception("The search index could not be loaded at start; the first query will.")
        return None
    return time.perf_counter() - started


def reset() -> None:
    """Forget the in-memory index (tests)."""
    global _engine
    _engine = Engine()
