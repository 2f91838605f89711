"""Object access for company views: return the object or raise 404 / 403.

The register itself is open to every staff member; a company's contacts and its needs belong
to the gardens that serve it. A need the user may not see answers 404 (not theirs to know
about); a company or a shared need they may see but not change answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kollegium.companies import selectors
from kollegium.companies.models import Company, Contact, Need
from kollegium.core.validators import normalize_org_number
from kollegium.network import permissions


def served_garden_ids(company: Company) -> set[int]:
    """The gardens serving the company (from the prefetched relations when loaded here)."""
    return {relation.garden_id for relation in company.relations.all()}


def can_edit_company(user, company: Company) -> bool:
    """Staff of a garden serving the company (and the operator) edit it, its contacts and needs."""
    return permissions.serves_company(user, served_garden_ids(company))


def get_company_for_view(user, org_number: str, relations: bool = True) -> Company:
    """Any staff member may read any company in the register; unknown numbers answer 404.
    ``relations=False`` leaves the garden relations to be read when needed."""
    companies = selectors.companies_with_relations() if relations else Company.objects.all()
    return get_object_or_404(companies, org_number=normalize_org_number(org_number))


def get_company_for_edit(user, org_number: str) -> Company:
    """A company the user's garden serves; one they can only read answers 403."""
    company = get_company_for_view(user, org_number)
    if not can_edit_company(user, company):
        raise PermissionDenied
    return company


def get_contact_for_edit(user, org_number: str, pk: int) -> Contact:
    """A contact person of a company the user's garden serves (403 for others' companies)."""
    company = get_company_for_edit(user, org_number)
    contact = get_object_or_404(Contact, company=company, pk=pk)
    contact.company = company
    return contact


def get_need_for_view(user, org_number: str, pk: int) -> Need:
    """A need of the company that the user may see: their garden's, or shared with the network.

    Any other need answers 404, so private needs of other gardens do not reveal that they exist.
    """
    return get_object_or_404(
        selectors.visible_needs(user),
        company__org_number=normalize_org_number(org_number),
        pk=pk,
    )


def get_need_for_edit(user, org_number: str, pk: int) -> Need:
    """A visible need of a company the user's garden serves; a shared need of others' is 403."""
    need = get_need_for_view(user, org_number, pk)
    if not can_edit_company(user, need.company):
        raise PermissionDenied
    return need
