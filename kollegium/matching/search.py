"""The search box: people, companies, needs, events and methods, grouped, each where allowed."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from kollegium.matching.engine import engine
from kollegium.matching.expand import concepts
from kollegium.matching.models import DocKind, SearchDocument
from kollegium.matching.ranking import load_synonyms
from kollegium.matching.scoring import score
from kollegium.matching.text import highlight, snippet
from kollegium.matching.viewer import Viewer, candidates

GROUPS = [
    (DocKind.PERSON, _("People")),
    (DocKind.COMPANY, _("Companies")),
    (DocKind.NEED, _("Needs")),
    (DocKind.EVENT, _("Events")),
    (DocKind.METHOD, _("Methods")),
]
# The field whose excerpt is shown under each hit.
EXCERPT = {
    DocKind.PERSON: ("title", "keywords", "bio"),
    DocKind.COMPANY: ("post_town",),
    DocKind.NEED: ("text",),
    DocKind.EVENT: ("description",),
    DocKind.METHOD: ("summary", "body"),
}


@dataclass
class Hit:
    kind: str
    pk: int
    title: SafeString
    url: str
    excerpt: SafeString
    score: float


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)


def _filter(kind: str, viewer: Viewer):
    if kind in (DocKind.PERSON, DocKind.COMPANY):
        return None if viewer.staff else (lambda doc: False)
    if kind == DocKind.NEED:
        return viewer.may_see_need
    if kind == DocKind.EVENT:
        return viewer.may_see_event
    return viewer.may_see_method


def search(text: str, *, user, per_group: int = 5, typing: bool = False) -> list[Group]:
    """Hits per group for the search box and page. The last word also counts as the start of a
    word ("eksport" finds "Eksportklar"); ``typing`` marks those prefixes in the titles."""
    if not text.strip():
        return []
    index = engine()
    viewer = Viewer.of(user)
    if viewer.unrestricted:
        raise ValueError("search needs a user (or AnonymousUser)")
    query = concepts(text, index, load_synonyms(), prefix=True)
    if not query:
        return []
    prefixes = (query[-1].word,) if typing and " " not in query[-1].word else ()
    groups = []
    for kind, label in GROUPS:
        if kind not in (DocKind.EVENT, DocKind.METHOD) and not viewer.staff:
            continue
        kind_index = index.kinds.get(kind)
        if kind_index is None:
            continue
        scored = score(
            kind_index,
            query,
            _filter(kind, viewer),
            top=candidates(kind, per_group),
            capacity=kind == DocKind.PERSON,
        )
        ranked = viewer.verify(kind, scored, per_group)
        if ranked:
            hits = _hits(kind, kind_index, ranked, prefixes, public=not viewer.staff)
            groups.append(Group(kind, label, hits))
    return groups


def _hits(kind, kind_index, ranked, prefixes, *, public: bool) -> list[Hit]:
    rows = dict(
        SearchDocument.objects.filter(kind=kind, object_id__in=[s.pk for s in ranked]).values_list(
            "object_id", "fields"
        )
    )
    hits = []
    for scored in ranked:
        doc = kind_index.docs[scored.pk]
        fields = rows.get(scored.pk, {})
        text = next((fields[f] for f in EXCERPT[kind] if fields.get(f)), "")
        hits.append(
            Hit(
                kind,
                doc.pk,
                highlight(doc.title, scored.matched, prefixes),
                reverse("library:detail", args=[doc.key])
                if public and kind == DocKind.METHOD
                else doc.url,
                snippet(text, scored.matched),
                scored.score,
            )
        )
    return hits
