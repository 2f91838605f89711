"""Projects: the list, a project's page, its editors, membership and files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.collaboration import access, selectors, services
from kollegium.collaboration.forms import (
    ActionForm,
    FileForm,
    MembersForm,
    ProjectCreateForm,
    ProjectForm,
)
from kollegium.collaboration.models import ProjectStatus
from kollegium.collaboration.views.common import add_errors, call
from kollegium.methods.uploads import read_upload
from kollegium.methods.views.files import serve_attachment
from kollegium.network import permissions
from kollegium.network.decorators import staff_required

PROJECT_FIELDS = ("name", "description", "goals", "starts_on", "ends_on", "funding_note", "status")


@staff_required
def project_list(request):
    status = request.GET.get("status", "")
    if status not in ProjectStatus.values:
        status = ""
    rows = selectors.projects(q=request.GET.get("q", "").strip()[:100], status=status)
    context = {"projects": rows, "status": status, "statuses": ProjectStatus.choices}
    return render(request, "collaboration/project_list.html", context)


def project_context(request, project, **forms) -> dict:
    user = request.user
    garden_ids = selectors.garden_ids(project)
    can_edit = permissions.can_edit_project(user, garden_ids)
    context = {
        "project": project,
        "gardens": list(project.gardens.all()),
        "can_edit": can_edit,
        "can_manage_members": permissions.can_manage_project_members(user, project),
        **selectors.project_page(project, user),
    }
    if can_edit:
        context["file_form"] = forms.get("file_form") or FileForm()
        context["action_form"] = forms.get("action_form") or ActionForm(user=user)
    return context


@staff_required
def project_detail(request, slug: str):
    project = access.get_project_for_view(request.user, slug)
    return render(request, "collaboration/project_detail.html", project_context(request, project))


def _project_data(form) -> dict:
    data = {k: form.cleaned_data[k] for k in PROJECT_FIELDS}
    data.update(
        links=form.cleaned_data["links"],
        events=list(form.cleaned_data["events"]),
        methods=list(form.cleaned_data["methods"]),
    )
    return data


@staff_required
def project_create(request):
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    me = permissions.person_of(request.user)
    initial = {"gardens": [me.garden_id]} if me else {}
    form = ProjectCreateForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = _project_data(form)
        gardens = list(form.cleaned_data["gardens"])
        leader = form.cleaned_data["leader"]
        project = call(
            form,
            services.project_create,
            actor=request.user,
            gardens=gardens,
            leader=leader,
            **data,
        )
        if project is not None:
            messages.success(request, _("The project has been created."))
            return redirect(project)
    context = {
        "form": form,
        "title": _("New project"),
        "cancel_url": reverse("collaboration:projects"),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
def project_edit(request, slug: str):
    project = access.get_project_for_edit(request.user, slug)
    initial = {
        **{k: getattr(project, k) for k in PROJECT_FIELDS},
        "links": [(link.url, link.title) for link in project.links.all()],
        "events": list(project.events.all()),
        "methods": list(project.methods.all()),
    }
    form = ProjectForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = call(
            form,
            services.project_update,
            actor=request.user,
            project=project,
            **_project_data(form),
        )
        if saved is not None:
            messages.success(request, _("The project has been saved."))
            return redirect(saved)
    context = {
        "form": form,
        "title": _("Edit %(name)s") % {"name": project.name},
        "cancel_url": project.get_absolute_url(),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
def project_members(request, slug: str):
    """Which gardens take part, and who leads: the leader and the coordinator."""
    project = access.get_project_for_members(request.user, slug)
    initial = {"gardens": list(project.gardens.all()), "leader": project.leader}
    form = MembersForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call(
            form,
            services.project_set_members,
            actor=request.user,
            project=project,
            gardens=list(form.cleaned_data["gardens"]),
            leader=form.cleaned_data["leader"],
        )
        if saved is not None:
            messages.success(request, _("The participating gardens have been saved."))
            return redirect(saved)
    context = {
        "form": form,
        "title": _("Gardens in %(name)s") % {"name": project.name},
        "cancel_url": project.get_absolute_url(),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
def project_file(request, slug: str, pk: int):
    return serve_attachment(access.get_file_for_view(request.user, slug, pk))


@staff_required
@require_POST
def project_file_add(request, slug: str):
    project = access.get_project_for_edit(request.user, slug)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.project_file_add(
                actor=request.user, project=project, name=upload.name, content=read_upload(upload)
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_errors(form, exc)
            else:
                form.add_error("file", exc)
        else:
            messages.success(request, _("%(name)s has been attached.") % {"name": upload.name})
            return redirect(f"{project.get_absolute_url()}#files")
    context = project_context(request, project, file_form=form)
    return render(request, "collaboration/project_detail.html", context, status=400)


@staff_required
@require_POST
def project_file_delete(request, slug: str, pk: int):
    stored = access.get_file_for_edit(request.user, slug, pk)
    services.project_file_delete(actor=request.user, stored=stored)
    messages.success(request, _("%(name)s has been removed.") % {"name": stored.name})
    return redirect(f"{stored.project.get_absolute_url()}#files")


@staff_required
@require_POST
def project_action_add(request, slug: str):
    """An action of the project itself (not of one of its sessions)."""
    project = access.get_project_for_edit(request.user, slug)
    form = ActionForm(request.POST, user=request.user)
    if form.is_valid():
        action = call(
            form, services.action_create, actor=request.user, project=project, **form.cleaned_data
        )
        if action is not None:
            messages.success(request, _("The action has been added."))
            return redirect(f"{project.get_absolute_url()}#actions")
    context = project_context(request, project, action_form=form)
    return render(request, "collaboration/project_detail.html", context, status=400)
