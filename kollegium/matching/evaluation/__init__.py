"""The matching evaluation set and the code that measures the engine against a BM25 baseline.

Files: ``network.json`` (a fictional network document: 66 staff in 11 gardens, events,
shared methods), ``needs.jsonl`` (company needs, ``{"id", "text"}``) and ``judgements.json``
(graded relevance per need: 2 = the right help, 1 = useful). See docs/matching.md.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
NETWORK = HERE / "network.json"
NEEDS = HERE / "needs.jsonl"
JUDGEMENTS = HERE / "judgements.json"
