from django.core.management.base import BaseCommand

from kollegium.notifications.services import send_digests


class Command(BaseCommand):
    help = "E-mail today's notification digests (once per person and day; safe to rerun)."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest(s) queued")
