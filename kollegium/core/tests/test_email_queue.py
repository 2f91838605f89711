"""E-mail leaves through the database task queue and the ``db_worker`` that ``bin/run`` starts."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from kollegium.core.mail import queue_email
from kollegium.network.services import person_invite


# The worker closes its database connection when done, as a long-running process should;
# only a test without a wrapping transaction survives that (PostgreSQL reconnects).
@pytest.mark.django_db(transaction=True)
def test_it_queues_the_email_and_the_worker_sends_it(
    settings, bob, garden_a, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        person_invite(actor=bob.user, garden=garden_a, email="ny@orkdal.example", name="Nora Ny")

    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert [m.to for m in mail.outbox] == [["ny@orkdal.example"]]
    assert "Nora Ny" in mail.outbox[0].body
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_it_sends_nothing_when_the_transaction_rolls_back(
    settings, db, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_email(to="x@example.no", template="network/email/invitation", context={"name": "X"})
    # The e-mail waits for the commit; a rollback discards the callback with it.
    assert len(callbacks) == 1
    assert not DBTaskResult.objects.exists()
