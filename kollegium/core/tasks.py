from django.core.mail import EmailMessage
from django_tasks import task


@task()
def send_email(
    *, to: list[str], subject: str, body: str, reply_to: list[str] | None = None
) -> None:
    """Send one plain-text e-mail; queued by services with transaction.on_commit."""
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None).send()
