"""Object access for key-figure views and the API: the object, or 404 / 403.

Key figures are read by every staff member (see ``permissions.can_read_key_figures``); they
are changed by staff of a garden serving the company, so others get 403 for a company they
can see.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kollegium.companies import access as company_access
from kollegium.companies.models import Company, CompanyGarden
from kollegium.indicators.models import KeyFigure
from kollegium.network import permissions


def can_edit_figures(user, company: Company) -> bool:
    """Reads the company's prefetched relations: no query."""
    return permissions.can_edit_key_figures(user, company_access.served_garden_ids(company))


def get_company_for_figures(user, org_number: str) -> Company:
    """Any registered company, for a staff member; unknown numbers answer 404."""
    if not permissions.can_read_key_figures(user):
        raise PermissionDenied
    return company_access.get_company_for_view(user, org_number)


def get_company_for_figure_edit(user, org_number: str) -> Company:
    """A company the user's garden serves; one they can only read answers 403."""
    company = get_company_for_figures(user, org_number)
    if not can_edit_figures(user, company):
        raise PermissionDenied
    return company


def get_key_figure_for_edit(user, org_number: str, year: int) -> KeyFigure:
    """One year of a company the user's garden serves (403 first, then 404 for a missing year)."""
    company = get_company_for_figure_edit(user, org_number)
    key_figure = get_object_or_404(KeyFigure, company=company, year=year)
    key_figure.company = company
    return key_figure


def get_my_relation(user, org_number: str) -> CompanyGarden:
    """The user's own garden's relation to the company; 403 when their garden does not serve it."""
    company = get_company_for_figures(user, org_number)
    person = permissions.person_of(user)
    relation = next(
        (r for r in company.relations.all() if person and r.garden_id == person.garden_id), None
    )
    if relation is None:
        raise PermissionDenied
    relation.company = company
    return relation
