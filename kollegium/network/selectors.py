"""Reads of the network that views and the API share."""

from django.db.models import Prefetch, Q, QuerySet

from kollegium.network.models import Competence, Garden, Person


def people_with_profiles() -> QuerySet[Person]:
    """Active staff with user, garden and competences loaded in a fixed number of queries."""
    return (
        Person.objects.filter(user__is_active=True)
        .select_related("user", "garden")
        .prefetch_related(
            Prefetch("competences", queryset=Competence.objects.select_related("area"))
        )
        .order_by("user__name", "pk")
    )


def people_directory(
    *, q: str = "", garden: Garden | None = None, area=None, level: int | None = None
) -> QuerySet[Person]:
    """The staff directory, filtered by garden, competence area (and minimum level) and text."""
    people = people_with_profiles()
    if garden is not None:
        people = people.filter(garden=garden)
    if area is not None:
        matching = Competence.objects.filter(area=area)
        if level:
            matching = matching.filter(level__gte=level)
        people = people.filter(pk__in=matching.values("person_id"))
    elif level:
        people = people.filter(
            pk__in=Competence.objects.filter(level__gte=level).values("person_id")
        )
    for word in q.split():
        people = people.filter(
            Q(user__name__icontains=word)
            | Q(title__icontains=word)
            | Q(keywords__icontains=word)
            | Q(bio__icontains=word)
        )
    return people


def public_people(garden: Garden | None = None) -> QuerySet[Person]:
    """Staff who opted in to the public pages."""
    people = people_with_profiles().filter(show_public=True)
    return people.filter(garden=garden) if garden is not None else people
