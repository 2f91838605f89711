"""The plain baseline: Okapi BM25 over lowercased word tokens, no stemming, k1=1.2, b=0.75.

It ranks the same items the engine may return (active staff, upcoming published events,
shared methods), each as one flat text of everything the engine reads about it.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils import timezone

TOKEN = re.compile(r"\w+")
K1 = 1.2
B = 0.75


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


class BM25:
    def __init__(self, documents: Iterable[tuple[str, str]], k1: float = K1, b: float = B):
        self.k1, self.b = k1, b
        self.keys: list[str] = []
        self.counts: list[Counter] = []
        self.lengths: list[int] = []
        self.df: Counter = Counter()
        for key, text in documents:
            found = tokens(text)
            self.keys.append(key)
            self.counts.append(Counter(found))
            self.lengths.append(len(found))
            self.df.update(set(found))
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0

    def idf(self, term: str) -> float:
        n, df = len(self.keys), self.df.get(term, 0)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def rank(self, query: str, limit: int = 10) -> list[str]:
        """Keys of the best documents; ties keep the documents' order (stable)."""
        terms = tokens(query)
        scores = []
        for i, counts in enumerate(self.counts):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg or 1.0))
            score = 0.0
            for term in terms:
                tf = counts.get(term, 0)
                if tf:
                    score += self.idf(term) * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                scores.append((-score, i))
        scores.sort()
        return [self.keys[i] for _score, i in scores[:limit]]


def _join(*parts) -> str:
    return "\n".join(p for p in parts if p)


def people_documents() -> list[tuple[str, str]]:
    from kollegium.network.models import Competence, Person

    people = (
        Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .prefetch_related(
            Prefetch("competences", Competence.objects.select_related("area")),
            "speaking_at",
            "methods_contributed",
        )
        .order_by("pk")
    )
    return [
        (
            p.user.email,
            _join(
                p.user.name,
                p.title,
                p.bio,
                p.keywords,
                p.garden.name,
                *(f"{c.area.name} {c.note}" for c in p.competences.all()),
                *(e.title for e in p.speaking_at.all()),
                *(m.title for m in p.methods_contributed.all()),
            ),
        )
        for p in people
    ]


def event_documents() -> list[tuple[str, str]]:
    from kollegium.programme.models import Event, EventStatus

    events = (
        Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gte=timezone.now())
        .prefetch_related("areas", "speakers__user")
        .order_by("pk")
    )
    return [
        (
            e.ref,
            _join(
                e.title,
                e.description,
                *(a.name for a in e.areas.all()),
                *(s.user.name for s in e.speakers.all()),
                e.external_speakers,
            ),
        )
        for e in events
    ]


def method_documents() -> list[tuple[str, str]]:
    from kollegium.methods.models import Method

    methods = (
        Method.objects.filter(stage="shared")
        .prefetch_related("areas", "contributors__user")
        .order_by("pk")
    )
    return [
        (
            m.ref,
            _join(
                m.title,
                m.summary,
                m.body,
                *(a.name for a in m.areas.all()),
                *(p.user.name for p in m.contributors.all()),
            ),
        )
        for m in methods
    ]
