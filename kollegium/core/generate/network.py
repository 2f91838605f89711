"""Gardens, staff accounts and people with competence profiles."""

from django.utils.text import slugify

from kollegium.core import codes
from kollegium.core.generate import names
from kollegium.core.generate.base import Context
from kollegium.core.generate.orgnr import OrgNumbers
from kollegium.network.models import Competence, CompetenceArea, Garden, Person, Role, User


def person_name(ctx: Context) -> tuple[str, str]:
    return ctx.rng.choice(names.FIRST_NAMES), ctx.rng.choice(names.LAST_NAMES)


def generate(ctx: Context) -> dict[str, int]:
    ctx.org_numbers = OrgNumbers(start=ctx.rng.randrange(10_000, 20_000))
    ctx.municipalities = sorted(codes.municipalities())
    _areas(ctx)
    _gardens(ctx)
    _people(ctx)
    competences = _competences(ctx)
    return {
        "gardens": len(ctx.gardens),
        "people": len(ctx.people),
        "competences": competences,
    }


def _areas(ctx: Context) -> None:
    existing = {area.slug: area for area in CompetenceArea.objects.all()}
    new = [
        CompetenceArea(slug=slug, name=name) for slug, name in names.AREAS if slug not in existing
    ]
    CompetenceArea.objects.bulk_create(new)
    ctx.areas = list(CompetenceArea.objects.order_by("slug"))


def _gardens(ctx: Context) -> None:
    rng, gardens, used = ctx.rng, [], set()
    for i in range(ctx.config.gardens):
        municipality = rng.choice(ctx.municipalities)
        place = codes.municipality_name(municipality) or rng.choice(names.PLACE_WORDS)
        name = f"{place} {rng.choice(names.GARDEN_KINDS)}"
        slug = slugify(name)[:70]
        if slug in used:
            slug = f"{slug}-{i}"
        used.add(slug)
        gardens.append(
            Garden(
                slug=slug,
                name=name,
                org_number=ctx.org_numbers.next(),
                municipality=municipality,
                website=f"https://{slug}.example.no/",
                description=f"{name} hjelper bedrifter i regionen med å vokse.",
            )
        )
    ctx.gardens = ctx.bulk(Garden, gardens, "gardens")


def _people(ctx: Context) -> None:
    rng, users, people = ctx.rng, [], []
    for i in range(ctx.config.people):
        garden = ctx.gardens[i % len(ctx.gardens)]
        first, last = person_name(ctx)
        # The first of each garden leads it, the second coordinates; the rest advise.
        index_in_garden = i // len(ctx.gardens)
        role = (
            (Role.LEADER, Role.COORDINATOR)[index_in_garden]
            if index_in_garden < 2
            else (Role.ADVISOR)
        )
        email = f"{slugify(first)}.{slugify(last)}.{i}@{garden.slug}.example.no"
        users.append(
            User(
                email=email,
                name=f"{first} {last}",
                # An unusable password without hashing each row (hashing 1,500 takes minutes).
                password=f"!generated{rng.getrandbits(64):016x}",
                date_joined=ctx.at(-rng.randint(30, 2000)),
            )
        )
        people.append(
            Person(
                garden=garden,
                role=role,
                title=str(role.label),
                phone=f"+47 {rng.randint(40_000_000, 99_999_999)}",
                show_public=rng.random() < 0.7,
                keywords=", ".join(a.name.lower() for a in rng.sample(ctx.areas, 2)),
            )
        )
    ctx.bulk(User, users, "users")
    for user, person in zip(users, people, strict=True):
        person.user = user
    ctx.people = ctx.bulk(Person, people, "people")


def _competences(ctx: Context) -> int:
    rng, rows = ctx.rng, []
    for person in ctx.people:
        for area in rng.sample(ctx.areas, rng.randint(1, 4)):
            rows.append(Competence(person=person, area=area, level=rng.randint(1, 3)))
    ctx.bulk(Competence, rows, "competences")
    return len(rows)
