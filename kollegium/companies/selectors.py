"""Reads of companies and needs that views and the API share."""

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from kollegium.companies.models import (
    Company,
    CompanyGarden,
    Contact,
    Need,
    NeedStatus,
    industry_q,
)
from kollegium.core.validators import normalize_org_number
from kollegium.network import permissions
from kollegium.network.models import Garden


def open_needs_for_garden(garden: Garden) -> QuerySet[Need]:
    """Open and in-progress needs of the companies a garden serves, newest first."""
    served = CompanyGarden.objects.filter(garden=garden).values("company_id")
    return (
        Need.objects.filter(
            company_id__in=served, status__in=[NeedStatus.OPEN, NeedStatus.IN_PROGRESS]
        )
        .select_related("company", "recorded_by__user")
        .prefetch_related("areas")
        .order_by("-created_at", "-id")
    )


def _relations() -> Prefetch:
    relations = CompanyGarden.objects.select_related("garden").order_by("garden__name", "pk")
    return Prefetch("relations", queryset=relations)


def companies_with_relations() -> QuerySet[Company]:
    """Companies with their garden relations (and gardens) loaded in one extra query."""
    return Company.objects.prefetch_related(_relations())


def _name_matches(text: str) -> Q:
    """Case-insensitive match on the name that also holds for æ, ø and å on SQLite.

    SQLite's LIKE folds only ASCII letters, so "røros" would miss "RØROS"; trying the lower,
    upper, capitalised and title-cased forms covers how names are written in practice.
    PostgreSQL folds every letter, where the variants are merely redundant.
    """
    variants = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
    condition = Q()
    for variant in variants:
        condition |= Q(name__icontains=variant)
    return condition


def company_register(
    *,
    q: str = "",
    garden: Garden | None = None,
    municipality: str = "",
    industry: str = "",
) -> QuerySet[Company]:
    """The company register, filtered, with garden relations loaded in one extra query.

    ``q`` matches the name, or the org number when it is digits (spaces ignored);
    ``industry`` is an SN2025 code prefix ("62" or "62.1").
    """
    companies = companies_with_relations().order_by("name", "pk")
    q = q.strip()
    if q:
        condition = _name_matches(q)
        digits = normalize_org_number(q)
        if digits.isdigit():
            condition |= Q(org_number__contains=digits)
        companies = companies.filter(condition)
    if garden is not None:
        served = CompanyGarden.objects.filter(garden=garden).values("company_id")
        companies = companies.filter(pk__in=served)
    if municipality:
        companies = companies.filter(municipality=municipality)
    if industry:
        # SN2025 prefixes; SN2007 codes from older register extracts count through the
        # correspondence table (companies.models.industry_q).
        companies = companies.filter(industry_q(industry))
    return companies


def company_relations(company: Company) -> list[CompanyGarden]:
    """The gardens serving a company, by garden name (no query when companies_with_relations
    loaded them)."""
    prefetch_related_objects([company], _relations())
    return list(company.relations.all())


def company_contacts(company: Company) -> QuerySet[Contact]:
    return company.contacts.order_by("name", "pk")


def visible_needs(user) -> QuerySet[Need]:
    """Every need the user may see, with what a need row shows loaded in fixed queries."""
    return (
        Need.objects.filter(permissions.visible_needs_q(user))
        .select_related("company", "recorded_by__user")
        .prefetch_related("areas")
        .order_by("-created_at", "-id")
    )


def company_needs_for(user, company: Company) -> QuerySet[Need]:
    """The needs of one company that the user may see, newest first."""
    return visible_needs(user).filter(company=company)
