"""Pilots and their evaluation, adoption by a garden, and comments on a method."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.methods import access, services
from kollegium.methods.forms import (
    AdoptionForm,
    CommentForm,
    OperatorAdoptionForm,
    OperatorPilotForm,
    PilotForm,
)
from kollegium.methods.views.common import bind, call
from kollegium.methods.views.detail import method_context
from kollegium.network import permissions
from kollegium.network.decorators import staff_required


def _pilot_form(request, method, pilot):
    operator = pilot is None and permissions.person_of(request.user) is None
    form = bind(OperatorPilotForm if operator else PilotForm, request, pilot)
    if request.method == "POST" and form.is_valid():
        saved = call(
            form,
            services.pilot_save,
            actor=request.user,
            method=method,
            pilot=pilot,
            **form.cleaned_data,
        )
        if saved is not None:
            if saved.is_completed:
                messages.success(request, _("The pilot and its evaluation have been saved."))
            else:
                messages.success(request, _("The pilot has been saved."))
            return redirect(f"{method.get_absolute_url()}#pilots")
    title = _("Pilot of %(title)s") % {"title": method.title} if pilot else _("Log a pilot")
    context = {"form": form, "method": method, "title": title, "cancel_url": method}
    return render(request, "methods/pilot_form.html", context)


@staff_required
def pilot_create(request, ref: str):
    method = access.get_method_for_discussion(request.user, ref)
    return _pilot_form(request, method, None)


@staff_required
def pilot_edit(request, ref: str, pk: int):
    pilot = access.get_pilot_for_edit(request.user, ref, pk)
    return _pilot_form(request, pilot.method, pilot)


@staff_required
@require_POST
def adopt(request, ref: str):
    """Mark that the user's garden uses the method (or change the date and note)."""
    method = access.get_method_for_discussion(request.user, ref)
    operator = permissions.person_of(request.user) is None
    form = (OperatorAdoptionForm if operator else AdoptionForm)(request.POST)
    if form.is_valid():
        saved = call(
            form, services.adoption_record, actor=request.user, method=method, **form.cleaned_data
        )
        if saved is not None:
            messages.success(
                request,
                _("%(garden)s uses “%(title)s”.") % {"garden": saved.garden, "title": method},
            )
            return redirect(f"{method.get_absolute_url()}#spread")
    context = method_context(request, method, adoption_form=form)
    return render(request, "methods/method_detail.html", context, status=400)


@staff_required
@require_POST
def adoption_remove(request, ref: str):
    method = access.get_method_for_discussion(request.user, ref)
    adoption = access.get_own_adoption(request.user, method)
    services.adoption_remove(actor=request.user, adoption=adoption)
    messages.success(request, _("The adoption has been withdrawn."))
    return redirect(f"{method.get_absolute_url()}#spread")


@staff_required
@require_POST
def comment(request, ref: str):
    """A comment, or a reply to one (``parent``); back to the thread on the method page."""
    method = access.get_method_for_discussion(request.user, ref)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = access.get_comment_of(method, form.cleaned_data["parent"])
        saved = call(
            form,
            services.comment_add,
            actor=request.user,
            method=method,
            text=form.cleaned_data["text"],
            parent=parent,
        )
        if saved is not None:
            messages.success(request, _("Your comment has been posted."))
            return redirect(f"{method.get_absolute_url()}#comment-{saved.pk}")
    context = method_context(request, method, comment_form=form)
    return render(request, "methods/method_detail.html", context, status=400)
