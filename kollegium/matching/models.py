"""The search index (one row per searchable object), its change log, and the synonym list."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocKind(models.TextChoices):
    PERSON = "person", _("Person")
    EVENT = "event", _("Event")
    METHOD = "method", _("Method")
    COMPANY = "company", _("Company")
    NEED = "need", _("Need")


class SearchDocument(models.Model):
    """One searchable object, analysed: its weighted terms and what permission checks need.

    ``terms`` maps a stem to its field-weighted frequency; ``fields`` keeps the plain text per
    field for reasons and highlighted excerpts; ``garden_ids`` are the gardens it belongs to
    (a person's garden, an event's hosts, a method's owner, the gardens serving a company).
    """

    kind = models.CharField(max_length=10, choices=DocKind)
    object_id = models.PositiveBigIntegerField()
    key = models.CharField(max_length=254)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    garden_ids = models.JSONField(default=list)
    # person: "staff"; event: its status; method: its visibility; need: "shared" or "garden".
    audience = models.CharField(max_length=20, blank=True)
    # Events: when they start (match takes upcoming ones only); methods: stage "shared" or not.
    starts_at = models.DateTimeField(null=True, blank=True)
    shared = models.BooleanField(default=False)
    terms = models.JSONField(default=dict)
    length = models.PositiveIntegerField(default=0)
    fields = models.JSONField(default=dict)
    # Not auto_now: ``kollegium generate`` switches auto_now off while it runs.
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocKind.values), name="search_document_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class IndexChange(models.Model):
    """A document written or removed; processes replay these onto their in-memory index."""

    kind = models.CharField(max_length=10, choices=DocKind)
    object_id = models.PositiveBigIntegerField()
    # The generation this change produced: a process checks it to trust its own history.
    generation = models.CharField(max_length=32)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} ({self.generation})"


class IndexState(models.Model):
    """One row (pk=1): the current generation of the index, changed by every index write."""

    generation = models.CharField(max_length=32)
    rebuilt_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.generation


class Synonym(models.Model):
    """A group of words or phrases that mean the same in a need ("regnskap, bokføring")."""

    terms = models.CharField(
        _("words and phrases"),
        max_length=500,
        help_text=_("Separate with commas, e.g. “e-handel, nettbutikk, netthandel”."),
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]
