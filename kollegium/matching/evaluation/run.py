"""Load the evaluation set, rank every need with the engine and with BM25, and score both."""

import copy
import datetime
import json
from dataclasses import dataclass, field

from django.utils import timezone

from kollegium.matching.evaluation import JUDGEMENTS, NEEDS, NETWORK, bm25
from kollegium.matching.evaluation.metrics import mean, ndcg_at, recall_at, reciprocal_rank

# The judgement section, the engine's kind and the baseline's documents for each result type.
KINDS = {
    "people": bm25.people_documents,
    "events": bm25.event_documents,
    "methods": bm25.method_documents,
}
SYSTEMS = ("engine", "bm25")
K = 5
# Rankings are read this deep (MRR counts a first hit down to rank 10).
DEPTH = 10


def load_document() -> dict:
    with open(NETWORK, encoding="utf-8") as f:
        return json.load(f)


def load_needs() -> list[dict]:
    with open(NEEDS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_judgements() -> dict[str, dict[str, dict[str, int]]]:
    with open(JUDGEMENTS, encoding="utf-8") as f:
        return json.load(f)["needs"]


def upcoming(document: dict, now: datetime.datetime | None = None) -> dict:
    """The document with its events moved by whole weeks so the first starts 7-13 days from now.

    The set's events have fixed dates, and matching only offers upcoming events; moving them
    together keeps their order and weekdays, so every run sees the same programme.
    """
    now = now or timezone.now()
    document = copy.deepcopy(document)
    events = document.get("events", [])
    if not events:
        return document
    first = min(datetime.datetime.fromisoformat(e["starts_at"]) for e in events)
    weeks = (now + datetime.timedelta(days=7) - first).days // 7 + 1
    shift = datetime.timedelta(weeks=weeks)
    for event in events:
        for key in ("starts_at", "ends_at"):
            moved = datetime.datetime.fromisoformat(event[key]) + shift
            event[key] = moved.isoformat()
    return document


@dataclass
class Scores:
    ndcg: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    mrr: list[float] = field(default_factory=list)
    # Per need: (id, nDCG@5, top 5 keys), for the details listing.
    per_need: list[tuple[str, float, list[str]]] = field(default_factory=list)

    def add(self, need_id: str, ranking: list[str], judged: dict[str, int]) -> None:
        ndcg = ndcg_at(ranking, judged, K)
        self.ndcg.append(ndcg)
        self.recall.append(recall_at(ranking, judged, K))
        self.mrr.append(reciprocal_rank(ranking, judged))
        self.per_need.append((need_id, ndcg, ranking[:K]))

    def summary(self) -> dict[str, float]:
        return {
            "ndcg@5": mean(self.ndcg),
            "recall@5": mean(self.recall),
            "mrr": mean(self.mrr),
            "needs": len(self.ndcg),
        }


def evaluate(needs: list[dict], judgements: dict) -> dict[str, dict[str, Scores]]:
    """Scores per system and kind; a need counts for a kind only when it has judgements there."""
    from kollegium.matching.ranking import match

    baselines = {kind: bm25.BM25(documents()) for kind, documents in KINDS.items()}
    results = {system: {kind: Scores() for kind in KINDS} for system in SYSTEMS}
    for need in needs:
        judged_kinds = judgements.get(need["id"], {})
        for kind in KINDS:
            judged = judged_kinds.get(kind) or {}
            if not judged:
                continue
            engine = [m.key for m in match(need["text"], kind=kind, limit=DEPTH)]
            baseline = baselines[kind].rank(need["text"], DEPTH)
            results["engine"][kind].add(need["id"], engine, judged)
            results["bm25"][kind].add(need["id"], baseline, judged)
    return results


def table(results: dict[str, dict[str, Scores]]) -> str:
    """The figures as a Markdown table: one row per kind and system, then the differences."""
    lines = [
        "| results | system | nDCG@5 | recall@5 | MRR | needs |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for kind in KINDS:
        rows = {system: results[system][kind].summary() for system in SYSTEMS}
        for system in SYSTEMS:
            s = rows[system]
            lines.append(
                f"| {kind} | {system} | {s['ndcg@5']:.3f} | {s['recall@5']:.3f} "
                f"| {s['mrr']:.3f} | {s['needs']} |"
            )
        diff = {m: rows["engine"][m] - rows["bm25"][m] for m in ("ndcg@5", "recall@5", "mrr")}
        lines.append(
            f"| {kind} | engine − bm25 | {diff['ndcg@5']:+.3f} | {diff['recall@5']:+.3f} "
            f"| {diff['mrr']:+.3f} | |"
        )
    return "\n".join(lines)


def details(results: dict[str, dict[str, Scores]], needs: list[dict], judgements: dict) -> str:
    """Per need and kind: where the engine does worse than BM25 or misses the right help."""
    texts = {n["id"]: n["text"] for n in needs}
    lines = []
    for kind in KINDS:
        engine = results["engine"][kind].per_need
        baseline = {need_id: (ndcg, top) for need_id, ndcg, top in results["bm25"][kind].per_need}
        for need_id, ndcg, top in engine:
            base_ndcg, base_top = baseline[need_id]
            best = [k for k, g in judgements[need_id][kind].items() if g == 2]
            if ndcg >= base_ndcg and (not best or set(best) & set(top)):
                continue
            lines.append(
                f"{kind} {need_id}: engine {ndcg:.2f} / bm25 {base_ndcg:.2f}  {texts[need_id]}\n"
                f"    right help: {', '.join(best) or '-'}\n"
                f"    engine top {K}: {', '.join(top) or '-'}\n"
                f"    bm25 top {K}:   {', '.join(base_top) or '-'}"
            )
    return "\n".join(lines)
