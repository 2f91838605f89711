"""Pilots (utprøving i praksis) of a method in a garden, and gardens adopting it."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.methods.models.methods import Method
from kollegium.network.models import Garden, Person


class Recommendation(models.TextChoices):
    ADOPT = "adopt", _("Adopt")
    REVISE = "revise", _("Revise")
    DROP = "drop", _("Drop")


class Pilot(models.Model):
    """A garden tries a method in practice, then evaluates it."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="pilots")
    garden = models.ForeignKey(
        Garden, on_delete=models.PROTECT, related_name="method_pilots", verbose_name=_("garden")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    participants = models.PositiveIntegerField(
        _("companies or participants"), null=True, blank=True
    )
    context = models.TextField(_("context"), max_length=2000, blank=True)
    # A programme event's ref; kept as text until the programme links events by ref.
    event_ref = models.CharField(_("linked event"), max_length=80, blank=True)
    # The evaluation: all of rating, recommendation and date once it is evaluated.
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    worked = models.TextField(_("what worked"), max_length=4000, blank=True)
    to_change = models.TextField(_("what to change"), max_length=4000, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation, blank=True
    )
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "garden", "starts_on"], name="pilot_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="pilot_rating_1_5",
            ),
            models.CheckConstraint(
                condition=Q(recommendation__in=[*Recommendation.values, ""]),
                name="pilot_recommendation_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="pilot_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(evaluated_on__isnull=True)
                | (Q(rating__isnull=False) & ~Q(recommendation="")),
                name="pilot_evaluation_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} – {self.garden}"

    @property
    def is_completed(self) -> bool:
        """Completed means evaluated: rating, recommendation and date are recorded."""
        return self.evaluated_on is not None


class Adoption(models.Model):
    """A garden has taken a method into use."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="adoptions")
    garden = models.ForeignKey(
        Garden, on_delete=models.PROTECT, related_name="method_adoptions", verbose_name=_("garden")
    )
    adopted_on = models.DateField(_("in use since"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["adopted_on", "pk"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints = [
            models.UniqueConstraint(fields=["method", "garden"], name="adoption_unique_garden")
        ]

    def __str__(self) -> str:
        return f"{self.method} – {self.garden}"
