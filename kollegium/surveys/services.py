"""Every write of the satisfaction surveys: create a round, send it, remind, answer."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kollegium.companies.models import Contact
from kollegium.core.audit import audit
from kollegium.core.mail import queue_email
from kollegium.network import permissions
from kollegium.network.models import Garden
from kollegium.surveys.links import answer_link
from kollegium.surveys.models import (
    SCORE_MAX,
    SCORE_MIN,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)

TEXT_LIMIT = 2000
EMAIL_TEMPLATE = "surveys/email/invitation"
REMINDER_TEMPLATE = "surveys/email/reminder"


class SurveyClosed(Exception):
    """The link can take no answer (any more); the message is for the company."""


class AlreadyAnswered(SurveyClosed):
    """Someone at the company has answered already: the first answer counts."""


def _contacts_by_company(company_ids) -> dict[int, list[str]]:
    """Each company's contacts' distinct e-mail addresses, in the contacts' order."""
    found: dict[int, list[str]] = {}
    contacts = Contact.objects.filter(company_id__in=list(company_ids)).exclude(email="")
    for company_id, email in contacts.order_by("name", "pk").values_list("company_id", "email"):
        emails = found.setdefault(company_id, [])
        if email.lower() not in (e.lower() for e in emails):
            emails.append(email)
    return found


def _mail(invitation: SurveyInvitation, emails: list[str], template: str) -> None:
    context = {
        "round": invitation.round,
        "garden": invitation.round.garden,
        "company": invitation.company,
        "link": answer_link(invitation),
    }
    for email in emails:
        queue_email(to=email, template=template, context=context, language="nb")


@transaction.atomic
def survey_round_create(
    *,
    actor,
    garden: Garden,
    year: int,
    intro: str = "",
    closes_on: datetime.date | None = None,
) -> SurveyRound:
    """A new, unsent round for a garden and year (one per garden and year)."""
    if not permissions.can_manage_survey(actor, garden.pk):
        raise PermissionDenied
    round_ = SurveyRound(
        garden=garden,
        year=year,
        intro=intro.strip(),
        closes_on=closes_on,
        created_by=permissions.person_of(actor),
    )
    round_.full_clean()
    if closes_on is not None and closes_on < timezone.localdate():
        raise ValidationError({"closes_on": _("Choose a date that has not passed.")})
    round_.save()
    audit(actor=actor, action="surveys.round.created", obj=round_, garden=garden.slug, year=year)
    return round_


@transaction.atomic
def survey_round_send(*, actor, survey_round: SurveyRound) -> int:
    """Invite every company the garden serves that has a contact with an e-mail address, and
    mail each such contact the company's link. Once per round. Returns the companies invited."""
    if not permissions.can_manage_survey(actor, survey_round.garden_id):
        raise PermissionDenied
    round_ = (
        SurveyRound.objects.select_for_update().select_related("garden").get(pk=survey_round.pk)
    )
    if round_.sent_at is not None:
        raise ValidationError(_("This survey has already been sent."), code="already_sent")
    company_ids = round_.garden.relations.values_list("company_id", flat=True)
    emails = _contacts_by_company(company_ids)
    if not emails:
        raise ValidationError(
            _("None of the garden's companies has a contact with an e-mail address."),
            code="no_recipients",
        )
    now = timezone.now()
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(round=round_, company_id=pk, recipients=len(found), sent_at=now)
        for pk, found in emails.items()
    )
    invitations = round_.invitations.select_related("company")
    for invitation in invitations:
        invitation.round = round_
        _mail(invitation, emails[invitation.company_id], EMAIL_TEMPLATE)
    round_.sent_at = now
    round_.save(update_fields=["sent_at"])
    audit(actor=actor, action="surveys.round.sent", obj=round_, companies=len(emails))
    survey_round.sent_at = now
    return len(emails)


@transaction.atomic
def survey_round_remind(*, actor, survey_round: SurveyRound) -> int:
    """Mail the link again to the contacts of companies that have not answered. Once per
    round, after sending. Returns the companies reminded."""
    if not permissions.can_manage_survey(actor, survey_round.garden_id):
        raise PermissionDenied
    round_ = (
        SurveyRound.objects.select_for_update().select_related("garden").get(pk=survey_round.pk)
    )
    if round_.sent_at is None:
        raise ValidationError(_("Send the survey before reminding anyone."), code="not_sent")
    if round_.reminded_at is not None:
        raise ValidationError(_("The reminder has already been sent."), code="already_reminded")
    _check_open(round_)
    waiting = list(
        round_.invitations.filter(response__isnull=True).select_related("company").order_by("pk")
    )
    # The contacts of today: a contact added since the first e-mail gets the reminder too.
    emails = _contacts_by_company(i.company_id for i in waiting)
    now = timezone.now()
    reminded = 0
    for invitation in waiting:
        if emails.get(invitation.company_id):
            invitation.round = round_
            _mail(invitation, emails[invitation.company_id], REMINDER_TEMPLATE)
            reminded += 1
    round_.invitations.filter(pk__in=[i.pk for i in waiting]).update(reminded_at=now)
    round_.reminded_at = now
    round_.save(update_fields=["reminded_at"])
    audit(actor=actor, action="surveys.round.reminded", obj=round_, companies=reminded)
    survey_round.reminded_at = now
    return reminded


def _check_open(round_: SurveyRound) -> None:
    if round_.closes_on is not None and timezone.localdate() > round_.closes_on:
        raise SurveyClosed(_("This survey closed on %(date)s.") % {"date": _date(round_)})


def _date(round_: SurveyRound) -> str:
    return date_format(round_.closes_on, "DATE_FORMAT")


def check_answer_open(invitation: SurveyInvitation) -> None:
    """Raise SurveyClosed (or AlreadyAnswered) when this link takes no answer."""
    if SurveyResponse.objects.filter(invitation=invitation).exists():
        raise AlreadyAnswered(
            _(
                "%(company)s has already answered this survey. Only the first answer from a "
                "company counts."
            )
            % {"company": invitation.company.name}
        )
    _check_open(invitation.round)


def _clean(score, did_well: str, to_improve: str) -> tuple[int, str, str]:
    errors = {}
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = -1
    if not SCORE_MIN <= score <= SCORE_MAX:
        errors["score"] = _("Choose a number from 0 to 10.")
    did_well, to_improve = (did_well or "").strip(), (to_improve or "").strip()
    for name, text in (("did_well", did_well), ("to_improve", to_improve)):
        if len(text) > TEXT_LIMIT:
            errors[name] = _("Write at most %(limit)s characters.") % {"limit": TEXT_LIMIT}
    if errors:
        raise ValidationError(errors)
    return score, did_well, to_improve


@transaction.atomic
def survey_answer_submit(
    *,
    invitation: SurveyInvitation,
    score: int,
    did_well: str = "",
    to_improve: str = "",
    language: str = "",
) -> SurveyResponse:
    """Save a company's answer. The first answer counts: a later one raises AlreadyAnswered
    (also when two contacts send at the same moment: the one-to-one row decides). Raises
    SurveyClosed after the closing date, ValidationError with field keys for bad input."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("round", "company")
        .get(pk=invitation.pk)
    )
    check_answer_open(invitation)
    score, did_well, to_improve = _clean(score, did_well, to_improve)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                invitation=invitation,
                round=invitation.round,
                score=score,
                did_well=did_well,
                to_improve=to_improve,
                language=language[:8],
            )
    except IntegrityError:
        check_answer_open(invitation)
        raise
    audit(actor=None, action="surveys.answer.submitted", obj=response, round=invitation.round_id)
    return response
