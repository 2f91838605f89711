"""In-app notifications, per-person delivery settings, and the network's activity feed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.network.models import Garden, Person


class Kind(models.TextChoices):
    """What a notification is about; each kind has its own delivery setting."""

    REFERRAL = "referral", _("Referrals to me")
    ACTION = "action", _("Actions assigned to me")
    METHOD_COMMENT = "method_comment", _("Comments on my methods")
    SESSION_INVITATION = "session_invitation", _("Invitations to work sessions")
    EVENT_SIGNUP = "event_signup", _("Sign-ups to my events")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest")
    OFF = "off", _("Off")


# Without a saved setting: e-mail at once (comments on methods were e-mailed at once before
# notifications existed), except sign-ups, which can be many a day: those come in the digest.
DEFAULT_DELIVERY: dict[str, str] = {
    Kind.REFERRAL: Delivery.IMMEDIATE,
    Kind.ACTION: Delivery.IMMEDIATE,
    Kind.SESSION_INVITATION: Delivery.IMMEDIATE,
    Kind.METHOD_COMMENT: Delivery.IMMEDIATE,
    Kind.EVENT_SIGNUP: Delivery.DIGEST,
}


class Notification(models.Model):
    """One in-app notification. ``delivery`` is the setting that applied when it was made."""

    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery = models.CharField(max_length=20, choices=Delivery, default=Delivery.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the daily digest included it (only for delivery == digest).
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            models.Index(fields=["delivery", "digested_at"], name="notif_digest_pending"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationSetting(models.Model):
    """A person's choice for one kind; absent rows mean DEFAULT_DELIVERY."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notification_settings"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notif_setting_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind} = {self.delivery}"


class DigestLog(models.Model):
    """One digest per person per day: the row makes ``send_digests`` idempotent."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "day"], name="digest_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.day}"


class ActivityKind(models.TextChoices):
    EVENT_PUBLISHED = "event_published", _("Event published")
    METHOD_STAGE = "method_stage", _("Method moved to a new stage")
    METHOD_SHARED = "method_shared", _("Method shared")
    SESSION_MINUTES = "session_minutes", _("Work-session minutes")
    REFERRAL_COMPLETED = "referral_completed", _("Referral completed")


class Activity(models.Model):
    """An item of the network's activity feed.

    Stored as a kind, a title (a name, not a sentence) and parameters, so the sentence is
    rendered in the reader's language at display time. ``gardens`` empty and ``all_staff``
    true: every staff member sees it; otherwise staff of those gardens and the coordinator.
    """

    kind = models.CharField(_("kind"), max_length=30)
    text = models.CharField(_("title"), max_length=500)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    all_staff = models.BooleanField(default=True)
    gardens = models.ManyToManyField(Garden, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.kind}: {self.text}"
