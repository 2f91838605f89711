"""The staff's event pages: their events, and create, edit, publish, copy, cancel an event and
edit its sign-up questions. Staff of a host garden and the coordinator; others get 403/404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.programme import access_events
from kollegium.programme.forms_events import (
    EventCancelForm,
    EventCopyForm,
    EventForm,
    QuestionForm,
)
from kollegium.programme.selectors import events as selectors
from kollegium.programme.services import event_questions
from kollegium.programme.services import events as services


def _call(form, service, **kwargs):
    """Call a service; show its ValidationError on the form instead (None then)."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None


def _form_page(request, form, *, title, event=None, submit=None, status=200, intro=""):
    context = {
        "form": form,
        "title": title,
        "event": event,
        "submit": submit or _("Save"),
        "intro": intro,
    }
    return render(request, "programme/event_form.html", context, status=status)


@staff_required
def event_manage_list(request):
    """The events the user manages (drafts too); the coordinator sees all of them."""
    show_past = request.GET.get("past") == "1"
    events = selectors.managed_events(request.user, include_past=show_past)
    context = {"events": events, "show_past": show_past}
    return render(request, "programme/event_manage_list.html", context)


@staff_required
def event_create(request):
    if not permissions.can_create_event(request.user):
        raise PermissionDenied
    me = permissions.person_of(request.user)
    initial = {"hosts": [me.garden] if me else [], "has_waitlist": True, "offer_hours": 24}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        event = _call(form, services.event_create, actor=request.user, **data)
        if event is not None:
            messages.success(
                request, _("The event has been saved as a draft. Publish it when it is ready.")
            )
            return redirect(event)
    status = 400 if form.errors else 200
    return _form_page(request, form, title=_("New event"), status=status)


@staff_required
def event_edit(request, ref: str):
    event = access_events.get_event_for_manage(request.user, ref)
    form = EventForm(request.POST or None, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        saved = _call(form, services.event_update, actor=request.user, event=event, **data)
        if saved is not None:
            messages.success(request, _("The event has been saved."))
            return redirect(saved)
    title = _("Edit %(title)s") % {"title": event.title}
    intro = ""
    if event.status == "published":
        intro = _("Everyone signed up gets an e-mail if you change the time or the place.")
    status = 400 if form.errors else 200
    return _form_page(request, form, title=title, event=event, status=status, intro=intro)


@staff_required
@require_POST
def event_publish(request, ref: str):
    event = access_events.get_event_for_manage(request.user, ref)
    try:
        services.event_publish(actor=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The event is published and open for sign-up."))
    return redirect(event)


@staff_required
def event_copy(request, ref: str):
    event = access_events.get_event_for_manage(request.user, ref)
    form = EventCopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kwargs = {"actor": request.user, "event": event, **form.cleaned_data}
        copy = _call(form, services.event_copy, **kwargs)
        if copy is not None:
            messages.success(request, _("This is the copy, a draft. Check it and publish it."))
            return redirect(copy)
    title = _("Copy %(title)s") % {"title": event.title}
    status = 400 if form.errors else 200
    return _form_page(
        request, form, title=title, event=event, submit=_("Make a copy"), status=status
    )


@staff_required
def event_cancel(request, ref: str):
    event = access_events.get_event_for_manage(request.user, ref)
    # Every field is optional: an empty POST is a valid cancellation.
    form = EventCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        kwargs = {"actor": request.user, "event": event, **form.cleaned_data}
        if _call(form, services.event_cancel, **kwargs) is not None:
            messages.success(request, _("The event is cancelled. Those signed up are told."))
            return redirect(event)
    title = _("Cancel %(title)s") % {"title": event.title}
    intro = _("Everyone signed up or on the waitlist gets an e-mail that the event is cancelled.")
    status = 400 if form.errors else 200
    return _form_page(
        request,
        form,
        title=title,
        event=event,
        submit=_("Cancel the event"),
        status=status,
        intro=intro,
    )


# --- sign-up questions ------------------------------------------------------------------------


@staff_required
def questions(request, ref: str):
    """The event's extra sign-up questions, with a form to add one."""
    event = access_events.get_event_for_manage(request.user, ref)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kwargs = {"actor": request.user, "event": event, **form.cleaned_data}
        if _call(form, event_questions.question_save, **kwargs) is not None:
            messages.success(request, _("The question has been added."))
            return redirect("programme:questions", ref=event.ref)
    context = {"event": event, "questions": event.questions.all(), "form": form}
    status = 400 if form.errors else 200
    return render(request, "programme/event_questions.html", context, status=status)


@staff_required
def question_edit(request, ref: str, pk: int):
    question = access_events.get_question_for_manage(request.user, ref, pk)
    event = question.event
    form = QuestionForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        kwargs = {"actor": request.user, "event": event, "question": question}
        if _call(form, event_questions.question_save, **kwargs, **form.cleaned_data) is not None:
            messages.success(request, _("The question has been saved."))
            return redirect("programme:questions", ref=event.ref)
    status = 400 if form.errors else 200
    return _form_page(request, form, title=_("Edit question"), event=event, status=status)


@staff_required
@require_POST
def question_delete(request, ref: str, pk: int):
    question = access_events.get_question_for_manage(request.user, ref, pk)
    event_questions.question_delete(actor=request.user, question=question)
    messages.success(request, _("The question has been removed."))
    return redirect("programme:questions", ref=question.event.ref)
