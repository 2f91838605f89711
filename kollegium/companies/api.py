"""API of the company register and companies' needs. Writes go through the services.

The register is shared: every staff member may read every company, but contacts only show
to staff of a garden that serves the company (and to a colleague helping through an accepted
referral). Needs are private to the gardens that serve
the company unless shared with the network; other needs answer 404.
"""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.errors import ApiError, reject_nulls
from kollegium.api.pagination import LimitOffset
from kollegium.companies import access, selectors, services
from kollegium.companies.models import Company, CompanyGarden, Contact
from kollegium.core import freshness
from kollegium.core.models import Code, CodeCorrespondence, CodeList
from kollegium.core.validators import normalize_org_number
from kollegium.network import permissions
from kollegium.network.api import areas_from_slugs, garden_from_slug
from kollegium.network.models import Garden, Person
from kollegium.referrals.models import Referral

router = Router()

NeedStatusValue = Literal["open", "in_progress", "met"]
API_LIST_TABLES = [
    Company,
    CompanyGarden,
    Garden,
    Contact,
    Referral,
    Person,
    CodeList,
    Code,
    CodeCorrespondence,
]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# --- reads ------------------------------------------------------------------------------------


def _with_contacts(companies: QuerySet[Company], user) -> QuerySet[Company]:
    """Prefetch contacts, only those of companies the user's garden serves or that were shared
    with the user through an accepted referral (the same rule as the company page)."""
    contacts = Contact.objects.order_by("name", "pk")
    if not permissions.is_operator(user):
        person = permissions.person_of(user)
        garden_id = person.garden_id if person else None
        served = CompanyGarden.objects.filter(garden_id=garden_id).values("company_id")
        contacts = contacts.filter(
            Q(company_id__in=served) | Q(company_id__in=permissions.referred_company_ids(person))
        )
    return companies.prefetch_related(Prefetch("contacts", queryset=contacts))


def _company(user, org_number: str) -> Company:
    """A company of the register with relations and the contacts the user may see."""
    companies = _with_contacts(selectors.companies_with_relations(), user)
    return get_object_or_404(companies, org_number=normalize_org_number(org_number))


# --- companies ----------------------------------------------------------------------------


class RelationOut(Schema):
    garden: str
    garden_name: str
    relation: str
    since: datetime.date | None
    programme_year: int | None

    @staticmethod
    def resolve_garden(obj) -> str:
        return obj.garden.slug

    @staticmethod
    def resolve_garden_name(obj) -> str:
        return obj.garden.name


class ContactOut(Schema):
    id: int
    name: str
    role: str
    email: str
    phone: str


class CompanyOut(Schema):
    org_number: str
    name: str
    org_form: str
    nace: str
    nace_standard: str
    industry_name: str
    municipality: str
    municipality_name: str
    employees: int | None
    website: str
    founded: datetime.date | None
    bankrupt: bool
    under_liquidation: bool
    gardens: list[RelationOut]
    my_garden_serves: bool
    contacts: list[ContactOut] = Field(
        description="Empty unless your garden serves the company or a referral shares it with you"
    )

    @staticmethod
    def resolve_gardens(obj) -> list:
        return list(obj.relations.all())

    # can_edit_company reads the prefetched relations: no query per company.
    @staticmethod
    def resolve_my_garden_serves(obj, context) -> bool:
        return access.can_edit_company(context["request"].auth, obj)

    # The prefetch (_with_contacts) holds only the contacts the caller may read.
    @staticmethod
    def resolve_contacts(obj) -> list:
        return list(obj.contacts.all())


class CompanyPatch(InputSchema):
    name: str = Field(max_length=200)
    nace: str = Field("", max_length=6, description="SN2025 industry code, e.g. 62.100")
    municipality: str = Field("", max_length=4, description="Kommunenummer, e.g. 5059")
    employees: int | None = Field(None, ge=0)
    website: str = Field("", max_length=200)


class CompanyIn(CompanyPatch):
    org_number: str = Field(max_length=20)
    relation: Literal["member", "client"] = "client"
    since: datetime.date | None = None
    garden: str | None = Field(None, description="Garden slug; the operator only")


@router.get("/companies", response=list[CompanyOut], tags=["companies"])
# Cached per caller (the contacts shown and my_garden_serves are theirs) while nothing read
# changed: companies, relations, gardens, contacts, referrals, the caller's person, code lists.
@freshness.api_cached("api.companies", API_LIST_TABLES, require_staff)
@paginate(LimitOffset)
def company_list(
    request,
    q: str = "",
    garden: str | None = None,
    municipality: str | None = Query(None, pattern=r"^\d{4}$"),
    industry: str | None = Query(None, max_length=6),
):
    user = require_staff(request)
    companies = selectors.company_register(
        q=q,
        garden=garden_from_slug("garden", garden) if garden else None,
        municipality=municipality or "",
        industry=industry or "",
    )
    return _with_contacts(companies, user)


@router.get("/companies/{org_number}", response=CompanyOut, tags=["companies"])
def company_detail(request, org_number: str):
    return _company(require_staff(request), org_number)


@router.post("/companies", response={201: CompanyOut}, tags=["companies"])
def company_create(request, payload: CompanyIn):
    user = request.auth
    if not permissions.can_create_company(user):
        raise PermissionDenied
    data = payload.model_dump()
    org_number = normalize_org_number(data["org_number"])
    # The service refuses a second registration too, but as a plain 422; over HTTP it is a 409.
    if Company.objects.filter(org_number=org_number).exists():
        message = _("A company with this organisation number is already registered.")
        raise ApiError(409, message, fields={"org_number": [message]})
    slug = data.pop("garden")
    garden = garden_from_slug("garden", slug) if slug and permissions.is_operator(user) else None
    company = services.company_create(actor=user, garden=garden, **data)
    return Status(201, _company(user, company.org_number))


@router.patch("/companies/{org_number}", response=CompanyOut, tags=["companies"])
def company_update(request, org_number: str, payload: PatchDict[CompanyPatch]):
    user = require_staff(request)
    company = access.get_company_for_edit(user, org_number)
    data = reject_nulls(payload, nullable=("employees",))
    services.company_update(actor=user, company=company, **data)
    return _company(user, company.org_number)


# --- needs ------------------------------------------------------------------------------------


class CompanyRef(Schema):
    org_number: str
    name: str


class AreaRef(Schema):
    slug: str
    name: str


class PersonRef(Schema):
    id: int
    name: str


class NeedOut(Schema):
    id: int
    company: CompanyRef
    text: str
    status: str
    areas: list[AreaRef]
    shared_with_network: bool
    recorded_by: PersonRef | None
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_areas(obj) -> list:
        return list(obj.areas.all())


class NeedIn(InputSchema):
    text: str = Field(max_length=4000)
    status: NeedStatusValue = "open"
    shared_with_network: bool = False
    areas: list[str] = Field([], description="Competence area slugs")


def _need_data(payload: dict) -> dict:
    data = dict(payload)
    if "areas" in data:
        data["areas"] = areas_from_slugs("areas", data["areas"])
    return data


@router.get("/needs", response=list[NeedOut], tags=["needs"])
@paginate(LimitOffset)
def need_list(
    request,
    company: str | None = None,
    status: NeedStatusValue | None = None,
    area: str | None = None,
):
    needs = selectors.visible_needs(require_staff(request))
    if company:
        needs = needs.filter(company__org_number=normalize_org_number(company))
    if status:
        needs = needs.filter(status=status)
    if area:
        needs = needs.filter(areas=areas_from_slugs("area", [area])[0])
    return needs


@router.get("/needs/{int:need_id}", response=NeedOut, tags=["needs"])
def need_detail(request, need_id: int):
    return get_object_or_404(selectors.visible_needs(require_staff(request)), pk=need_id)


@router.post("/companies/{org_number}/needs", response={201: NeedOut}, tags=["needs"])
def need_create(request, org_number: str, payload: NeedIn):
    user = require_staff(request)
    company = access.get_company_for_edit(user, org_number)
    need = services.need_save(actor=user, company=company, **_need_data(payload.model_dump()))
    return Status(201, selectors.visible_needs(user).get(pk=need.pk))


@router.patch("/needs/{int:need_id}", response=NeedOut, tags=["needs"])
def need_update(request, need_id: int, payload: PatchDict[NeedIn]):
    user = require_staff(request)
    # Invisible needs answer 404 here; the service answers 403 for shared needs of others.
    need = get_object_or_404(selectors.visible_needs(user), pk=need_id)
    data = _need_data(reject_nulls(payload))
    services.need_save(actor=user, company=need.company, need=need, **data)
    return selectors.visible_needs(user).get(pk=need.pk)
