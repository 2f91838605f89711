"""Reads for referrals: lists, a referral with its thread, colleagues to ask."""

from django.db.models import QuerySet

from kollegium.companies.models import Need
from kollegium.network import permissions
from kollegium.network import selectors as network_selectors
from kollegium.network.models import Person
from kollegium.referrals.models import Message, Referral, Status


def referrals_with_people() -> QuerySet[Referral]:
    """Referrals with what a row shows (people, gardens, company, need) in one query."""
    return Referral.objects.select_related(
        "company",
        "need",
        "from_person__user",
        "to_person__user",
        "from_garden",
        "to_garden",
    )


def my_referrals(person: Person) -> dict[str, QuerySet[Referral]]:
    """The person's referrals: those they asked, and those asked of them."""
    rows = referrals_with_people().order_by("-created_at", "-pk")
    return {
        "received": rows.filter(to_person=person),
        "sent": rows.filter(from_person=person),
    }


def visible_referrals(user) -> QuerySet[Referral]:
    """Every referral the user may know about, newest first."""
    return (
        referrals_with_people()
        .filter(permissions.visible_referrals_q(user))
        .order_by("-created_at", "-pk")
    )


def thread(referral: Referral) -> QuerySet[Message]:
    return referral.messages.order_by("created_at", "pk")


def pending_count(person: Person) -> int:
    return Referral.objects.filter(to_person=person, status=Status.PENDING).count()


def need_visible_to(user, need_id: int) -> bool:
    return Need.objects.filter(permissions.visible_needs_q(user), pk=need_id).exists()


def referrals_for_need(need: Need) -> QuerySet[Referral]:
    return referrals_with_people().filter(need=need).order_by("-created_at", "-pk")


def suggested_colleagues(
    user, me: Person, need: Need, limit: int = 8
) -> list[tuple[Person, list[str]]]:
    """Colleagues to ask about ``need``: the matching ranking's people when available (with
    its reasons), else the directory's staff with the need's competence areas."""
    try:
        from kollegium.matching.ranking import match
    except ImportError:  # matching not installed: the directory alone
        match = None
    why: dict[int, list[str]] = {}
    if match is not None:
        for found in match(need.text, kind="people", limit=limit + 1, user=user):
            if found.pk != me.pk:
                why[found.pk] = list(found.why)
    people = network_selectors.people_with_profiles().exclude(pk=me.pk)
    if why:
        ranked = {p.pk: p for p in people.filter(pk__in=list(why))}
        return [(ranked[pk], why[pk]) for pk in why if pk in ranked][:limit]
    areas = list(need.areas.values_list("pk", flat=True))
    if not areas:
        return []
    people = people.filter(competences__area__in=areas).distinct()
    return [(p, []) for p in people[:limit]]


def directory_candidates(me: Person, query: str = "", limit: int = 30) -> list[Person]:
    """Colleagues from the directory: active staff other than me, by name, title or keyword."""
    people = network_selectors.people_directory(q=query).exclude(pk=me.pk)
    return list(people.order_by("garden__name", "user__name", "pk")[:limit])
