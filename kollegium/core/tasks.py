from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Send one plain-text e-mail; queued by services with transaction.on_commit.

    ``attachments`` are ``[filename, text content, mimetype]`` triples (task arguments must be
    JSON, so only text attachments such as iCalendar files).
    """
    message = EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None)
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
