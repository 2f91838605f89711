"""Files of a method: added after the type and size checks, removed with their stored file."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from kollegium.core.audit import audit
from kollegium.methods.models import Attachment, Method
from kollegium.methods.uploads import CheckedFile, check_file
from kollegium.network import permissions


def store_attachment(method: Method, checked: CheckedFile, person=None) -> Attachment:
    """Save a checked file and its row. Files are not transactional: callers that may still
    fail after this remove ``attachment.file`` themselves (see ``remove_files``)."""
    attachment = Attachment(
        method=method,
        name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        sha256=checked.sha256,
        uploaded_by=person,
    )
    attachment.file.save(checked.name, ContentFile(checked.content), save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def remove_files(attachments: list[Attachment]) -> None:
    """Delete stored files whose rows did not make it into the database."""
    for attachment in attachments:
        attachment.file.storage.delete(attachment.file.name)


@transaction.atomic
def attachment_add(*, actor, method: Method, name: str, content: bytes) -> Attachment:
    """Attach a file (PDF, Office document or image within the size limit) to a method."""
    if not permissions.can_edit_method(actor, method):
        raise PermissionDenied
    checked = check_file(name, content)
    if method.attachments.filter(name=checked.name).exists():
        raise ValidationError(
            {
                "file": _(
                    "The method already has a file named %(name)s. Remove it first, or rename "
                    "the new one."
                )
                % {"name": checked.name}
            }
        )
    attachment = store_attachment(method, checked, permissions.person_of(actor))
    audit(
        actor=actor,
        action="method.attachment_added",
        obj=method,
        ref=method.ref,
        name=attachment.name,
        size=attachment.size,
    )
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment: Attachment) -> None:
    method = attachment.method
    if not permissions.can_edit_method(actor, method):
        raise PermissionDenied
    name, stored, storage = attachment.name, attachment.file.name, attachment.file.storage
    attachment.delete()
    # The stored file goes only once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(stored))
    audit(actor=actor, action="method.attachment_removed", obj=method, ref=method.ref, name=name)
