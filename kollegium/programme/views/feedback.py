"""Feedback: the participant's form behind the link in the request e-mail (no account), the
results of one event for its hosts, and the averages for all staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.programme import access_day
from kollegium.programme.forms_day import FeedbackForm, PeriodForm
from kollegium.programme.models import Feedback
from kollegium.programme.selectors.feedback import (
    event_feedback,
    feedback_averages,
    past_events,
)
from kollegium.programme.selectors.reach import total_reach
from kollegium.programme.services.feedback import (
    FeedbackClosed,
    check_feedback_open,
    feedback_submit,
)
from kollegium.programme.views.forms_util import show_errors


def _no_store(response):
    # The page is reached by a personal link: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def feedback_form(request, token: str):
    """Rating 1-5, what was useful, what to improve; sending it again changes the answer."""
    registration = access_day.get_registration_by_feedback_link(token)
    if registration is None:
        response = render(request, "programme/feedback_invalid.html", status=404)
        return _no_store(response)
    event = registration.event
    try:
        check_feedback_open(registration)
    except FeedbackClosed as exc:
        context = {"event": event, "message": str(exc)}
        return _no_store(render(request, "programme/feedback_closed.html", context))
    existing = Feedback.objects.filter(registration=registration).first()
    initial = (
        {"rating": existing.rating, "useful": existing.useful, "improve": existing.improve}
        if existing
        else None
    )
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback_submit(registration=registration, **form.cleaned_data)
        except FeedbackClosed as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Thank you for your feedback!"))
            return redirect("programme:feedback_form", token)
    context = {"event": event, "form": form, "existing": existing}
    return _no_store(render(request, "programme/feedback_form.html", context))


@staff_required
def feedback_results(request, ref: str):
    """One event's ratings and comments, for its hosts and the coordinator."""
    event = access_day.get_event_feedback(request.user, ref)
    context = {"event": event, "results": event_feedback(event)}
    return render(request, "programme/feedback_results.html", context)


@staff_required
def feedback_summary(request):
    """Average ratings per format, host garden and competence area, and the cross-garden
    reach, over a period (all time by default)."""
    if not permissions.can_see_feedback_summary(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    # Bad dates are shown on the form; the figures then cover all time.
    period = form.cleaned_data if form.is_bound and form.is_valid() else {}
    since, until = period.get("since"), period.get("until")
    events = past_events(since=since, until=until)
    context = {
        "form": form,
        "averages": feedback_averages(since=since, until=until),
        "reach": total_reach(events),
        "event_count": events.count(),
    }
    return render(request, "programme/feedback_summary.html", context)
