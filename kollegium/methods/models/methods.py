"""Methods and tools, their stage in the lifecycle, versions, files and links."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.network.models import CompetenceArea, Garden, Person


class Stage(models.TextChoices):
    """The lifecycle, in order: innsamling … deling."""

    COLLECTION = "collection", _("Collection")
    SYSTEMATISATION = "systematisation", _("Systematisation")
    DEVELOPMENT = "development", _("Development")
    PILOT = "pilot", _("Testing in practice")
    REFINEMENT = "refinement", _("Further development")
    IMPLEMENTATION = "implementation", _("Implementation")
    SHARED = "shared", _("Shared")


STAGE_ORDER: list[str] = list(Stage.values)


class Kind(models.TextChoices):
    METHOD = "method", _("Method")
    TOOL = "tool", _("Tool")
    TEMPLATE = "template", _("Template")
    CONCEPT = "concept", _("Concept")


class Visibility(models.TextChoices):
    GARDEN = "garden", _("Own garden")
    NETWORK = "network", _("The network")
    PUBLIC = "public", _("Public")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("CC BY 4.0 (attribution)")
    CC_BY_SA = "CC-BY-SA-4.0", _("CC BY-SA 4.0 (attribution, share alike)")
    CC_BY_NC = "CC-BY-NC-4.0", _("CC BY-NC 4.0 (attribution, non-commercial)")
    CC0 = "CC0-1.0", _("CC0 1.0 (public domain)")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def _valid(field: str, choices) -> Q:
    return Q(**{f"{field}__in": [c.value for c in choices]})


class Method(models.Model):
    """A working method or tool of a garden, on its way from first idea to shared."""

    # Stable across installations: a package carries it, so a re-import updates.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ref = models.SlugField(_("reference"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind, default=Kind.METHOD)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(_("description"), max_length=50000, blank=True)
    areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="methods", verbose_name=_("competence areas")
    )
    owner = models.ForeignKey(
        Garden, on_delete=models.PROTECT, related_name="methods", verbose_name=_("owner garden")
    )
    contributors = models.ManyToManyField(
        Person, blank=True, related_name="methods_contributed", verbose_name=_("contributors")
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility, default=Visibility.GARDEN
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence, blank=True, default=Licence.CC_BY
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage, default=Stage.COLLECTION)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    # The first time the method reached "shared": the order of the public feed.
    shared_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # A method imported from another installation's package: its uid there and where it came
    # from (network, garden, licence, version, stage history).
    origin_uid = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    provenance = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["shared_at"])]
        constraints = [
            models.CheckConstraint(condition=_valid("stage", Stage), name="method_stage_valid"),
            models.CheckConstraint(condition=_valid("kind", Kind), name="method_kind_valid"),
            models.CheckConstraint(
                condition=_valid("visibility", Visibility), name="method_visibility_valid"
            ),
            models.CheckConstraint(
                condition=_valid("licence", Licence) | Q(licence=""), name="method_licence_valid"
            ),
            # What the gate into "shared" asks, kept true afterwards too.
            models.CheckConstraint(
                condition=~Q(stage=Stage.SHARED, visibility=Visibility.GARDEN),
                name="method_shared_beyond_garden",
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.SHARED, visibility=Visibility.PUBLIC, licence=""),
                name="method_public_shared_licensed",
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.SHARED) | Q(shared_at__isnull=False),
                name="method_shared_has_date",
            ),
            models.CheckConstraint(
                condition=Q(origin_uid__isnull=True, imported_at__isnull=True)
                | Q(origin_uid__isnull=False, imported_at__isnull=False),
                name="method_imported_consistent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("methods:detail", args=[self.ref])

    def get_public_url(self) -> str:
        return reverse("library:detail", args=[self.ref])

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(self.stage)

    @property
    def is_past_development(self) -> bool:
        """From "pilot" on, every edit of the text is kept as a version."""
        return self.stage_index > STAGE_ORDER.index(Stage.DEVELOPMENT)

    @property
    def is_public(self) -> bool:
        """Shown in the public library, the feed and the open API."""
        return self.visibility == Visibility.PUBLIC and self.stage == Stage.SHARED

    @property
    def is_imported(self) -> bool:
        return self.origin_uid is not None

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")


class MethodLink(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title or self.url


class StageMove(models.Model):
    """One move in the lifecycle: who, when, from, to and why."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="moves")
    # Empty for the first stage a network document import sets.
    from_stage = models.CharField(max_length=20, choices=Stage, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as written, so the history still names people whose account is gone.
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(condition=_valid("to_stage", Stage), name="stage_move_to_valid"),
            models.CheckConstraint(
                condition=_valid("from_stage", Stage) | Q(from_stage=""),
                name="stage_move_from_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method}: {self.from_stage or '–'} → {self.to_stage}"

    @property
    def is_back(self) -> bool:
        if not self.from_stage:
            return False
        return STAGE_ORDER.index(self.to_stage) < STAGE_ORDER.index(self.from_stage)


class MethodVersion(models.Model):
    """The text of a method after one edit (from the pilot stage on)."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The fields this version changed from the one before (empty for the first).
    fields = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["method", "number"], name="method_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="method_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.method} v{self.number}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random folder per file: the stored path says nothing about the method and cannot be
    # guessed, should a web server ever serve the media folder directly. Downloads go through
    # views that check who may see the method.
    return f"methods/{uuid.uuid4().hex}/{filename}"


class Attachment(models.Model):
    """A file of a method. Served by a view that checks who may see the method."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["method", "name"], name="attachment_name_unique")
        ]

    def __str__(self) -> str:
        return self.name
