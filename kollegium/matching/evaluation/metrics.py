"""Ranking metrics over graded judgements (2 = the right help, 1 = useful, missing = 0).

nDCG uses the graded relevance as the gain (gain = grade, discount log2(rank + 1)); recall and
the reciprocal rank count anything graded 1 or 2 as relevant.
"""

import math
from collections.abc import Mapping, Sequence


def dcg(grades: Sequence[int]) -> float:
    return sum(grade / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg_at(ranking: Sequence[str], judged: Mapping[str, int], k: int = 5) -> float:
    """Discounted gain of the top k divided by that of the ideal top k (0 with nothing judged)."""
    ideal = dcg(sorted(judged.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([judged.get(key, 0) for key in ranking[:k]]) / ideal


def recall_at(ranking: Sequence[str], judged: Mapping[str, int], k: int = 5) -> float:
    """Share of the relevant items found in the top k."""
    relevant = {key for key, grade in judged.items() if grade > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(ranking[:k])) / len(relevant)


def reciprocal_rank(ranking: Sequence[str], judged: Mapping[str, int]) -> float:
    """1 / the rank of the first relevant item; 0 when none is in the ranking."""
    for rank, key in enumerate(ranking, start=1):
        if judged.get(key, 0) > 0:
            return 1.0 / rank
    return 0.0


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0
