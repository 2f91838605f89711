"""The competence programme: events, their hosts, questions, registrations and feedback."""

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.companies.models import Company
from kollegium.network.models import CompetenceArea, Garden, Person


class Format(models.TextChoices):
    BREAKFAST = "breakfast", _("Breakfast meeting")
    WORKSHOP = "workshop", _("Workshop")
    FORUM = "forum", _("KompetanseForum")
    WEBINAR = "webinar", _("Webinar")
    COURSE = "course", _("Course")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class WaitlistMode(models.TextChoices):
    # A freed place goes straight to the first in line ...
    PROMOTE = "promote", _("Promote the first on the waitlist at once")
    # ... or the first in line gets an offer to confirm within offer_hours.
    OFFER = "offer", _("Offer the place, to be confirmed within a time limit")


class Event(models.Model):
    ref = models.SlugField(_("reference"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=12, choices=Format)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    hosts = models.ManyToManyField(
        Garden, through="EventHost", related_name="hosted_events", verbose_name=_("hosts")
    )
    areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="events", verbose_name=_("competence areas")
    )
    speakers = models.ManyToManyField(
        Person, blank=True, related_name="speaking_at", verbose_name=_("speakers")
    )
    external_speakers = models.CharField(
        _("external speakers"), max_length=500, blank=True, help_text=_("Separate with commas.")
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus, default=EventStatus.DRAFT
    )
    has_waitlist = models.BooleanField(_("waitlist when full"), default=True)
    waitlist_mode = models.CharField(
        _("when a place frees"), max_length=10, choices=WaitlistMode, default=WaitlistMode.PROMOTE
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm an offered place"), default=24, validators=[MinValueValidator(1)]
    )
    network_priority = models.BooleanField(
        _("network companies first on the waitlist"), default=False
    )
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            # The upcoming programme (not yet ended): a range, not a scan of every event.
            models.Index(fields=["status", "ends_at"], name="event_status_ends_at"),
            # The first and the last event (the semesters of the programme's filter).
            models.Index(fields=["starts_at"], name="event_starts_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(format__in=Format.values), name="event_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values), name="event_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(waitlist_mode__in=WaitlistMode.values), name="event_waitlist_mode_valid"
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True)
                | Q(registration_closes__isnull=True)
                | Q(registration_closes__gte=F("registration_opens")),
                name="event_registration_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:event", args=[self.ref])

    # Without a window, registration is open from now until the event starts.
    @property
    def registration_closes_at(self):
        """When sign-up closes: the moment set, else when the event starts."""
        return self.registration_closes or self.starts_at

    def registration_is_open(self, now=None) -> bool:
        """Published, the window has opened and not closed yet."""
        now = now or timezone.now()
        opened = self.registration_opens is None or self.registration_opens <= now
        return self.status == EventStatus.PUBLISHED and opened and now < self.registration_closes_at

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_on_site(self) -> bool:
        return bool(self.venue or self.address)

    @property
    def external_speaker_list(self) -> list[str]:
        return [name.strip() for name in self.external_speakers.split(",") if name.strip()]


class EventHost(models.Model):
    """A garden hosting an event; co-hosts may reserve places for their own companies."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="host_links")
    garden = models.ForeignKey(Garden, on_delete=models.PROTECT, related_name="event_links")
    reserved_places = models.PositiveIntegerField(_("reserved places"), default=0)
    reserved_until = models.DateTimeField(_("reserved until"), null=True, blank=True)

    class Meta:
        ordering = ["garden__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "garden"], name="event_host_unique")
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.garden}"


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short text")
    CHOICE = "choice", _("Choice")


class Question(models.Model):
    """An extra sign-up question of an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind, default=QuestionKind.TEXT
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values), name="question_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.label


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Offered a place")
    CANCELLED = "cancelled", _("Cancelled")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """One participant's place (or place in line) at one event.

    Personal data (name, e-mail, phone, answers) is blanked by anonymisation; the row, its
    status, attendance and company stay so counts and feedback survive.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    company_name = models.CharField(_("company"), max_length=200, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(max_length=5, default="nb")
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus)
    # Waitlist order: earlier first (with network priority applied at query time).
    queued_at = models.DateTimeField(_("in line since"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # The garden whose reserved share this place uses, if any.
    reserved_for = models.ForeignKey(
        Garden, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    walk_in = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "status", "queued_at"]),
            # Covers the indicator report's counts per event (indicators/groups/programme.py),
            # so they read the index alone, not 400,000 rows, at national scale.
            models.Index(
                fields=["event", "status", "attended", "walk_in", "company"],
                name="registration_report_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_valid"
            ),
            # One live place per e-mail and event (a cancelled one may be renewed).
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & Q(anonymised_at__isnull=True),
                name="registration_one_live_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("programme:registration", args=[self.token])


class Feedback(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.TextField(_("what was useful"), blank=True, max_length=2000)
    improve = models.TextField(_("what to improve"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 – {self.registration.event}"


from kollegium.programme.models_day import FeedbackRequest  # noqa: E402, F401
from kollegium.programme.models_signup import RegistrationNotice, SignupAttempt  # noqa: E402, F401
