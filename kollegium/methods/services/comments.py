"""The discussion of a method: comments and replies, with an e-mail to its contributors."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.methods.models import Comment, Method
from kollegium.network import permissions
from kollegium.network.models import Person
from kollegium.notifications.services import notify


def _recipients(method: Method, comment: Comment) -> list[Person]:
    """Contributors (and the author of the comment replied to) who can see the method,
    except the one who wrote the comment."""
    people = list(method.contributors.select_related("user", "garden"))
    if comment.parent is not None and comment.parent.author is not None:
        people.append(comment.parent.author)
    found: dict[int, Person] = {}
    for person in people:
        if person.pk == comment.author_id or not person.user.is_active:
            continue
        # The person is at hand: spare permissions.person_of a query per recipient.
        permissions.remember_person(person.user, person)
        if permissions.can_see_method(person.user, method):
            found[person.pk] = person
    return list(found.values())


@transaction.atomic
def comment_add(*, actor, method: Method, text: str, parent: Comment | None = None) -> Comment:
    """Comment on a method, or reply to a comment (staff of every garden who can see it).

    Replies stay one level deep: a reply to a reply joins the thread of its top comment.
    The method's contributors get an e-mail once the comment is saved.
    """
    if not permissions.can_discuss_method(actor, method):
        raise PermissionDenied
    if parent is not None:
        if parent.method_id != method.pk:
            raise ValidationError({"parent": _("That comment belongs to another method.")})
        parent = parent.parent or parent
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a comment.")})
    author = permissions.person_of(actor)
    comment = Comment(method=method, parent=parent, author=author, text=text)
    comment.full_clean()
    comment.save()
    audit(
        actor=actor,
        action="method.commented",
        obj=comment,
        ref=method.ref,
        reply_to=parent.pk if parent else None,
    )
    url = (
        settings.SITE_URL + reverse("methods:detail", args=[method.ref]) + f"#comment-{comment.pk}"
    )
    author_name = author.name if author else _("The operator")
    for person in _recipients(method, comment):
        # In-app, and by e-mail at once / in the digest / not, per the person's setting.
        notify(
            recipient=person,
            kind="method_comment",
            text=_("%(name)s commented on the method “%(title)s”")
            % {"name": author_name, "title": method.title},
            url=reverse("methods:detail", args=[method.ref]) + f"#comment-{comment.pk}",
            actor=actor,
            email_template="methods/email/comment",
            email_context={
                "method": method,
                "comment": comment,
                "author_name": author_name,
                "recipient": person,
                "url": url,
            },
        )
    return comment
