"""Small builders for the matching tests."""

from kollegium.network.tests.factories import (
    CompetenceAreaFactory,
    CompetenceFactory,
    PersonFactory,
    UserFactory,
)


def person(garden, email: str, name: str, *, bio: str = "", keywords: str = "", areas=(), **kw):
    """A staff member with a bio, keywords and (area, level, note) competences."""
    found = PersonFactory(
        garden=garden,
        user=UserFactory(email=email, name=name),
        bio=bio,
        keywords=keywords,
        title="Rådgiver",
        **kw,
    )
    for area, level, note in areas:
        CompetenceFactory(person=found, area=area, level=level, note=note)
    return found


def area(slug: str, name: str):
    return CompetenceAreaFactory(slug=slug, name=name)


def keys(results) -> list[str]:
    return [m.key for m in results]
