"""Sign-up bookkeeping: rate-limit counts and e-mails sent once (reminders).

Imported at the end of models.py so Django registers the models with the programme app.
"""

from django.db import models

from kollegium.programme.models import Registration


class SignupAttempt(models.Model):
    """One public sign-up attempt (or company look-up) from a client address.

    Counted in the database, not in process memory, so every web worker and server shares the
    same limit (``KOLLEGIUM_SIGNUP_RATE_LIMIT``). ``programme_tick`` deletes old rows.
    """

    at = models.DateTimeField(auto_now_add=True)
    # "signup:<address>" or "lookup:<address>": the look-up has its own, larger allowance.
    key = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["key", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.key}"


class RegistrationNotice(models.Model):
    """An e-mail that must go out at most once per registration and event time (reminders).

    The unique row makes the scheduled task and the periodic sweep idempotent, also when both
    run at once: the one that inserts the row sends the e-mail, the other skips it. The event's
    start is part of the key, so a moved event gets a new reminder.
    """

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20)
    event_starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "event_starts_at"], name="registration_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.registration_id}"
