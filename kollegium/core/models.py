from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One state change, written by the service that made it. Action codes are stable."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"


class LoginFailure(models.Model):
    """A failed sign-in; recent rows throttle further attempts (shared by all processes)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.email}"


class CodeKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipalities")
    COUNTY = "county", _("Counties")
    INDUSTRY = "industry", _("Industry classification")
    ORG_FORM = "org_form", _("Organisation forms")


class CodeList(models.Model):
    """One version of an official code list, e.g. "kommune-2024" or "sn2025".

    Shipped lists are seeded by a data migration; an operator loads a newer one with
    ``kollegium load_codes``. Of the lists of one kind, the one with the latest ``valid_from``
    (not in the future) is current.
    """

    standard = models.SlugField(_("standard"), max_length=32, primary_key=True)
    kind = models.CharField(_("kind"), max_length=16, choices=CodeKind)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    # Changed by every load; the code-list cache of each process compares these.
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        ordering = ["kind", "-valid_from", "standard"]
        verbose_name = _("code list")
        verbose_name_plural = _("code lists")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[k.value for k in CodeKind]), name="codelist_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.standard


class Code(models.Model):
    """One code of a code list, with its parent in the list's hierarchy (industry codes)."""

    standard = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("name"), max_length=300)
    parent = models.CharField(_("parent code"), max_length=12, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=1)

    class Meta:
        ordering = ["standard", "code"]
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="code_unique_in_standard")
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.code} {self.name}"


class CodeCorrespondence(models.Model):
    """One pair of a correspondence table between two lists, e.g. SN2007 56.101 - SN2025 56.110.

    A code may have several partners (SSB splits and merges codes), so a pair is the unit.
    """

    source = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="+")
    source_code = models.CharField(max_length=12)
    target = models.ForeignKey(CodeList, on_delete=models.CASCADE, related_name="+")
    target_code = models.CharField(max_length=12)

    class Meta:
        verbose_name = _("code correspondence")
        verbose_name_plural = _("code correspondences")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_code", "target", "target_code"],
                name="code_correspondence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.source_code} -> {self.target_id} {self.target_code}"


class TableVersion(models.Model):
    """How often a table has changed: bumped once per committed transaction that wrote to it
    (core/freshness.py), so rendered fragments keyed by these numbers are never stale."""

    name = models.CharField(max_length=100, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
