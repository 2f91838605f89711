"""``kollegium anonymise_registrations``: blank participants' personal data of events that
ended more than KOLLEGIUM_ANONYMISE_AFTER_MONTHS months ago (``programme_tick`` does it too)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from kollegium.programme.models import Registration
from kollegium.programme.services.privacy import (
    anonymise_cutoff,
    events_due_for_anonymising,
    registrations_anonymise,
)


class Command(BaseCommand):
    help = (
        "Anonymise participants of events that ended more than "
        "KOLLEGIUM_ANONYMISE_AFTER_MONTHS months ago (counts and feedback stay)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many registrations would be anonymised.",
        )

    def handle(self, *args, dry_run: bool = False, **options):
        cutoff = anonymise_cutoff()
        if dry_run:
            count = Registration.objects.filter(
                event__in=events_due_for_anonymising(), anonymised_at__isnull=True
            ).count()
            verb = "would be"
        else:
            count = registrations_anonymise()
            verb = "were"
        self.stdout.write(
            f"{count} registration(s) {verb} anonymised (events that ended before "
            f"{cutoff:%Y-%m-%d}, {settings.ANONYMISE_AFTER_MONTHS} months ago)."
        )
