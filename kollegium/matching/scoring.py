"""Score one kind's documents against the concepts of a query (BM25, best alternative wins)."""

import heapq
from dataclasses import dataclass

from kollegium.matching.engine import K1, KindIndex
from kollegium.matching.expand import Concept

# "Not now" ranks below an equally good colleague with time; "limited" a little below.
CAPACITY_FACTOR = {"not_now": 0.85, "limited": 0.96}
# A term in more than this share of documents only adds to documents already found by rarer
# terms (it cannot lift an unrelated document into the list, and scanning it would be slow).
COMMON = 0.05
ENOUGH = 200
NEARLY_ALL = 0.5
LARGE = 1000


@dataclass
class Scored:
    pk: int
    raw: float
    score: float
    matched: frozenset[str]


def _concept_best(kind: KindIndex, concept: Concept, candidates: dict | None) -> dict:
    """Per document, the best score among the concept's alternatives."""
    best: dict[int, float] = {}
    for alt in concept.alts:
        if len(alt.terms) == 1:
            posting = kind.postings.get(alt.terms[0])
            if not posting:
                continue
            weight = kind.idf(alt.terms[0]) * alt.weight
            if candidates is not None and len(posting) > len(candidates):
                items = ((pk, posting[pk]) for pk in candidates if pk in posting)
            elif not best:
                # The first alternative: one comprehension instead of a loop with lookups.
                best = {pk: value * weight for pk, value in posting.items()}
                continue
            else:
                items = posting.items()
            for pk, value in items:
                value *= weight
                if value > best.get(pk, 0.0):
                    best[pk] = value
            continue
        # A phrase or a compound's parts: the mean of its terms, halved when some are missing.
        parts = [kind.scores(term, alt.weight) for term in alt.terms]
        for pk in set().union(*parts):
            if candidates is not None and pk not in candidates:
                continue
            found = [p[pk] for p in parts if pk in p]
            value = sum(found) / len(parts) * (1.0 if len(found) == len(parts) else 0.5)
            if value > best.get(pk, 0.0):
                best[pk] = value
    return best


def _rarity(kind: KindIndex, concept: Concept) -> int:
    """The document frequency of the concept's rarest alternative that occurs (0: none)."""
    found = [len(kind.postings[a.terms[0]]) for a in concept.alts if a.terms[0] in kind.postings]
    return min(found, default=0)


def score(
    kind: KindIndex, concepts: list[Concept], allowed=None, top: int = 60, capacity: bool = False
) -> list[Scored]:
    """The ``top`` documents matching the query, best first (ties by key)."""
    totals: dict[int, float] = {}
    hits: dict[int, int] = {}
    ideal = 0.0
    common = max(len(kind.docs) * COMMON, ENOUGH)
    # Rarest concepts first, so common ones can be restricted to documents already found.
    for concept in sorted(concepts, key=lambda c: _rarity(kind, c)):
        rarity = _rarity(kind, concept)
        if not rarity:
            continue
        if len(kind.docs) >= LARGE and rarity > len(kind.docs) * NEARLY_ALL and len(concepts) > 1:
            # In nearly every document ("bedrift" in a business network): no signal, much work.
            continue
        ideal += max(
            kind.idf(a.terms[0]) * a.weight for a in concept.alts if a.terms[0] in kind.postings
        )
        restrict = totals if len(totals) >= ENOUGH and rarity > common else None
        best = _concept_best(kind, concept, restrict)
        if not totals:
            totals, hits = best, dict.fromkeys(best, 1)
            continue
        for pk, value in best.items():
            totals[pk] = totals.get(pk, 0.0) + value
            hits[pk] = hits.get(pk, 0) + 1
    ideal = max(ideal * (K1 + 1), 1e-9)
    n = max(len(concepts), 1)
    query_terms = {t for c in concepts for a in c.alts for t in a.terms}
    docs = kind.docs
    # Documents that cover more of the need's concepts go first.
    cover = [(h / n) ** 0.3 for h in range(n + 1)]
    if capacity:
        adjusted = [
            (raw * cover[hits[pk]] * CAPACITY_FACTOR.get(docs[pk].audience, 1.0), pk)
            for pk, raw in totals.items()
        ]
    else:
        adjusted = [(raw * cover[hits[pk]], pk) for pk, raw in totals.items()]
    ranked = _best(adjusted, allowed, docs, top)
    return [
        Scored(
            pk,
            raw,
            min(1.0, round(raw / ideal * 1.25, 4)),
            frozenset(query_terms.intersection(docs[pk].terms)),
        )
        for raw, pk in ranked
    ]


def _best(adjusted: list, allowed, docs, top: int) -> list[tuple[float, int]]:
    """The ``top`` allowed pairs by score, ties by key; without sorting every match."""
    want = top * 2
    while True:
        pool = heapq.nlargest(want, adjusted) if len(adjusted) > want else adjusted
        if len(pool) < len(adjusted):
            # Take every pair tied with the last one too, so ties are broken by key alone.
            threshold = pool[-1][0]
            pool = [pair for pair in adjusted if pair[0] >= threshold]
        kept = [pair for pair in pool if allowed is None or allowed(docs[pair[1]])]
        if len(kept) >= top or len(pool) == len(adjusted):
            break
        want *= 4
    return heapq.nsmallest(top, kept, key=lambda pair: (-pair[0], docs[pair[1]].key))
