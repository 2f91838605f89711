"""A method's page, and the form that creates or edits one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kollegium.methods import access, selectors, services
from kollegium.methods.forms import (
    AdoptionForm,
    AttachmentForm,
    CommentForm,
    MethodForm,
    MoveForm,
    OperatorAdoptionForm,
    OperatorMethodForm,
)
from kollegium.methods.models import Stage
from kollegium.methods.views.common import bind, call
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.network.models import Garden


def method_context(request, method, **forms) -> dict:
    """Everything the method page shows; ``forms`` replaces a form that failed validation."""
    user = request.user
    me = permissions.person_of(user)
    can_move = permissions.can_move_method(user, method)
    next_stages = services.allowed_moves(method)
    next_stage = next_stages[0] if method.stage != Stage.SHARED else None
    adoptions = selectors.adoptions(method)
    evidence = selectors.evidence(method)
    for pilot in evidence.pilots:
        pilot.may_edit = permissions.can_edit_pilot(user, pilot)
    operator = me is None
    context = {
        "method": method,
        "contributors": method.contributors.select_related("user", "garden"),
        "links": list(method.links.all()),
        "attachments": list(method.attachments.all()),
        "history": selectors.history(method),
        "evidence": evidence,
        "adoptions": adoptions,
        "garden_count": Garden.objects.count(),
        "my_adoption": next((a for a in adoptions if me and a.garden_id == me.garden_id), None),
        "threads": selectors.threads(method),
        "version_count": method.versions.count(),
        "can_edit": permissions.can_edit_method(user, method),
        "can_move": can_move,
        "can_discuss": permissions.can_discuss_method(user, method),
        "me": me,
        "stages": Stage.choices,
        "package_url": reverse("methods:package", args=[method.ref]),
        "next_stage": Stage(next_stage) if next_stage else None,
        "next_misses": services.gate_misses(method, next_stage) if next_stage else [],
    }
    if can_move:
        context["move_form"] = forms.get("move_form") or MoveForm(choices=next_stages)
        context["refused"] = forms.get("refused")
    if context["can_edit"]:
        context["attachment_form"] = forms.get("attachment_form") or AttachmentForm()
    if context["can_discuss"]:
        context["comment_form"] = forms.get("comment_form") or CommentForm()
        adoption_class = OperatorAdoptionForm if operator else AdoptionForm
        initial = {"adopted_on": getattr(context["my_adoption"], "adopted_on", None)}
        context["adoption_form"] = forms.get("adoption_form") or adoption_class(initial=initial)
    return context


@staff_required
def detail(request, ref: str):
    method = access.get_method_for_view(request.user, ref)
    return render(request, "methods/method_detail.html", method_context(request, method))


def _method_data(form) -> dict:
    data = dict(form.cleaned_data)
    data["areas"] = list(data["areas"])
    data["contributors"] = list(data["contributors"])
    return data


@staff_required
def create(request):
    if not permissions.can_create_method(request.user):
        raise PermissionDenied
    operator = permissions.person_of(request.user) is None
    form = bind(OperatorMethodForm if operator else MethodForm, request)
    if request.method == "POST" and form.is_valid():
        method = call(form, services.method_create, actor=request.user, **_method_data(form))
        if method is not None:
            messages.success(
                request,
                _("“%(title)s” has been added to the method bank.") % {"title": method.title},
            )
            return redirect(method)
    context = {"form": form, "title": _("New method"), "cancel_url": reverse("methods:board")}
    return render(request, "methods/form.html", context)


@staff_required
def edit(request, ref: str):
    method = access.get_method_for_edit(request.user, ref)
    form = bind(MethodForm, request, method)
    if request.method == "POST" and form.is_valid():
        data = _method_data(form)
        saved = call(form, services.method_update, actor=request.user, method=method, **data)
        if saved is not None:
            messages.success(request, _("The method has been saved."))
            return redirect(saved)
    context = {
        "form": form,
        "method": method,
        "title": _("Edit %(title)s") % {"title": method.title},
        "cancel_url": method.get_absolute_url(),
        "versioned": method.is_past_development,
    }
    return render(request, "methods/form.html", context)
