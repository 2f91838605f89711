"""Customer satisfaction (kundetilfredshet): a garden's yearly survey of its companies.

A round belongs to one garden and one year. Sending it invites every company the garden serves
that has a contact with an e-mail address: one invitation per company, whose link all of the
company's contacts share. The first answer through that link is the company's answer.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company
from kollegium.network.models import Garden, Person

SCORE_MIN, SCORE_MAX = 0, 10
# NPS bands (Net Promoter Score): 9-10 promoters, 7-8 passives, 0-6 detractors.
PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6


class SurveyRound(models.Model):
    garden = models.ForeignKey(Garden, on_delete=models.PROTECT, related_name="survey_rounds")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=2000,
        help_text=_("A short greeting shown at the top of the form and in the e-mail."),
    )
    closes_on = models.DateField(
        _("answers accepted until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept answers until the next round."),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "garden__name"]
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["garden", "year"],
                name="survey_round_once_a_year",
                violation_error_message=_("The garden already has a survey for this year."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=Q(reminded_at__isnull=True) | Q(sent_at__isnull=False),
                name="survey_round_reminded_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.garden} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:round", args=[self.pk])


class SurveyInvitation(models.Model):
    """One company's place in a round: the link its contacts share (see ``links.py``)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="+")
    # How many contacts got the e-mail (for the staff's overview; the addresses are not kept).
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["company__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "company"], name="survey_invitation_once_per_company"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.company}"


class SurveyResponse(models.Model):
    """A company's answer. One per invitation: the database refuses a second."""

    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.CASCADE, related_name="response"
    )
    # Kept on the row too, so results per round need no join through the invitations.
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    score = models.PositiveSmallIntegerField(
        _("how likely would you recommend us"),
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
    )
    did_well = models.TextField(_("what we did well"), blank=True, max_length=2000)
    to_improve = models.TextField(_("what we could do better"), blank=True, max_length=2000)
    language = models.CharField(max_length=8, blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="survey_response_score_0_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.score}"
