"""``kollegium send_programme_letters``: this month's programme letter; run it from cron.

    0 7 1 * * kollegium send_programme_letters

Each consenting contact gets at most one monthly letter per month (recorded in LetterDelivery),
so a repeated or late run, or one on several machines, sends nothing twice. Running it daily
instead also reaches contacts who opt in during the month.
"""

from django.core.management.base import BaseCommand

from kollegium.programme.services.letter import letters_send_monthly


class Command(BaseCommand):
    help = "Send this month's programme letter to every consenting contact who has not had it."

    def handle(self, *args, **options):
        for name, count in letters_send_monthly().items():
            self.stdout.write(f"{name}: {count}")
