"""Referral pages: mine (sent and received), ask the network from a need, one referral."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kollegium.companies import access as company_access
from kollegium.companies import selectors as company_selectors
from kollegium.network import permissions
from kollegium.network.decorators import staff_required
from kollegium.referrals import access, selectors, services
from kollegium.referrals.forms import AnswerForm, MessageForm, OutcomeForm, ReferralForm
from kollegium.referrals.models import Status


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@staff_required
def referral_list(request):
    me = permissions.person_of(request.user)
    context = {"me": me}
    if me is not None:
        context.update(selectors.my_referrals(me))
    if permissions.is_coordinator(request.user):
        context["network_referrals"] = selectors.visible_referrals(request.user)[:50]
    return render(request, "referrals/list.html", context)


def _label(person, why: list[str]) -> str:
    label = f"{person.name} – {person.garden.name}"
    return f"{label} ({'; '.join(why)})" if why else label


@staff_required
def referral_create(request, org_number: str, pk: int):
    """Ask colleagues about a need of a company the user's garden serves."""
    need = company_access.get_need_for_edit(request.user, org_number, pk)
    me = permissions.person_of(request.user)
    if me is None:  # the operator serves no company
        raise PermissionDenied
    query = request.GET.get("q", "").strip()
    suggested = selectors.suggested_colleagues(request.user, me, need)
    searched = selectors.directory_candidates(me, query) if query else []
    candidates, seen = [], set()
    for person, why in suggested + [(p, []) for p in searched]:
        if person.pk not in seen:
            seen.add(person.pk)
            candidates.append((person, _label(person, why)))
    initial = {"message": need.text}
    form = ReferralForm(request.POST or None, me=me, candidates=candidates, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            referrals = services.referral_create(
                actor=request.user,
                need=need,
                to_people=list(form.cleaned_data["to_people"]),
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                _("Asked: %(names)s.") % {"names": ", ".join(r.to_person.name for r in referrals)},
            )
            return redirect(referrals[0] if len(referrals) == 1 else "referrals:list")
    context = {
        "need": need,
        "company": need.company,
        "form": form,
        "query": query,
        "suggested_count": len(suggested),
        "earlier": selectors.referrals_for_need(need),
    }
    return render(request, "referrals/create.html", context)


def _detail_context(request, referral, **forms) -> dict:
    user = request.user
    me = permissions.person_of(user)
    can_read = access.can_read_content(user, referral)
    is_helper = me is not None and me.pk == referral.to_person_id
    is_party = permissions.is_referral_party(user, referral)
    shared = is_helper and referral.status == Status.ACCEPTED
    return {
        "referral": referral,
        "can_read": can_read,
        "is_helper": is_helper,
        "is_party": is_party,
        "shared": shared,
        "need_visible": shared or selectors.need_visible_to(user, referral.need_id),
        "contacts": company_selectors.company_contacts(referral.company) if shared else None,
        "thread": selectors.thread(referral) if can_read else None,
        "answer_form": forms.get("answer_form")
        or (AnswerForm() if is_helper and referral.status == Status.PENDING else None),
        "message_form": forms.get("message_form")
        or (MessageForm() if is_party and referral.status != Status.DECLINED else None),
        "outcome_form": forms.get("outcome_form")
        or (OutcomeForm() if is_party and referral.status == Status.ACCEPTED else None),
    }


@staff_required
def referral_detail(request, pk: int):
    referral = access.get_referral_for_view(request.user, pk)
    return render(request, "referrals/detail.html", _detail_context(request, referral))


def _post(request, pk, form_class, form_name, call):
    """Run ``call(form.cleaned_data)`` for one of the party's forms; errors re-show the page."""
    referral = access.get_referral_for_party(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(referral, form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            return None, referral
    context = _detail_context(request, referral, **{form_name: form})
    return render(request, "referrals/detail.html", context, status=400), referral


@staff_required
@require_POST
def referral_answer(request, pk: int):
    def call(referral, data):
        services.referral_answer(
            actor=request.user, referral=referral, accept=data["accept"], reason=data["reason"]
        )

    response, referral = _post(request, pk, AnswerForm, "answer_form", call)
    if response is None:
        messages.success(request, _("Your answer has been sent."))
        return redirect(referral)
    return response


@staff_required
@require_POST
def referral_message(request, pk: int):
    def call(referral, data):
        services.message_add(actor=request.user, referral=referral, text=data["text"])

    response, referral = _post(request, pk, MessageForm, "message_form", call)
    if response is None:
        return redirect(referral.get_absolute_url() + "#thread")
    return response


@staff_required
@require_POST
def referral_complete(request, pk: int):
    def call(referral, data):
        services.referral_complete(
            actor=request.user,
            referral=referral,
            helped=data["helped"],
            note=data["note"],
            hours_spent=data["hours_spent"],
            need_status=data["need_status"],
        )

    response, referral = _post(request, pk, OutcomeForm, "outcome_form", call)
    if response is None:
        messages.success(request, _("The outcome has been recorded."))
        return redirect(referral)
    return response
