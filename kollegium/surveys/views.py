"""Satisfaction surveys: the staff's rounds and results, and the companies' answer form
behind the link in the e-mail (no account)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.network.models import Garden
from kollegium.surveys import access, selectors, services
from kollegium.surveys.forms import AnswerForm, RoundForm
from kollegium.surveys.links import invitation_for_token


def _errors_to_form(exc: ValidationError, form) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _manageable_gardens(user) -> list[Garden]:
    if permissions.is_coordinator(user):
        return list(Garden.objects.order_by("name"))
    garden = access.my_garden(user)
    return [garden] if garden and permissions.can_manage_survey(user, garden.pk) else []


@staff_required
def round_list(request):
    """The rounds of my garden (all gardens', for the coordinator) with their figures."""
    rounds = selectors.rounds_with_scores(selectors.visible_rounds(request.user))
    context = {"rounds": rounds, "gardens": _manageable_gardens(request.user)}
    return render(request, "surveys/round_list.html", context)


@staff_required
def round_create(request, slug: str):
    garden = access.get_garden_for_new_round(request.user, slug)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_round = services.survey_round_create(
                actor=request.user, garden=garden, **form.cleaned_data
            )
        except ValidationError as exc:
            _errors_to_form(exc, form)
        else:
            messages.success(request, _("The survey has been created. Check it, then send it."))
            return redirect(survey_round)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "garden": garden}
    return render(request, "surveys/round_form.html", context, status=status)


@staff_required
def round_detail(request, pk: int):
    """A round's figures, its answers and who has answered, for the garden's staff."""
    survey_round = access.get_round_for_view(request.user, pk)
    context = {
        "results": selectors.round_results(survey_round),
        "round": survey_round,
        "can_manage": permissions.can_manage_survey(request.user, survey_round.garden_id),
    }
    return render(request, "surveys/round_detail.html", context)


@staff_required
@require_POST
def round_send(request, pk: int):
    survey_round = access.get_round_for_manage(request.user, pk)
    try:
        count = services.survey_round_send(actor=request.user, survey_round=survey_round)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey went to %(count)s companies.") % {"count": count})
    return redirect(survey_round)


@staff_required
@require_POST
def round_remind(request, pk: int):
    survey_round = access.get_round_for_manage(request.user, pk)
    try:
        count = services.survey_round_remind(actor=request.user, survey_round=survey_round)
    except (ValidationError, services.SurveyClosed) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, message)
    else:
        messages.success(request, _("The reminder went to %(count)s companies.") % {"count": count})
    return redirect(survey_round)


def _no_store(response):
    # Reached by a company's personal link: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, no-store"
    return response


def answer(request, token: str):
    """The company's form: 0-10, what we did well, what to improve. First answer counts."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return _no_store(render(request, "surveys/answer_invalid.html", status=404))
    context = {
        "invitation": invitation,
        "round": invitation.round,
        "garden": invitation.round.garden,
    }
    try:
        services.check_answer_open(invitation)
    except services.SurveyClosed as exc:
        refused = request.method == "POST"
        context.update(message=str(exc), refused=refused)
        status = 409 if refused else 200
        return _no_store(render(request, "surveys/answer_closed.html", context, status=status))
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer_submit(
                invitation=invitation, language=translation.get_language(), **form.cleaned_data
            )
        except services.SurveyClosed as exc:
            context.update(message=str(exc), refused=True)
            return _no_store(render(request, "surveys/answer_closed.html", context, status=409))
        except ValidationError as exc:
            _errors_to_form(exc, form)
        else:
            return _no_store(render(request, "surveys/answer_thanks.html", context))
    context["form"] = form
    # 200 also for a form with errors, like the programme's feedback form (public pages).
    return _no_store(render(request, "surveys/answer_form.html", context))
