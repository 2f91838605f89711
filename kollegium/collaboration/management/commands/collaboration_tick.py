"""``kollegium collaboration_tick``: remind owners of overdue actions, once each.

    */15 * * * * kollegium collaboration_tick

Idempotent: each action is claimed (``reminded_at``) before its e-mail is queued, so a late,
doubled or overlapping run — also from two machines — sends no second reminder.
"""

from django.core.management.base import BaseCommand

from kollegium.collaboration.services import remind_overdue_actions


class Command(BaseCommand):
    help = "E-mail the owner of each overdue open action one reminder."

    def handle(self, *args, **options):
        self.stdout.write(f"action reminders: {remind_overdue_actions()}")
