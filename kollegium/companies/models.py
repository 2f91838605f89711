from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kollegium.core import codes
from kollegium.core.validators import (
    validate_industry_code,
    validate_municipality,
    validate_org_number,
)
from kollegium.network.models import CompetenceArea, Garden, Person


class Company(models.Model):
    """A company exists once in the network, however many gardens serve it."""

    org_number = models.CharField(
        _("organisation number"), max_length=9, unique=True, validators=[validate_org_number]
    )
    name = models.CharField(_("name"), max_length=200)
    nace = models.CharField(
        _("industry code (SN2025)"), max_length=6, blank=True, validators=[validate_industry_code]
    )
    municipality = models.CharField(
        _("municipality"), max_length=4, blank=True, validators=[validate_municipality]
    )
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    gardens = models.ManyToManyField(Garden, through="CompanyGarden", related_name="companies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["municipality"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.org_number])

    @property
    def municipality_name(self) -> str:
        return codes.municipality_name(self.municipality)

    @property
    def industry_name(self) -> str:
        return codes.industry_name(self.nace)


class Relation(models.TextChoices):
    MEMBER = "member", _("Member company")
    CLIENT = "client", _("Client")


class CompanyGarden(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="relations")
    garden = models.ForeignKey(Garden, on_delete=models.CASCADE, related_name="relations")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation)
    since = models.DateField(_("since"), null=True, blank=True)
    # Siva's programme companies (målbedrifter): growth is measured from the admission year.
    programme_year = models.PositiveSmallIntegerField(
        _("programme company since (year)"),
        null=True,
        blank=True,
        help_text=_("The year the company was admitted as a programme company (målbedrift)."),
    )

    class Meta:
        ordering = ["garden__name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "garden"], name="company_garden_unique"),
            models.CheckConstraint(
                condition=models.Q(programme_year__isnull=True)
                | models.Q(programme_year__gte=1990, programme_year__lte=2100),
                name="company_garden_programme_year_sane",
            ),
            models.CheckConstraint(
                condition=models.Q(relation__in=[r.value for r in Relation]),
                name="company_garden_relation_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} – {self.garden} ({self.get_relation_display()})"

    @property
    def is_programme_company(self) -> bool:
        return self.programme_year is not None


class Contact(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")


class Need(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="needs")
    text = models.TextField(_("need"), max_length=4000)
    areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="needs", verbose_name=_("competence areas")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=NeedStatus, default=NeedStatus.OPEN
    )
    shared_with_network = models.BooleanField(_("shared with the network"), default=False)
    recorded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="recorded_needs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in NeedStatus]),
                name="need_status_valid",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
