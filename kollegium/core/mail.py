from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kollegium.core.tasks import send_email


def queue_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt``/``_body.txt`` now and send once the transaction commits.

    ``attachments``: optional ``(filename, text content, mimetype)`` triples, e.g. an .ics file.
    """
    with translation.override(language or translation.get_language()):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    extra = {"attachments": [list(a) for a in attachments]} if attachments else {}
    transaction.on_commit(lambda: send_email.enqueue(to=[to], subject=subject, body=body, **extra))
