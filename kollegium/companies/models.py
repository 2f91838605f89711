from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.core import codes
from kollegium.core.validators import (
    validate_industry_code,
    validate_industry_code_in,
    validate_municipality,
    validate_org_number,
)
from kollegium.network.models import CompetenceArea, Garden, Person


class NaceStandard(models.TextChoices):
    """The industry classification a code belongs to (never compare codes across them)."""

    SN2025 = codes.SN2025, "SN2025"
    SN2007 = codes.SN2007, "SN2007"


class Company(models.Model):
    """A company exists once in the network, however many gardens serve it.

    The fields from name to under_liquidation can come from Enhetsregisteret (see
    companies/register.py and docs/register.md for which import may change which field).
    A code typed by hand (form, API) is SN2025; SN2007 codes come from older register extracts.
    """

    org_number = models.CharField(
        _("organisation number"), max_length=9, unique=True, validators=[validate_org_number]
    )
    name = models.CharField(_("name"), max_length=200)
    org_form = models.CharField(_("organisation form"), max_length=8, blank=True)
    # Field validators check SN2025 (the network document relies on them); clean_fields checks
    # an SN2007 code against SN2007 instead.
    nace = models.CharField(
        _("industry code"), max_length=6, blank=True, validators=[validate_industry_code]
    )
    nace_standard = models.CharField(
        _("industry standard"), max_length=8, choices=NaceStandard, default=NaceStandard.SN2025
    )
    municipality = models.CharField(
        _("municipality"), max_length=4, blank=True, validators=[validate_municipality]
    )
    # Business address (forretningsadresse; for a sub-unit its beliggenhetsadresse), one line
    # per address line.
    address = models.CharField(_("business address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    post_town = models.CharField(_("post town"), max_length=100, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    bankrupt = models.BooleanField(_("bankrupt"), default=False)
    under_liquidation = models.BooleanField(_("under liquidation"), default=False)
    register_updated_at = models.DateTimeField(
        _("brought in line with Enhetsregisteret"), null=True, blank=True
    )
    gardens = models.ManyToManyField(Garden, through="CompanyGarden", related_name="companies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["municipality"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nace_standard__in=[s.value for s in NaceStandard]),
                name="company_nace_standard_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self._settle_nace_standard()
        super().save(*args, **kwargs)
        self._loaded_nace, self._loaded_nace_standard = self.nace, self.nace_standard

    def get_absolute_url(self) -> str:
        return reverse("companies:detail", args=[self.org_number])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_nace = instance.__dict__.get("nace")
        instance._loaded_nace_standard = instance.__dict__.get("nace_standard")
        return instance

    def _settle_nace_standard(self) -> None:
        """A code changed by hand without its standard is an SN2025 code."""
        loaded = getattr(self, "_loaded_nace", None)
        if (
            loaded is not None
            and self.nace != loaded
            and self.nace_standard == getattr(self, "_loaded_nace_standard", None)
        ):
            self.nace_standard = NaceStandard.SN2025

    def clean_fields(self, exclude=None):
        self._settle_nace_standard()
        exclude = set(exclude or ())
        own_check = "nace" not in exclude and self.nace_standard != NaceStandard.SN2025
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude | {"nace"} if own_check else exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if own_check:
            try:
                validate_industry_code_in(self.nace, self.nace_standard)
            except ValidationError as exc:
                errors.setdefault("nace", []).extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    @property
    def municipality_name(self) -> str:
        return codes.municipality_name(self.municipality)

    @property
    def industry_name(self) -> str:
        return codes.industry_name(self.nace, self.nace_standard)

    @property
    def nace_standard_label(self) -> str:
        return codes.standard_label(self.nace_standard)

    @property
    def industry_sn2025(self) -> list[tuple[str, str]]:
        """For an SN2007 code: its SN2025 partners (code, name) from the correspondence table."""
        if self.nace_standard == NaceStandard.SN2025 or not self.nace:
            return []
        found = codes.equivalents(self.nace, self.nace_standard, codes.SN2025)
        return [(code, codes.industry_name(code)) for code in found]

    @property
    def org_form_name(self) -> str:
        return codes.org_form_name(self.org_form)

    @property
    def address_lines(self) -> list[str]:
        return [line for line in self.address.split("\n") if line]


def industry_q(prefix: str) -> models.Q:
    """Companies whose industry is under an SN2025 code prefix ("62", "62.1", "62.100").

    SN2007 codes match through the correspondence table when one is loaded (never by their
    digits: the two standards number differently).
    """
    mapped = [
        code
        for code, partners in codes.correspondence(codes.SN2007, codes.SN2025).items()
        if any(partner.startswith(prefix) for partner in partners)
    ]
    condition = models.Q(nace_standard=NaceStandard.SN2025, nace__startswith=prefix)
    if mapped:
        condition |= models.Q(nace_standard=NaceStandard.SN2007, nace__in=mapped)
    return condition


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
    # The programme letter (kollegium/programme/letter.py) goes only to contacts who opted in.
    # The last opt-in or opt-out is kept here (when, who recorded it, how it was given); every
    # change is also in the audit log.
    letter_consent = models.BooleanField(_("receives the programme letter"), default=False)
    letter_consent_at = models.DateTimeField(_("consent changed at"), null=True, blank=True)
    letter_consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    letter_consent_how = models.CharField(_("how consent was given"), max_length=200, blank=True)

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


class RegisterEntry(models.Model):
    """What the last import read about one entity of Enhetsregisteret (main unit or sub-unit).

    Kept for every entity an import covered, also those that are no company in Kollegium, so
    staff can fill the company form from it; and the import compares with it to tell what the
    register changed since (see companies/register_merge.py).
    """

    org_number = models.CharField(_("organisation number"), max_length=9, primary_key=True)
    name = models.CharField(_("name"), max_length=300)
    org_form = models.CharField(_("organisation form"), max_length=8, blank=True)
    nace = models.CharField(_("industry code"), max_length=6, blank=True)
    nace_standard = models.CharField(
        _("industry standard"), max_length=8, choices=NaceStandard, default=NaceStandard.SN2025
    )
    municipality = models.CharField(_("municipality"), max_length=4, blank=True)
    address = models.CharField(_("business address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    post_town = models.CharField(_("post town"), max_length=100, blank=True)
    # Null when the register hides the number (0-4 employees); never read that as 0.
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    has_registered_employees = models.BooleanField(null=True, blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    bankrupt = models.BooleanField(_("bankrupt"), default=False)
    under_liquidation = models.BooleanField(_("under liquidation"), default=False)
    forced_dissolution = models.BooleanField(_("under forced dissolution"), default=False)
    parent_org_number = models.CharField(_("parent unit"), max_length=9, blank=True)
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nace_standard__in=[s.value for s in NaceStandard]),
                name="register_entry_nace_standard_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_number} {self.name}"


class RegisterImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    FAILED = "failed", _("Failed")


class RegisterImport(models.Model):
    """One run of ``kollegium import_register``: its file, filters and what it did."""

    file_name = models.CharField(_("file"), max_length=500)
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegisterImportStatus,
        default=RegisterImportStatus.RUNNING,
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("register import")
        verbose_name_plural = _("register imports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in RegisterImportStatus]),
                name="register_import_status_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.file_name} ({self.status})"


class LetterKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    ON_DEMAND = "on_demand", _("Sent by staff")


class LetterDelivery(models.Model):
    """One programme letter sent to one contact: what went out, when, and why.

    The monthly run sends at most one letter per contact and month (the unique constraint makes
    a repeated or overlapping run harmless); letters sent by staff on demand are not limited.
    """

    contact = models.ForeignKey(
        Contact, null=True, on_delete=models.SET_NULL, related_name="letters"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="letters")
    email = models.EmailField(_("e-mail"))
    kind = models.CharField(_("kind"), max_length=10, choices=LetterKind)
    # First day of the month the letter belongs to.
    month = models.DateField(_("month"))
    events = models.JSONField(_("events"), default=list, help_text=_("Event refs in the letter"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("programme letter")
        verbose_name_plural = _("programme letters")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "month"],
                condition=models.Q(kind="monthly"),
                name="letter_delivery_one_monthly_per_contact",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in LetterKind]),
                name="letter_delivery_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.month:%Y-%m} ({self.kind})"
