"""Companies with their gardens, contacts and needs."""

import datetime

from django.utils.text import slugify

from kollegium.companies.models import Company, CompanyGarden, Contact, Need, NeedStatus, Relation
from kollegium.core import codes
from kollegium.core.generate import names
from kollegium.core.generate.base import Context
from kollegium.core.generate.network import person_name


def generate(ctx: Context) -> dict[str, int]:
    _companies(ctx)
    relations = _relations(ctx)
    _contacts(ctx)
    needs = _needs(ctx)
    return {
        "companies": len(ctx.companies),
        "company_gardens": relations,
        "contacts": len(ctx.contacts),
        "needs": needs,
    }


def _companies(ctx: Context) -> None:
    rng = ctx.rng
    # Five-digit subclasses only: what the register gives a company.
    industries = sorted(code for code in codes.industry_codes() if len(code) == 6)
    rows = []
    for _i in range(ctx.config.companies):
        form = rng.choice(names.ORG_FORMS)
        name = f"{rng.choice(names.PLACE_WORDS)}{rng.choice(names.PLACE_WORDS).lower()} "
        name += f"{rng.choice(names.TRADE_WORDS)} {form}"
        stamp = ctx.at(-rng.randint(1, 1800))
        rows.append(
            Company(
                org_number=ctx.org_numbers.next(),
                name=name,
                org_form=form,
                nace=rng.choice(industries) if industries else "",
                municipality=rng.choice(ctx.municipalities) if ctx.municipalities else "",
                address=f"{rng.choice(names.PLACE_WORDS)}veien {rng.randint(1, 120)}",
                postcode=f"{rng.randint(1, 9999):04d}",
                employees=rng.choice((None, 1, 2, 3, 5, 8, 12, 20, 35, 60, 150)),
                founded=datetime.date(rng.randint(1990, 2026), rng.randint(1, 12), 1),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    ctx.companies = ctx.bulk(Company, rows, "companies")


def _relations(ctx: Context) -> int:
    rng, rows = ctx.rng, []
    for company in ctx.companies:
        # Most companies are served by one garden, some by two.
        served = rng.sample(ctx.gardens, 2 if rng.random() < 0.1 and len(ctx.gardens) > 1 else 1)
        for garden in served:
            programme = rng.random() < 0.15
            since = ctx.at(-rng.randint(30, 3000)).date()
            rows.append(
                CompanyGarden(
                    company=company,
                    garden=garden,
                    relation=rng.choice(Relation.values),
                    since=since,
                    programme_year=since.year if programme else None,
                )
            )
    ctx.bulk(CompanyGarden, rows, "company gardens")
    return len(rows)


def _contacts(ctx: Context) -> None:
    rng, rows = ctx.rng, []
    for company in ctx.companies:
        domain = slugify(company.name)[:40] or "firma"
        for n in range(rng.choice((1, 1, 2))):
            first, last = person_name(ctx)
            rows.append(
                Contact(
                    company=company,
                    name=f"{first} {last}",
                    role=rng.choice(("Daglig leder", "Gründer", "Styreleder", "Salgssjef")),
                    email=f"{slugify(first)}.{slugify(last)}{n}@{domain}.example.no",
                    phone=f"+47 {rng.randint(40_000_000, 99_999_999)}",
                )
            )
    ctx.contacts = ctx.bulk(Contact, rows, "contacts")


def _needs(ctx: Context) -> int:
    rng, rows, area_links = ctx.rng, [], []
    people_by_garden: dict[int, list] = {}
    for person in ctx.people:
        people_by_garden.setdefault(person.garden_id, []).append(person)
    for company in ctx.companies:
        if rng.random() >= 0.3:
            continue
        stamp = ctx.at(-rng.randint(1, 900))
        garden_people = people_by_garden.get(rng.choice(ctx.gardens).pk) or ctx.people
        rows.append(
            Need(
                company=company,
                text=rng.choice(names.NEED_TEXTS),
                status=rng.choice(NeedStatus.values),
                shared_with_network=rng.random() < 0.4,
                recorded_by=rng.choice(garden_people),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    ctx.bulk(Need, rows, "needs")
    through = Need.areas.through
    for need in rows:
        for area in rng.sample(ctx.areas, rng.randint(1, 2)):
            area_links.append(through(need_id=need.pk, competencearea_id=area.pk))
    ctx.bulk(through, area_links)
    return len(rows)
