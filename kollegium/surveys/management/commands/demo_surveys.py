"""Demo customer-satisfaction rounds: last year's survey of each INNOMIDT garden, sent to its
companies and answered by most of them (run after import_network; safe to run again: a garden
that already has last year's round is left as it is)."""

import random

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kollegium.network.models import Person, Role
from kollegium.surveys import services
from kollegium.surveys.models import SurveyRound

ANSWERED = 0.7  # share of invited companies that answer
WELL = [
    "Rask respons og gode koblinger til andre bedrifter i nettverket.",
    "Frokostmøtene gir oss mye påfyll.",
    "Hjelp med søknaden til Innovasjon Norge.",
    "",
]
IMPROVE = [
    "Flere arrangementer på ettermiddagen.",
    "Tettere oppfølging etter første møte.",
    "",
    "",
]


class Command(BaseCommand):
    help = "Add last year's customer-satisfaction round, sent and mostly answered, per garden."

    def handle(self, *args, **options):
        year = timezone.localdate().year - 1
        rng = random.Random(year)  # the same answers every time
        leaders = Person.objects.filter(role=Role.LEADER).select_related("user", "garden")
        made = 0
        for leader in leaders.order_by("garden__slug", "pk"):
            garden = leader.garden
            if SurveyRound.objects.filter(garden=garden, year=year).exists():
                continue
            made += self._round(leader, year, rng)
        self.stdout.write(f"{made} survey round(s) added for {year}")

    @transaction.atomic
    def _round(self, leader: Person, year: int, rng: random.Random) -> int:
        round_ = services.survey_round_create(actor=leader.user, garden=leader.garden, year=year)
        try:
            services.survey_round_send(actor=leader.user, survey_round=round_)
        except ValidationError:  # no company with a contact's e-mail: no round for this garden
            transaction.set_rollback(True)
            return 0
        for invitation in round_.invitations.order_by("company__name", "pk"):
            if rng.random() < ANSWERED:
                services.survey_answer_submit(
                    invitation=invitation,
                    score=rng.choice([6, 7, 8, 8, 9, 9, 9, 10, 10]),
                    did_well=rng.choice(WELL),
                    to_improve=rng.choice(IMPROVE),
                    language="nb",
                )
        return 1
