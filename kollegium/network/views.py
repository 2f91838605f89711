from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.api.models import ApiToken
from kollegium.api.services import token_issue, token_revoke
from kollegium.collaboration.models import ActionItem, Project, WorkSession
from kollegium.collaboration.selectors import open_actions_for
from kollegium.companies.models import Company, CompanyGarden, Need
from kollegium.companies.selectors import open_needs_for_garden
from kollegium.core import freshness
from kollegium.methods.models import Method
from kollegium.network import access, permissions, selectors, services
from kollegium.network.decorators import staff_required
from kollegium.network.forms import (
    AreaForm,
    CompetenceFormSet,
    DirectoryFilterForm,
    GardenForm,
    InviteForm,
    NetworkForm,
    ProfileForm,
)
from kollegium.network.models import (
    Competence,
    CompetenceArea,
    Garden,
    NetworkSettings,
    Person,
    User,
)
from kollegium.programme.models import Event

PAGE_SIZE = 50
DIRECTORY_TABLES = [Person, User, Garden, Competence, CompetenceArea]
HOME_TABLES = [
    Need,
    Need.areas.through,
    Company,
    CompanyGarden,
    CompetenceArea,
    Person,
    User,
    Garden,
    ActionItem,
    WorkSession,
    Project,
    Method,
    Event,
]


def _form_errors_from(exc: ValidationError, form) -> None:
    """Show a service's ValidationError on the form, field by field where it names fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff_required
def home(request):
    """The open needs of my garden's companies and my open actions: kept per viewer until
    one of them changes (and per minute: "overdue" depends on the day)."""
    me = permissions.person_of(request.user)
    lists = ""
    if me:

        def context() -> dict:
            return {
                "needs": open_needs_for_garden(me.garden)[:20],
                # My open actions from projects and work sessions: the ten due first.
                "actions": list(open_actions_for(me)[:10]),
            }

        lists = freshness.template_fragment(
            "network.home.lists",
            HOME_TABLES,
            "network/_home_lists.html",
            context,
            request,
            vary=(request.user.pk, me.garden_id, freshness.minute()),
        )
    return render(request, "network/home.html", {"lists": lists})


@staff_required
def directory(request):
    """The same for every staff member: kept until a person, garden or competence changes."""

    def context() -> dict:
        form = DirectoryFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        people = selectors.people_directory(
            q=filters.get("q") or "",
            garden=filters.get("garden"),
            area=filters.get("area"),
            level=filters.get("level"),
        )
        page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
        return {"form": form, "page": page}

    part = "results" if request.htmx else "content"
    html = freshness.template_fragment(
        f"network.directory.{part}",
        DIRECTORY_TABLES,
        f"network/_directory_{part}.html",
        context,
        request,
    )
    if request.htmx:
        return HttpResponse(html)
    return render(request, "network/directory.html", {"content": html})


@staff_required
def person_detail(request, pk: int):
    person = access.get_person_for_view(request.user, pk)
    competences = person.competences.select_related("area")
    context = {
        "person": person,
        "competences": competences,
        "can_edit": permissions.can_edit_person(request.user, person),
    }
    if context["can_edit"]:
        context["tokens"] = ApiToken.objects.filter(user=person.user)
    return render(request, "network/person_detail.html", context)


def _competence_initial(person: Person) -> list[dict]:
    return [
        {"area": c.area, "level": c.level, "note": c.note}
        for c in person.competences.select_related("area")
    ]


@staff_required
def profile_edit(request, pk: int):
    person = access.get_person_for_edit(request.user, pk)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=person)
    formset = CompetenceFormSet(
        request.POST or None, initial=_competence_initial(person), prefix="competences"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        competences = [
            services.CompetenceInput(area=f["area"], level=f["level"], note=f.get("note", ""))
            for f in formset.cleaned_data
            if f.get("area") and not f.get("DELETE")
        ]
        data = {k: v for k, v in form.cleaned_data.items() if k != "name"}
        try:
            services.person_update_profile(
                actor=request.user,
                person=person,
                name=form.cleaned_data["name"],
                competences=competences,
                **data,
            )
        except ValidationError as exc:
            transaction.set_rollback(False)
            _form_errors_from(exc, form)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect(person)
    return render(
        request, "network/profile_form.html", {"person": person, "form": form, "formset": formset}
    )


@staff_required
@require_POST
def token_create(request, pk: int):
    person = access.get_person_for_edit(request.user, pk)
    name = request.POST.get("name", "").strip()[:100]
    _token, raw = token_issue(actor=request.user, user=person.user, name=name)
    return render(request, "network/token_created.html", {"person": person, "raw": raw})


@staff_required
@require_POST
def token_delete(request, pk: int, token_pk: int):
    person = access.get_person_for_edit(request.user, pk)
    token = ApiToken.objects.filter(user=person.user, pk=token_pk).first()
    if token is None:
        raise PermissionDenied
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect(person)


@staff_required
def garden_edit(request, slug: str):
    garden = access.get_garden_for_edit(request.user, slug)
    form = GardenForm(request.POST or None, request.FILES or None, instance=garden)
    if request.method == "POST" and form.is_valid():
        services.garden_update(actor=request.user, garden=garden, **form.cleaned_data)
        messages.success(request, _("The garden page has been saved."))
        return redirect(garden)
    return render(request, "network/garden_form.html", {"garden": garden, "form": form})


@staff_required
def garden_staff(request, slug: str):
    garden = access.get_garden_for_staff_admin(request.user, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_invite(actor=request.user, garden=garden, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors_from(exc, form)
        else:
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % form.cleaned_data
            )
            return redirect("network:garden_staff", slug=garden.slug)
    staff = Person.objects.filter(garden=garden).select_related("user").order_by("user__name")
    return render(
        request, "network/garden_staff.html", {"garden": garden, "form": form, "staff": staff}
    )


@staff_required
@require_POST
def staff_set_active(request, slug: str, pk: int):
    garden = access.get_garden_for_staff_admin(request.user, slug)
    person = access.get_staff_member_of(garden, pk)
    active = request.POST.get("active") == "1"
    try:
        services.person_set_active(actor=request.user, person=person, active=active)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if active:
            messages.success(request, _("%(name)s can sign in again.") % {"name": person.name})
        else:
            messages.success(request, _("%(name)s has been deactivated.") % {"name": person.name})
    return redirect("network:garden_staff", slug=garden.slug)


@staff_required
def network_edit(request):
    if not permissions.can_edit_network(request.user):
        raise PermissionDenied
    form = NetworkForm(request.POST or None, instance=NetworkSettings.load())
    if request.method == "POST" and form.is_valid():
        services.network_update(actor=request.user, **form.cleaned_data)
        messages.success(request, _("The network settings have been saved."))
        return redirect("public:network")
    return render(request, "network/network_form.html", {"form": form})


@staff_required
def area_list(request):
    areas = CompetenceArea.objects.order_by("name")
    return render(
        request,
        "network/area_list.html",
        {"areas": areas, "can_edit": permissions.can_edit_areas(request.user)},
    )


@staff_required
def area_edit(request, slug: str | None = None):
    if not permissions.can_edit_areas(request.user):
        raise PermissionDenied
    area = access.get_area(slug) if slug else None
    form = AreaForm(request.POST or None, instance=area)
    if request.method == "POST" and form.is_valid():
        services.area_save(actor=request.user, area=area, **form.cleaned_data)
        messages.success(request, _("The competence area has been saved."))
        return redirect("network:areas")
    return render(request, "network/area_form.html", {"form": form, "area": area})
