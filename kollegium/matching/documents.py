"""Turn people, events, methods, companies and needs into search documents.

Each builder takes a queryset (prefetched by ``*_queryset``) so a rebuild of thousands of rows
costs a handful of queries. Field weights say how much a word counts where it stands: a
competence area at expert level counts most, a word in a bio counts once.
"""

from collections import Counter
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.urls import reverse

from kollegium.matching.models import DocKind, SearchDocument
from kollegium.matching.text import terms

# Weight of a competence area's name by level (1 some, 2 solid, 3 expert).
LEVEL_WEIGHT = {1: 1.5, 2: 2.5, 3: 4.0}
PERSON_WEIGHTS = {
    "name": 2.0,
    "title": 1.5,
    "keywords": 2.5,
    "notes": 2.0,
    "bio": 1.0,
    "talks": 0.8,
    "methods": 0.8,
    "garden": 0.5,
}
EVENT_WEIGHTS = {"title": 3.0, "areas": 2.0, "description": 1.0, "speakers": 0.5}
METHOD_WEIGHTS = {"title": 3.0, "areas": 2.0, "summary": 1.5, "body": 0.5, "contributors": 0.3}
COMPANY_WEIGHTS = {"name": 3.0, "post_town": 1.0}
NEED_WEIGHTS = {"text": 1.5, "areas": 2.0, "company": 1.0}
# Long method bodies add little beyond their first pages and cost memory.
BODY_LIMIT = 4000


def _weigh(parts: Iterable[tuple[str, float]]) -> tuple[dict[str, float], int]:
    weights: Counter[str] = Counter()
    length = 0
    for text, weight in parts:
        found = terms(text)
        length += len(found)
        for term in found:
            weights[term] += weight
    return {t: round(w, 2) for t, w in weights.items()}, length


def _doc(kind, obj_id, key, title, url, parts, fields, **extra) -> SearchDocument:
    weights, length = _weigh(parts)
    return SearchDocument(
        kind=kind,
        object_id=obj_id,
        key=key,
        title=title[:300],
        url=url,
        terms=weights,
        length=length,
        fields=fields,
        **extra,
    )


# --- people ------------------------------------------------------------------------------


def person_queryset():
    from kollegium.methods.models import Method
    from kollegium.network.models import Competence, Person
    from kollegium.programme.models import Event

    return (
        Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .prefetch_related(
            Prefetch("competences", Competence.objects.select_related("area")),
            Prefetch("speaking_at", Event.objects.only("id", "title")),
            Prefetch("methods_contributed", Method.objects.only("id", "title")),
        )
        .order_by("pk")
    )


def _hosted_titles(person_ids: list[int]) -> dict[int, list[str]]:
    from kollegium.programme.models import Event

    hosted: dict[int, list[str]] = {}
    rows = Event.objects.filter(created_by_id__in=person_ids).values_list("created_by_id", "title")
    for person_id, title in rows:
        hosted.setdefault(person_id, []).append(title)
    return hosted


def person_documents(people) -> Iterator[SearchDocument]:
    people = list(people)
    hosted = _hosted_titles([p.pk for p in people])
    for person in people:
        competences = list(person.competences.all())
        talks = sorted({e.title for e in person.speaking_at.all()} | set(hosted.get(person.pk, [])))
        methods = sorted({m.title for m in person.methods_contributed.all()})
        parts = [(c.area.name, LEVEL_WEIGHT.get(c.level, 1.0)) for c in competences]
        fields = {
            "name": person.user.name,
            "title": person.title,
            "keywords": person.keywords,
            "notes": " ".join(c.note for c in competences if c.note),
            "bio": person.bio,
            "talks": " ".join(talks),
            "methods": " ".join(methods),
            "garden": person.garden.name,
        }
        parts += [(fields[name], weight) for name, weight in PERSON_WEIGHTS.items()]
        fields["areas"] = [[c.area.name, c.level, c.note] for c in competences]
        fields["talk_list"] = talks[:20]
        fields["method_list"] = methods[:20]
        yield _doc(
            DocKind.PERSON,
            person.pk,
            person.user.email,
            person.user.name or person.user.email,
            reverse("network:person", args=[person.pk]),
            parts,
            fields,
            garden_ids=[person.garden_id],
            audience=getattr(person, "capacity", "") or "",
        )


# --- events ------------------------------------------------------------------------------


def event_queryset():
    from kollegium.programme.models import Event

    return Event.objects.prefetch_related(
        "areas", "speakers__user", Prefetch("host_links")
    ).order_by("pk")


def event_documents(events) -> Iterator[SearchDocument]:
    for event in events:
        areas = [a.name for a in event.areas.all()]
        speakers = [s.user.name for s in event.speakers.all()] + event.external_speaker_list
        fields = {
            "title": event.title,
            "areas": " · ".join(areas),
            "description": event.description,
            "speakers": ", ".join(speakers),
        }
        yield _doc(
            DocKind.EVENT,
            event.pk,
            event.ref,
            event.title,
            reverse("programme:event", args=[event.ref]),
            [(fields[name], weight) for name, weight in EVENT_WEIGHTS.items()],
            fields,
            garden_ids=sorted(h.garden_id for h in event.host_links.all()),
            audience=event.status,
            starts_at=event.starts_at,
        )


# --- methods -----------------------------------------------------------------------------


def method_queryset():
    from kollegium.methods.models import Method

    return Method.objects.prefetch_related("areas", "contributors__user").order_by("pk")


def method_documents(methods) -> Iterator[SearchDocument]:
    for method in methods:
        fields = {
            "title": method.title,
            "areas": " · ".join(a.name for a in method.areas.all()),
            "summary": method.summary,
            "body": method.body[:BODY_LIMIT],
            "contributors": ", ".join(p.user.name for p in method.contributors.all()),
        }
        yield _doc(
            DocKind.METHOD,
            method.pk,
            method.ref,
            method.title,
            reverse("methods:detail", args=[method.ref]),
            [(fields[name], weight) for name, weight in METHOD_WEIGHTS.items()],
            fields,
            garden_ids=[method.owner_id],
            audience=method.visibility,
            shared=method.stage == "shared",
        )


# --- companies and needs (staff search only) ---------------------------------------------


def company_queryset():
    from kollegium.companies.models import Company

    return Company.objects.prefetch_related("relations").order_by("pk")


def company_documents(companies) -> Iterator[SearchDocument]:
    for company in companies:
        fields = {"name": company.name, "post_town": company.post_town}
        yield _doc(
            DocKind.COMPANY,
            company.pk,
            company.org_number,
            company.name,
            company.get_absolute_url(),
            [(fields[name], weight) for name, weight in COMPANY_WEIGHTS.items()],
            fields,
            garden_ids=sorted({r.garden_id for r in company.relations.all()}),
        )


def need_queryset():
    from kollegium.companies.models import Need

    return (
        Need.objects.select_related("company")
        .prefetch_related("areas", "company__relations")
        .order_by("pk")
    )


def need_documents(needs) -> Iterator[SearchDocument]:
    for need in needs:
        fields = {
            "text": need.text,
            "areas": " · ".join(a.name for a in need.areas.all()),
            "company": need.company.name,
        }
        yield _doc(
            DocKind.NEED,
            need.pk,
            str(need.pk),
            f"{need.company.name}: {need.text[:120]}",
            reverse("companies:need", args=[need.company.org_number, need.pk]),
            [(fields[name], weight) for name, weight in NEED_WEIGHTS.items()],
            fields,
            garden_ids=sorted({r.garden_id for r in need.company.relations.all()}),
            audience="shared" if need.shared_with_network else "garden",
            shared=need.status != "met",
        )


BUILDERS = {
    DocKind.PERSON: (person_queryset, person_documents),
    DocKind.EVENT: (event_queryset, event_documents),
    DocKind.METHOD: (method_queryset, method_documents),
    DocKind.COMPANY: (company_queryset, company_documents),
    DocKind.NEED: (need_queryset, need_documents),
}
