"""Comments: staff of every garden discuss a method; contributors hear about it by e-mail."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kollegium.core.models import AuditEntry
from kollegium.methods.models import Comment
from kollegium.methods.services import comment_add


def test_staff_of_another_garden_comment_and_the_contributors_get_an_email(
    charlie, alice, bob, method_a, django_capture_on_commit_callbacks
):
    method_a.contributors.add(bob)

    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(actor=charlie.user, method=method_a, text="Vi prøvde dette i Røros!")

    assert Comment.objects.get().author == charlie
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@orkdal.example", "bob@orkdal.example"]
    message = mail.outbox[0]
    assert "Frokostmøte for nye bedrifter" in message.subject
    assert "Charlie Dahl" in message.body and "Vi prøvde dette i Røros!" in message.body
    assert f"/methods/frokostmote/#comment-{comment.pk}" in message.body
    assert AuditEntry.objects.get(action="method.commented").object_id == str(comment.pk)


def test_the_author_gets_no_email_about_their_own_comment(
    alice, method_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(actor=alice.user, method=method_a, text="Husk kaffe")

    assert mail.outbox == []


def test_a_reply_to_a_reply_joins_the_top_thread_and_tells_the_parent_author(
    alice, charlie, diana, method_a, django_capture_on_commit_callbacks
):
    top = comment_add(actor=charlie.user, method=method_a, text="Spørsmål")
    reply = comment_add(actor=alice.user, method=method_a, text="Svar", parent=top)

    with django_capture_on_commit_callbacks(execute=True):
        deeper = comment_add(actor=diana.user, method=method_a, text="Tillegg", parent=reply)

    assert reply.parent == top and deeper.parent == top
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alice@orkdal.example",
        "charlie@roros.example",
    ]


def test_a_private_method_of_another_garden_cannot_be_discussed(alice, private_b):
    with pytest.raises(PermissionDenied):
        comment_add(actor=alice.user, method=private_b, text="Hei")
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(alice, method_a):
    with pytest.raises(ValidationError) as exc_info:
        comment_add(actor=alice.user, method=method_a, text="   ")
    assert "text" in exc_info.value.message_dict


def test_a_reply_must_answer_a_comment_of_the_same_method(alice, method_a, method_b):
    other = comment_add(actor=alice.user, method=method_b, text="Annen metode")

    with pytest.raises(ValidationError):
        comment_add(actor=alice.user, method=method_a, text="Svar", parent=other)
