"""Referrals ("spør nettverket"): an advisor asks a colleague for help with a company's need.

The fields are kept plain for the indicators (who asked whom, between which gardens, when it
was answered and completed, whether it helped and the hours spent).
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company, Need
from kollegium.network.models import Garden, Person


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


# While a referral is accepted, the helper reads the need and the company's contacts.
GRANTING = (Status.ACCEPTED,)
OPEN = (Status.PENDING, Status.ACCEPTED)


class Referral(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="referrals")
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="referrals")
    from_person = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="referrals_sent"
    )
    from_garden = models.ForeignKey(Garden, on_delete=models.PROTECT, related_name="referrals_sent")
    to_person = models.ForeignKey(
        Person, null=True, on_delete=models.SET_NULL, related_name="referrals_received"
    )
    to_garden = models.ForeignKey(
        Garden, on_delete=models.PROTECT, related_name="referrals_received"
    )
    message = models.TextField(_("message"), max_length=4000)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    decline_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    helped = models.BooleanField(_("helped"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), max_length=4000, blank=True)
    hours_spent = models.DecimalField(
        _("time spent (hours)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("10000"))],
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="referral_status_valid",
            ),
            # One open or finished request per need and colleague; after a decline, ask again.
            models.UniqueConstraint(
                fields=["need", "to_person"],
                condition=~models.Q(status="declined"),
                name="referral_once_per_need_and_person",
            ),
        ]
        indexes = [
            models.Index(fields=["to_person", "status"], name="referral_to_status"),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.to_person}"

    def get_absolute_url(self) -> str:
        return reverse("referrals:detail", args=[self.pk])

    @property
    def is_cross_garden(self) -> bool:
        return self.from_garden_id != self.to_garden_id


class Message(models.Model):
    """One message in a referral's short thread."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(max_length=150)
    text = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("referral message")
        verbose_name_plural = _("referral messages")

    def __str__(self) -> str:
        return self.text[:60]
