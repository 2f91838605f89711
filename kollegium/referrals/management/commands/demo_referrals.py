"""Demo referrals between the four INNOMIDT gardens (run after import_network and
demo_activity; safe to run again: a referral already made is left as it is)."""

import datetime
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kollegium.companies.models import Need
from kollegium.network.models import Person
from kollegium.notifications.models import Activity
from kollegium.referrals import services
from kollegium.referrals.models import Referral

# (asker, company, need starts with, asked, days ago, what happened next)
DEMO = [
    (
        "knut.asheim@orkdalsregionen.example",
        "958852274",
        "Trenger hjelp med søknad om SkatteFUNN",
        "hanne.morreaunet@trondersk-kystkompetanse.example",
        40,
        {
            "accept": True,
            "messages": [
                ("hanne", "Jeg har skrevet fem SkatteFUNN-søknader for Frøya-bedrifter. Ring meg!"),
                ("knut", "Takk! Jeg setter dere i kontakt med daglig leder."),
            ],
            "outcome": (True, "Søknaden ble sendt inn og godkjent.", Decimal("3.0"), ""),
        },
    ),
    (
        "even.lokken@nasjonalparken.example",
        "924168803",
        "Vil redusere energibruken",
        "marius.strand@trondersk-kystkompetanse.example",
        30,
        {
            "accept": True,
            "outcome": (True, "Enkel klimaplan på plass etter to møter.", Decimal("5.5"), ""),
        },
    ),
    (
        "lene.fossum@orkdalsregionen.example",
        "925037400",
        "Ønsker å starte nettbutikk",
        "guro.stavne@nasjonalparken.example",
        21,
        {
            "accept": True,
            "outcome": (
                False,
                "Gode råd, men bakeriet trenger en leverandør nærmere Orkanger.",
                Decimal("1.0"),
                "in_progress",
            ),
        },
    ),
    (
        "mari.flaten@rorosregionen.example",
        "961052270",
        "Vurderer eksport av ost til Sverige",
        "lene.fossum@orkdalsregionen.example",
        9,
        {
            "accept": True,
            "messages": [("lene", "Jeg kjenner tollreglene for meieriprodukter. Møte neste uke?")],
        },
    ),
    (
        "silje.kvernmo@trondersk-kystkompetanse.example",
        "984436823",
        "Vil starte eksport av levende krabbe",
        "knut.asheim@orkdalsregionen.example",
        6,
        {"accept": False, "reason": "Jeg kjenner ikke det asiatiske markedet godt nok."},
    ),
    (
        "anders.mjoen@nasjonalparken.example",
        "930517887",
        "Trenger hjelp til merkevare",
        "jorgen.kojedal@rorosregionen.example",
        2,
        {},
    ),
]


class Command(BaseCommand):
    help = "Add demo referrals between the INNOMIDT gardens (idempotent)."

    def handle(self, *args, **options):
        people = {p.email: p for p in Person.objects.select_related("user", "garden")}
        made = 0
        for asker_email, org, need_start, asked_email, days_ago, then in DEMO:
            asker, asked = people.get(asker_email), people.get(asked_email)
            need = Need.objects.filter(company__org_number=org, text__startswith=need_start).first()
            if asker is None or asked is None or need is None:
                self.stderr.write(f"skipped (not in this network): {org} {need_start}")
                continue
            if Referral.objects.filter(need=need, to_person=asked).exists():
                continue
            self._play(asker, asked, need, days_ago, then)
            made += 1
        self.stdout.write(f"{made} demo referral(s) added")

    @transaction.atomic
    def _play(self, asker, asked, need, days_ago, then) -> None:
        by_name = {
            asker.user.get_short_name().lower(): asker,
            asked.user.get_short_name().lower(): asked,
        }
        [referral] = services.referral_create(
            actor=asker.user,
            need=need,
            to_people=[asked],
            message=f"Hei! {need.company.name}: {need.text} Har du erfaring med dette?",
        )
        if "accept" in then:
            services.referral_answer(
                actor=asked.user,
                referral=referral,
                accept=then["accept"],
                reason=then.get("reason", ""),
            )
        for who, text in then.get("messages", []):
            services.message_add(actor=by_name[who].user, referral=referral, text=text)
        if "outcome" in then:
            helped, note, hours, status = then["outcome"]
            services.referral_complete(
                actor=asked.user,
                referral=referral,
                helped=helped,
                note=note,
                hours_spent=hours,
                need_status=status,
            )
        # Spread the story over the past weeks, so lists and indicators look lived in.
        asked_at = timezone.now() - datetime.timedelta(days=days_ago)
        referral.refresh_from_db()
        Referral.objects.filter(pk=referral.pk).update(
            created_at=asked_at,
            answered_at=referral.answered_at and asked_at + datetime.timedelta(days=1),
            completed_at=referral.completed_at and asked_at + datetime.timedelta(days=8),
        )
        Activity.objects.filter(url=referral.get_absolute_url()).update(
            created_at=asked_at + datetime.timedelta(days=8)
        )
