"""``kollegium programme_tick``: the programme's periodic sweep; run it every few minutes.

    */5 * * * * kollegium programme_tick

Every part is idempotent and safe to run from several machines at once (see tick_signup.py
and tick_day.py), so a late, doubled or overlapping run does no harm.
"""

from django.core.management.base import BaseCommand

from kollegium.programme.tick_day import tick_day
from kollegium.programme.tick_signup import tick_signup

# Sign-up first: an offer that expires now frees a place before the day's sweeps run.
SWEEPS = (tick_signup, tick_day)


class Command(BaseCommand):
    help = "Expire offers, fill waitlists, send reminders and feedback requests, anonymise."

    def handle(self, *args, **options):
        for sweep in SWEEPS:
            for name, count in sweep().items():
                self.stdout.write(f"{name}: {count}")
