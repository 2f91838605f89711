from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company

# Accounts in Brønnøysund go back to the 1990s; the same bounds as CompanyGarden.programme_year.
MIN_YEAR = 1990
MAX_YEAR = 2100
# Whole NOK; Norway's largest companies report revenue around 10^12, so this is generous.
MAX_AMOUNT = 10**15
AMOUNT = [MinValueValidator(-MAX_AMOUNT), MaxValueValidator(MAX_AMOUNT)]
NOT_NEGATIVE = [MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)]


class KeyFigure(models.Model):
    """One company's figures from its annual accounts for one year, in whole NOK.

    Value creation (verdiskaping) is derived, never stored: operating result + wage costs.
    Every figure may be missing; a row has at least one.
    """

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="key_figures")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    revenue = models.BigIntegerField(
        _("revenue (driftsinntekter)"), null=True, blank=True, validators=NOT_NEGATIVE
    )
    operating_result = models.BigIntegerField(
        _("operating result (driftsresultat)"), null=True, blank=True, validators=AMOUNT
    )
    wage_costs = models.BigIntegerField(
        _("wage costs (lønnskostnader)"), null=True, blank=True, validators=NOT_NEGATIVE
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company_id", "-year"]
        verbose_name = _("key figures")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year"],
                name="key_figure_company_year_unique",
                violation_error_code="unique",
                violation_error_message=_("Figures for this year are already recorded."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="key_figure_year_sane",
            ),
            models.CheckConstraint(
                condition=models.Q(revenue__isnull=True) | models.Q(revenue__gte=0),
                name="key_figure_revenue_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(wage_costs__isnull=True) | models.Q(wage_costs__gte=0),
                name="key_figure_wage_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(revenue__isnull=False)
                | models.Q(operating_result__isnull=False)
                | models.Q(wage_costs__isnull=False)
                | models.Q(employees__isnull=False),
                name="key_figure_has_a_figure",
                violation_error_message=_("Enter at least one figure."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} {self.year}"

    @property
    def value_creation(self) -> int | None:
        """Siva's verdiskaping: operating result plus wage costs (unknown if either is)."""
        if self.operating_result is None or self.wage_costs is None:
            return None
        return self.operating_result + self.wage_costs
