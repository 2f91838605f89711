"""Work sessions: list, page, plan and edit, invitations and answers, agenda, minutes,
decisions, the summary e-mail, the print view and the .ics file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.collaboration import access, ical, selectors, services
from kollegium.collaboration.forms import (
    ActionForm,
    AgendaItemForm,
    AnswerForm,
    DecisionForm,
    InviteForm,
    SessionEditForm,
    SessionForm,
)
from kollegium.collaboration.models import Project
from kollegium.collaboration.views.common import call
from kollegium.network import permissions
from kollegium.network.decorators import staff_required

PAGE_SIZE = 50
SESSION_FIELDS = ("title", "purpose", "starts_at", "ends_at", "place", "online_url")


@staff_required
def session_list(request):
    page = Paginator(selectors.sessions(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "collaboration/session_list.html", {"page": page, "now": timezone.now()})


def session_context(request, session, **forms) -> dict:
    user = request.user
    can_edit = permissions.can_edit_session(user, session, selectors.session_garden_ids(session))
    me = permissions.person_of(user)
    invitations = list(session.invitations.all())
    mine = next((i for i in invitations if me and i.person_id == me.pk), None)
    context = {
        "session": session,
        "agenda": list(session.agenda.all()),
        "decisions": list(session.decisions.all()),
        "actions": list(session.actions.all()),
        "invitations": invitations,
        "coming": sum(1 for i in invitations if i.answer == "coming"),
        "my_invitation": mine,
        "can_edit": can_edit,
        "started": session.starts_at <= timezone.now(),
    }
    if mine is not None:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            initial={"answer": mine.answer}
        )
    if can_edit:
        context["invite_form"] = forms.get("invite_form") or InviteForm()
        context["agenda_form"] = forms.get("agenda_form") or AgendaItemForm()
        context["decision_form"] = forms.get("decision_form") or DecisionForm(session=session)
        context["action_form"] = forms.get("action_form") or ActionForm(user=user)
    return context


def _render_session(request, session, status=200, **forms):
    context = session_context(request, session, **forms)
    return render(request, "collaboration/session_detail.html", context, status=status)


@staff_required
def session_detail(request, pk: int):
    return _render_session(request, access.get_session_for_view(request.user, pk))


@staff_required
def session_print(request, pk: int):
    """The agenda and minutes on paper (the page's print stylesheet hides the chrome)."""
    session = access.get_session_for_view(request.user, pk)
    context = {
        "session": session,
        "agenda": list(session.agenda.all()),
        "decisions": list(session.decisions.all()),
        "actions": list(session.actions.all()),
        "invitations": list(session.invitations.all()),
    }
    return render(request, "collaboration/session_print.html", context)


@staff_required
def session_ics(request, pk: int):
    session = access.get_session_for_view(request.user, pk)
    response = HttpResponse(ical.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="work-session-{session.pk}.ics"'
    response["Cache-Control"] = "private, max-age=0"
    return response


@staff_required
def session_create(request):
    if not permissions.can_read_collaboration(request.user):
        raise PermissionDenied
    initial = {}
    slug = request.GET.get("project")
    if slug:
        initial["project"] = get_object_or_404(Project, slug=slug)
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in SESSION_FIELDS}
        project = form.cleaned_data["project"]
        if project is not None and not permissions.can_edit_project(
            request.user, [g.pk for g in project.gardens.all()]
        ):
            form.add_error("project", _("Only staff of the project's gardens plan its sessions."))
        else:
            session = call(
                form, services.session_create, actor=request.user, project=project, **data
            )
            if session is not None:
                messages.success(request, _("The work session has been planned."))
                return redirect(session)
    context = {
        "form": form,
        "title": _("New work session"),
        "cancel_url": reverse("collaboration:sessions"),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
def session_edit(request, pk: int):
    session = access.get_session_for_edit(request.user, pk)
    initial = {k: getattr(session, k) for k in (*SESSION_FIELDS, "status")}
    for name in ("starts_at", "ends_at"):
        initial[name] = timezone.localtime(initial[name])
    form = SessionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in (*SESSION_FIELDS, "status")}
        saved = call(form, services.session_update, actor=request.user, session=session, **data)
        if saved is not None:
            messages.success(request, _("The work session has been saved."))
            return redirect(saved)
    context = {
        "form": form,
        "title": _("Edit %(title)s") % {"title": session.title},
        "cancel_url": session.get_absolute_url(),
    }
    return render(request, "collaboration/form.html", context)


@staff_required
@require_POST
def session_invite(request, pk: int):
    session = access.get_session_for_edit(request.user, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        new = services.session_invite(actor=request.user, session=session, people=form.invitees())
        messages.success(request, _("%(count)s invited.") % {"count": len(new)})
        return redirect(f"{session.get_absolute_url()}#invited")
    return _render_session(request, session, 400, invite_form=form)


@staff_required
@require_POST
def session_answer(request, pk: int):
    """The signed-in invitee's own answer; anyone not invited gets 404."""
    session = access.get_session_for_view(request.user, pk)
    invitation = access.get_own_invitation(request.user, session)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.invitation_answer(
            actor=request.user, invitation=invitation, answer=form.cleaned_data["answer"]
        )
        messages.success(request, _("Your answer has been saved."))
        return redirect(session)
    return _render_session(request, session, 400, answer_form=form)


@staff_required
@require_POST
def agenda_add(request, pk: int):
    session = access.get_session_for_edit(request.user, pk)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        item = call(
            form, services.agenda_item_add, actor=request.user, session=session, **form.cleaned_data
        )
        if item is not None:
            return redirect(f"{session.get_absolute_url()}#agenda")
    return _render_session(request, session, 400, agenda_form=form)


@staff_required
def agenda_edit(request, pk: int, item_pk: int):
    """Change an agenda point, or write its minutes."""
    item = access.get_agenda_item_for_edit(request.user, pk, item_pk)
    initial = {k: getattr(item, k) for k in ("title", "owner", "minutes_allotted", "minutes")}
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call(
            form, services.agenda_item_update, actor=request.user, item=item, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("The agenda item has been saved."))
            return redirect(f"{item.session.get_absolute_url()}#item-{item.pk}")
    context = {
        "form": form,
        "title": item.title,
        "cancel_url": item.session.get_absolute_url(),
        "session": item.session,
    }
    return render(request, "collaboration/form.html", context)


@staff_required
@require_POST
def agenda_move(request, pk: int, item_pk: int):
    item = access.get_agenda_item_for_edit(request.user, pk, item_pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.agenda_item_move(actor=request.user, item=item, direction=direction)
    if request.htmx:
        session = access.get_session_for_view(request.user, pk)
        return render(request, "collaboration/_agenda.html", session_context(request, session))
    return redirect(f"{item.session.get_absolute_url()}#agenda")


@staff_required
@require_POST
def agenda_delete(request, pk: int, item_pk: int):
    item = access.get_agenda_item_for_edit(request.user, pk, item_pk)
    services.agenda_item_delete(actor=request.user, item=item)
    messages.success(request, _("The agenda item has been removed."))
    return redirect(f"{item.session.get_absolute_url()}#agenda")


@staff_required
@require_POST
def decision_add(request, pk: int):
    session = access.get_session_for_edit(request.user, pk)
    form = DecisionForm(request.POST, session=session)
    if form.is_valid():
        decision = call(
            form, services.decision_add, actor=request.user, session=session, **form.cleaned_data
        )
        if decision is not None:
            return redirect(f"{session.get_absolute_url()}#decisions")
    return _render_session(request, session, 400, decision_form=form)


@staff_required
@require_POST
def decision_delete(request, pk: int, decision_pk: int):
    decision = access.get_decision_for_edit(request.user, pk, decision_pk)
    services.decision_delete(actor=request.user, decision=decision)
    return redirect(f"{decision.session.get_absolute_url()}#decisions")


@staff_required
@require_POST
def session_action_add(request, pk: int):
    session = access.get_session_for_edit(request.user, pk)
    form = ActionForm(request.POST, user=request.user)
    if form.is_valid():
        action = call(
            form, services.action_create, actor=request.user, session=session, **form.cleaned_data
        )
        if action is not None:
            messages.success(request, _("The action has been added."))
            return redirect(f"{session.get_absolute_url()}#actions")
    return _render_session(request, session, 400, action_form=form)


@staff_required
@require_POST
def summary_send(request, pk: int):
    """E-mail the summary to the invited staff, once."""
    session = access.get_session_for_edit(request.user, pk)
    try:
        count = services.summary_send(actor=request.user, session=session)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The summary has been sent to %(count)s invited.") % {"count": count}
        )
    return redirect(session)
