"""Comments on a method: staff of every garden discuss it, threaded one level."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kollegium.methods.models.methods import Method
from kollegium.network.models import Person


class Comment(models.Model):
    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="comments")
    # A reply points to a top-level comment; the service keeps replies one level deep.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="method_comments"
    )
    text = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")), name="comment_not_own_parent"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
