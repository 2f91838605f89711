"""The programme letter's pages: staff send it for a company; a contact unsubscribes by link."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kollegium.companies import access as company_access
from kollegium.companies import services as company_services
from kollegium.companies.models import NeedStatus
from kollegium.network.decorators import staff_required
from kollegium.programme.letter import events_for_company
from kollegium.programme.services.letter import (
    NothingToSend,
    consenting_contacts,
    contact_for_token,
    letter_send,
)


@staff_required
@require_POST
def send(request, org_number: str):
    """Send the letter now to the company's consenting contacts (staff of a serving garden)."""
    company = company_access.get_company_for_view(request.user, org_number)
    try:
        sent = letter_send(company=company, actor=request.user)
    except NothingToSend:
        messages.error(
            request,
            _(
                "Nothing was sent: no contact person has agreed to get the letter, "
                "or no upcoming event fits the company."
            ),
        )
    else:
        messages.success(
            request,
            ngettext(
                "The programme letter has been sent to %(count)s contact person.",
                "The programme letter has been sent to %(count)s contact persons.",
                len(sent),
            )
            % {"count": len(sent)},
        )
    return redirect(company)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET asks to confirm (mail scanners open links); POST records the opt-out. No account."""
    contact = contact_for_token(token)
    if contact is None:
        return render(request, "programme/letter_unknown.html", status=404)
    done = False
    if request.method == "POST":
        # Recorded in the installation's language, whatever the visitor's.
        with translation.override(settings.LANGUAGE_CODE):
            how = _("Unsubscribed with the link in the programme letter.")
        company_services.contact_letter_opt_out(contact=contact, how=how)
        contact.refresh_from_db()
        done = True
    return render(request, "programme/letter_unsubscribe.html", {"contact": contact, "done": done})


def company_letter_context(user, company, needs, *, can_edit: bool) -> dict:
    """For the company page: upcoming events ranked for it (against the needs the user may
    see) and, for staff serving it, how many contacts get the letter."""
    open_needs = [need for need in needs if need.status != NeedStatus.MET]
    context = {
        "company_events": events_for_company(company, needs=open_needs),
        "can_send_letter": can_edit,
    }
    if can_edit:
        context["letter_recipients"] = len(consenting_contacts(company))
    return context
