"""Collaboration projects, work sessions (arbeidsøkter) with agenda, minutes, decisions and
the action items that follow them up."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.network.models import Garden, Person


def _valid(field: str, choices) -> Q:
    return Q(**{f"{field}__in": [c.value for c in choices]})


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class Project(models.Model):
    """A shared project of several gardens (INNOMIDT itself is one)."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    goals = models.TextField(_("goals"), max_length=10000, blank=True)
    gardens = models.ManyToManyField(
        Garden, related_name="projects", verbose_name=_("participating gardens")
    )
    leader = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects_led",
        verbose_name=_("project leader"),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    funding_note = models.TextField(_("funding"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus, default=ProjectStatus.PLANNED
    )
    events = models.ManyToManyField(
        "programme.Event", blank=True, related_name="projects", verbose_name=_("events")
    )
    methods = models.ManyToManyField(
        "methods.Method", blank=True, related_name="projects", verbose_name=_("methods")
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=_valid("status", ProjectStatus), name="project_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collaboration:project", args=[self.slug])


class ProjectLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title or self.url


def project_file_path(instance: "ProjectFile", filename: str) -> str:
    # A random folder per file, as for methods: downloads go through a view that checks access.
    return f"projects/{uuid.uuid4().hex}/{filename}"


class ProjectFile(models.Model):
    """A file of a project. Served by a view that checks who may see the project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=project_file_path, max_length=300)
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
            models.UniqueConstraint(fields=["project", "name"], name="project_file_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class WorkSession(models.Model):
    """A work session (arbeidsøkt) of a project, or standing alone."""

    project = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), max_length=4000, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus, default=SessionStatus.PLANNED
    )
    organiser = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_organised",
        verbose_name=_("organiser"),
    )
    # The summary e-mail goes out once; these record when and by whom.
    summary_sent_at = models.DateTimeField(null=True, blank=True)
    summary_sent_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "pk"]
        verbose_name = _("work session")
        verbose_name_plural = _("work sessions")
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=_valid("status", SessionStatus), name="work_session_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="work_session_ends_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collaboration:session", args=[self.pk])


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered")
    COMING = "coming", _("Coming")
    NOT_COMING = "not_coming", _("Not coming")


class Invitation(models.Model):
    """A staff member invited to a work session, with their own answer."""

    session = models.ForeignKey(WorkSession, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer, default=Answer.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person__user__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="invitation_unique"),
            models.CheckConstraint(condition=_valid("answer", Answer), name="invitation_answer"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.session}"


class AgendaItem(models.Model):
    """One point of a session's agenda, in order, with its minutes (referat)."""

    session = models.ForeignKey(WorkSession, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("responsible"),
    )
    minutes_allotted = models.PositiveSmallIntegerField(
        _("minutes allotted"), null=True, blank=True
    )
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    session = models.ForeignKey(WorkSession, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActionItem(models.Model):
    """A follow-up action: what, who, by when. From a work session, or from a project."""

    session = models.ForeignKey(
        WorkSession, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    what = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="actions", verbose_name=_("responsible")
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    # The one reminder an overdue action gets (collaboration_tick).
    reminded_at = models.DateTimeField(null=True, blank=True)
    method = models.ForeignKey(
        "methods.Method",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("method"),
    )
    event = models.ForeignKey(
        "programme.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        verbose_name=_("event"),
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=_valid("status", ActionStatus), name="action_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.DONE, done_at__isnull=False)
                | (~Q(status=ActionStatus.DONE) & Q(done_at__isnull=True)),
                name="action_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(session__isnull=False) | Q(project__isnull=False),
                name="action_has_session_or_project",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    def get_absolute_url(self) -> str:
        return reverse("collaboration:action_edit", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == ActionStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        """Open and past its due date (a local date in Europe/Oslo)."""
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()
