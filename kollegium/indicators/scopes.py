"""Choosing a report's period and scope, and who may see which scope.

Access (see docs/indicators.md): every staff member sees the network's report and their own
garden's; the coordinator (and the operator) sees every garden's and every project's; staff of
a project's participating gardens see the project's. The reports hold counts only (no company
or person names), so an advisor sees the same as their leader.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kollegium.core.forms import StyledForm
from kollegium.indicators.report import Period, Scope
from kollegium.network import permissions
from kollegium.network.models import Garden

FIRST_YEAR = 2000
MAX_DAYS = 3 * 366


def default_year() -> int:
    """The last full year: annual reports are written after the year ends."""
    return timezone.localdate().year - 1


class PeriodForm(StyledForm):
    """?period=year|semester|custom&year=2025&half=1|2&start=...&end=...&scope=...&garden=..."""

    period = forms.ChoiceField(
        label=_lazy("Period"),
        required=False,
        choices=[
            ("year", _lazy("Year")),
            ("semester", _lazy("Semester")),
            ("custom", _lazy("Custom dates")),
        ],
    )
    year = forms.IntegerField(
        label=_lazy("Year"), required=False, min_value=FIRST_YEAR, max_value=2100
    )
    half = forms.TypedChoiceField(
        label=_lazy("Semester"),
        required=False,
        coerce=int,
        choices=[(1, _lazy("Spring")), (2, _lazy("Autumn"))],
    )
    start = forms.DateField(
        label=_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    garden = forms.ModelChoiceField(
        label=_lazy("Garden"),
        required=False,
        queryset=Garden.objects.order_by("name"),
        to_field_name="slug",
        empty_label=_lazy("The whole network"),
    )
    project = forms.SlugField(label=_lazy("Project"), required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        kind = data.get("period") or "year"
        if kind == "custom":
            start, end = data.get("start"), data.get("end")
            if not start or not end:
                raise ValidationError(_("Enter both dates of a custom period."))
            if end < start:
                raise ValidationError(_("The period must end on or after its first day."))
            if (end - start).days > MAX_DAYS:
                raise ValidationError(_("A custom period can be at most three years long."))
            data["the_period"] = Period(start, end)
        elif kind == "semester":
            data["the_period"] = Period.semester(
                data.get("year") or default_year(), data.get("half") or 1
            )
        else:
            data["the_period"] = Period.year(data.get("year") or default_year())
        return data


def period_from(form: PeriodForm) -> Period:
    """The chosen period; the last full year when the form is empty or not valid."""
    if form.is_valid():
        return form.cleaned_data["the_period"]
    return Period.year(default_year())


def _project(slug: str):
    from kollegium.collaboration.models import Project

    return Project.objects.prefetch_related("gardens").filter(slug=slug).first()


def can_see_scope(user, scope: Scope) -> bool:
    if not permissions.is_staff_member(user):
        return False
    if scope.kind == "network" or permissions.is_coordinator(user):
        return True
    person = permissions.person_of(user)
    return person is not None and person.garden_id in (scope.garden_ids or ())


def scope_for(user, *, garden: Garden | None = None, project_slug: str = "") -> Scope:
    """The scope asked for, or PermissionDenied when it is not the user's to see.

    An unknown project answers Http404 (through ``Project.DoesNotExist`` handling by callers).
    """
    if project_slug:
        project = _project(project_slug)
        if project is None:
            from django.http import Http404

            raise Http404
        ids = tuple(sorted(g.pk for g in project.gardens.all()))
        scope = Scope("project", ids, project=project)
    elif garden is not None:
        scope = Scope("garden", (garden.pk,), garden=garden)
    else:
        scope = Scope("network")
    if not can_see_scope(user, scope):
        raise PermissionDenied
    return scope


def visible_projects(user) -> list:
    """The projects whose report the user may open (one query): all for the coordinator,
    else those their garden takes part in."""
    from kollegium.collaboration.models import Project

    projects = Project.objects.order_by("name").only("slug", "name")
    if not permissions.is_coordinator(user):
        person = permissions.person_of(user)
        projects = projects.filter(gardens=person.garden_id if person else None)
    return list(projects)


def public_scope() -> Scope:
    return Scope("network", public=True)
