"""API of the network: competence areas, gardens and people. Writes go through the services."""

from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, PatchDict, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from kollegium.api.auth import require_staff
from kollegium.api.errors import ApiError, invalid_field, reject_nulls
from kollegium.api.pagination import LimitOffset
from kollegium.core import codes, freshness
from kollegium.core.validators import normalize_org_number
from kollegium.network import access, permissions, selectors, services
from kollegium.network.models import Competence, CompetenceArea, Garden, Person, User

router = Router()
# What a person's entry shows (core/freshness.py keeps the list until one of these changes).
PEOPLE_TABLES = [Person, User, Garden, Competence, CompetenceArea]


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# --- competence areas ---------------------------------------------------------------------


class AreaOut(Schema):
    slug: str
    name: str
    description: str


class AreaIn(InputSchema):
    slug: str = Field(max_length=80)
    name: str = Field(max_length=120)
    description: str = ""


@router.get("/competence-areas", response=list[AreaOut], auth=None, tags=["competence areas"])
@paginate(LimitOffset)
def area_list(request):
    return CompetenceArea.objects.order_by("name", "pk")


@router.get("/competence-areas/{slug}", response=AreaOut, auth=None, tags=["competence areas"])
def area_detail(request, slug: str):
    return access.get_area(slug)


@router.post("/competence-areas", response={201: AreaOut}, tags=["competence areas"])
def area_create(request, payload: AreaIn):
    return Status(201, services.area_save(actor=request.auth, **payload.model_dump()))


@router.patch("/competence-areas/{slug}", response=AreaOut, tags=["competence areas"])
def area_update(request, slug: str, payload: PatchDict[AreaIn]):
    area = access.get_area(slug)
    return services.area_save(actor=request.auth, area=area, **reject_nulls(payload))


# --- gardens --------------------------------------------------------------------------------


class GardenRef(Schema):
    slug: str
    name: str


class GardenOut(Schema):
    slug: str
    name: str
    org_number: str
    municipality: str
    municipality_name: str
    website: str
    description: str
    logo: str | None

    @staticmethod
    def resolve_municipality_name(obj) -> str:
        return codes.municipality_name(obj.municipality)

    @staticmethod
    def resolve_logo(obj) -> str | None:
        return obj.logo.url if obj.logo else None


class GardenIn(InputSchema):
    name: str = Field(max_length=200)
    org_number: str = Field(max_length=20)
    municipality: str = Field(max_length=4)
    website: str = Field(max_length=200)
    description: str


@router.get("/gardens", response=list[GardenOut], auth=None, tags=["gardens"])
@paginate(LimitOffset)
def garden_list(request):
    return Garden.objects.order_by("name", "pk")


@router.get("/gardens/{slug}", response=GardenOut, auth=None, tags=["gardens"])
def garden_detail(request, slug: str):
    return get_object_or_404(Garden, slug=slug)


@router.patch("/gardens/{slug}", response=GardenOut, tags=["gardens"])
def garden_update(request, slug: str, payload: PatchDict[GardenIn]):
    garden = access.get_garden_for_edit(request.auth, slug)
    data = reject_nulls(payload)
    if "org_number" in data:
        data["org_number"] = normalize_org_number(data["org_number"])
    return services.garden_update(actor=request.auth, garden=garden, **data)


# --- people ---------------------------------------------------------------------------------


class CompetenceOut(Schema):
    area: str
    area_name: str
    level: int
    note: str

    @staticmethod
    def resolve_area(obj) -> str:
        return obj.area.slug

    @staticmethod
    def resolve_area_name(obj) -> str:
        return obj.area.name


class PersonOut(Schema):
    id: int
    email: str
    name: str
    title: str
    phone: str
    bio: str
    keywords: list[str]
    show_public: bool
    capacity: str
    garden: GardenRef
    role: str
    competences: list[CompetenceOut]

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        return obj.keyword_list

    @staticmethod
    def resolve_competences(obj) -> list:
        return list(obj.competences.all())


class CompetenceIn(InputSchema):
    area: str = Field(description="The competence area's slug")
    level: int = Field(ge=1, le=3, description="1 some experience, 2 solid, 3 expert")
    note: str = Field("", max_length=300)


class ProfileIn(InputSchema):
    name: str = Field(max_length=150)
    title: str = Field(max_length=120)
    phone: str = Field(max_length=40)
    bio: str = Field(max_length=2000)
    keywords: list[str]
    show_public: bool
    capacity: Literal["available", "limited", "not_now"] = Field(
        description="Capacity for requests from other gardens"
    )
    competences: list[CompetenceIn] = Field(description="Replaces all of your competences")


def garden_from_slug(field: str, slug: str) -> Garden:
    """The garden an input field names, or 422 naming the slug."""
    garden = Garden.objects.filter(slug=slug).first()
    if garden is None:
        raise invalid_field(field, _("There is no garden “%(slug)s”.") % {"slug": slug})
    return garden


def areas_from_slugs(field: str, slugs: list[str]) -> list[CompetenceArea]:
    """The competence areas an input field names (in one query), or 422 naming an unknown slug."""
    areas = {a.slug: a for a in CompetenceArea.objects.filter(slug__in=slugs)}
    for slug in slugs:
        if slug not in areas:
            message = _("There is no competence area “%(slug)s”.") % {"slug": slug}
            raise invalid_field(field, message)
    return [areas[slug] for slug in dict.fromkeys(slugs)]


def _competence_inputs(items: list[dict]) -> list[services.CompetenceInput]:
    areas = {a.slug: a for a in areas_from_slugs("competences", [i["area"] for i in items])}
    return [
        services.CompetenceInput(areas[i["area"]], i["level"], i.get("note", "")) for i in items
    ]


def _my_person(request) -> Person:
    person = permissions.person_of(request.auth)
    if person is None:
        raise ApiError(404, _("You have no staff profile."))
    return person


def _profile(pk: int) -> Person:
    return get_object_or_404(selectors.people_with_profiles(), pk=pk)


@router.get("/people", response=list[PersonOut], tags=["people"])
@freshness.api_cached(
    "api.people", [Person, User, Garden, Competence, CompetenceArea], require_staff
)
@paginate(LimitOffset)
def person_list(
    request,
    garden: str | None = None,
    area: str | None = None,
    level: int | None = Query(None, ge=1, le=3),
    q: str = "",
):
    require_staff(request)
    return selectors.people_directory(
        q=q,
        garden=garden_from_slug("garden", garden) if garden else None,
        area=areas_from_slugs("area", [area])[0] if area else None,
        level=level,
    )


@router.get("/people/me", response=PersonOut, tags=["people"])
def person_me(request):
    return _profile(_my_person(request).pk)


@router.patch("/people/me", response=PersonOut, tags=["people"])
def person_me_update(request, payload: PatchDict[ProfileIn]):
    me = _my_person(request)
    data = reject_nulls(payload)
    if "competences" in data:
        data["competences"] = _competence_inputs(data["competences"])
    person = Person.objects.select_related("user", "garden").get(pk=me.pk)
    services.person_update_profile(actor=request.auth, person=person, **data)
    return _profile(person.pk)


@router.get("/people/{int:person_id}", response=PersonOut, tags=["people"])
def person_detail(request, person_id: int):
    require_staff(request)
    return _profile(person_id)
