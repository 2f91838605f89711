"""Rank staff, upcoming events and shared methods for a need text (the public interface)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from kollegium.matching import reasons
from kollegium.matching.engine import engine
from kollegium.matching.expand import concepts, synonym_groups
from kollegium.matching.models import DocKind, SearchDocument, Synonym
from kollegium.matching.scoring import score
from kollegium.matching.viewer import Viewer, candidates


@dataclass(frozen=True)
class Match:
    kind: str  # "person" | "event" | "method"
    key: str  # person's e-mail, event's ref, method's ref
    pk: int
    title: str  # person's name / event title / method title
    url: str  # the staff page of the result
    score: float  # 0..1, higher is better
    why: list[str]  # short reasons in the active language


KINDS = {
    "all": (DocKind.PERSON, DocKind.EVENT, DocKind.METHOD),
    "people": (DocKind.PERSON,),
    "events": (DocKind.EVENT,),
    "methods": (DocKind.METHOD,),
}
KIND_ORDER = {DocKind.PERSON: 0, DocKind.EVENT: 1, DocKind.METHOD: 2}


def load_synonyms() -> dict:
    return synonym_groups(list(Synonym.objects.values_list("terms", flat=True)))


def _match_filter(kind: str, viewer: Viewer, now):
    """Which documents a match may return: staff, upcoming published events, shared methods."""
    if kind == DocKind.PERSON:
        return None if viewer.sees_people else (lambda doc: False)
    if kind == DocKind.EVENT:
        return lambda doc: doc.audience == "published" and doc.starts_at and doc.starts_at >= now
    return lambda doc: doc.shared and viewer.may_see_method(doc)


def match(text: str, *, kind: str = "all", limit: int = 10, user=None) -> list[Match]:
    """Rank staff, upcoming published events and shared methods for a need text.
    user=None means no permission filter (batch command, evaluation); otherwise only what the
    user may see."""
    kinds = KINDS.get(kind)
    if kinds is None:
        raise ValueError(f"unknown kind {kind!r}")
    if limit <= 0 or not text.strip():
        return []
    index = engine()
    viewer = Viewer.of(user)
    query = concepts(text, index, load_synonyms())
    if not query:
        return []
    now = timezone.now()
    found: list[tuple[str, object]] = []
    for name in kinds:
        kind_index = index.kinds.get(name)
        if kind_index is None:
            continue
        allowed = _match_filter(name, viewer, now)
        capacity = name == DocKind.PERSON
        top = candidates(name, limit)
        scored = score(kind_index, query, allowed, top=top, capacity=capacity)
        ranked = viewer.verify(name, scored, limit)
        found += [(name, s) for s in ranked]
    found.sort(key=lambda pair: (-pair[1].score, KIND_ORDER[pair[0]], -pair[1].raw))
    return _with_reasons(index, found[:limit])


def _with_reasons(index, found) -> list[Match]:
    fields = {}
    for name in {k for k, _s in found}:
        ids = [s.pk for k, s in found if k == name]
        rows = SearchDocument.objects.filter(kind=name, object_id__in=ids).values_list(
            "object_id", "fields"
        )
        fields.update({(name, pk): f for pk, f in rows})
    out = []
    for name, scored in found:
        doc = index.kinds[name].docs[scored.pk]
        doc_fields = fields.get((name, scored.pk), {})
        if name == DocKind.PERSON:
            why = reasons.person_reasons(doc_fields, scored.matched, doc.audience)
        else:
            why = reasons.item_reasons(doc_fields, scored.matched)
        out.append(Match(str(name), doc.key, doc.pk, doc.title, doc.url, scored.score, why))
    return out
