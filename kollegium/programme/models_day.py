"""The event day and after: which participants have been asked for feedback.

Imported at the end of models.py so Django registers the model with the programme app.
"""

from django.db import models

from kollegium.programme.models import Registration


class FeedbackRequest(models.Model):
    """A feedback request sent to one participant (at most one each).

    The unique registration makes the periodic sweep idempotent, also when two sweeps run at
    once: the one that inserts the row sends the e-mail, the other skips it.
    """

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback_request"
    )
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.registration_id} {self.sent_at:%Y-%m-%d %H:%M}"
