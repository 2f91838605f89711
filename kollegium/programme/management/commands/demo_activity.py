"""Give the demo programme its participants: registrations, waitlists, attendance, feedback.

The network document cannot hold registrations (they are personal data), so after
``import_network demo/innomidt.json`` this command fills the imported events the same way
every time: a seeded random generator per event ref. Small events (25 places or fewer) fill
up and get a waitlist; past events get attendance, a few walk-ins and cancellations, and
feedback from most of those who came. Events that already have registrations are left alone,
so running it twice changes nothing.
"""

import datetime
import random
from dataclasses import dataclass

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kollegium.companies.models import Company
from kollegium.core.audit import audit
from kollegium.network.models import NetworkSettings
from kollegium.programme.models import (
    Event,
    EventStatus,
    Feedback,
    Registration,
    RegistrationStatus,
)
from kollegium.programme.models_day import FeedbackRequest

FIRST_NAMES = (
    *("Anne", "Bjørn", "Camilla", "Daniel", "Eli", "Frode", "Gunn", "Håkon", "Ida", "Jon"),
    *("Kari", "Lars", "Marit", "Nils", "Oda", "Per", "Randi", "Sindre", "Tone", "Ulrik"),
    *("Vigdis", "Øystein", "Åse", "Erlend", "Hilde", "Magnus", "Solveig", "Torstein"),
)
LAST_NAMES = (
    *("Aune", "Berg", "Dahl", "Eggen", "Fossum", "Garberg", "Haugen", "Jenssen", "Kvam"),
    *("Lund", "Moe", "Nygård", "Opdahl", "Rian", "Sæther", "Strand", "Tangen", "Vold"),
    *("Ørnes", "Ålmo", "Hoff", "Krogstad", "Løvseth", "Brekken"),
)
USEFUL = (
    "Konkrete eksempler fra bedrifter som ligner vår.",
    "Fikk tips om virkemidler jeg ikke kjente til.",
    "Godt å møte andre bedrifter fra de andre hagene.",
    "Praktiske verktøy jeg kan bruke med en gang.",
    "Innlederen kjente bransjen godt.",
    "",
)
IMPROVE = (
    "Litt mer tid til spørsmål.",
    "Send presentasjonen på forhånd.",
    "Kunne vært kortere.",
    "",
    "",
)
# Ratings as often as a real programme gets them: mostly good, now and then not.
RATINGS = (5, 5, 5, 4, 4, 4, 4, 3, 3, 2)
ATTENDANCE = 0.82
FEEDBACK_SHARE = 0.6
FULL_AT_MOST = 25


@dataclass
class Totals:
    events: int = 0
    registrations: int = 0
    waitlisted: int = 0
    attended: int = 0
    feedback: int = 0


def _email_domain(company: Company | None, rng: random.Random) -> str:
    if company is None:
        return rng.choice(("gmail.example", "online.example", "epost.example"))
    if company.website:
        return company.website.split("//")[-1].removeprefix("www.").strip("/")
    return "".join(c for c in company.name.lower() if c.isalnum()) + ".example"


def _ascii(text: str) -> str:
    return text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")


class Filler:
    """The participants of one event, drawn from one seeded generator."""

    def __init__(self, event: Event, companies: list, host_ids: set[int], now) -> None:
        self.event = event
        self.rng = random.Random(f"kollegium-demo:{event.ref}")
        self.now = now
        self.past = event.ends_at < now
        self.own = [c for c in companies if c.garden_ids & host_ids]
        self.other = [c for c in companies if not c.garden_ids & host_ids]
        self.emails: set[str] = set()

    def size(self) -> tuple[int, int]:
        """(confirmed, waitlisted) for this event."""
        capacity = self.event.capacity
        if capacity is None:
            return self.rng.randint(12, 34), 0
        if capacity <= FULL_AT_MOST:
            waitlist = self.rng.randint(2, 5) if self.event.has_waitlist else 0
            return capacity, waitlist
        return round(capacity * self.rng.uniform(0.45, 0.85)), 0

    def person(self, number: int, status: str) -> Registration:
        # Two in three from the hosts' own companies, some from the other gardens' (the
        # cross-garden reach), a few from outside the network.
        roll = self.rng.random()
        pool = self.own if roll < 0.62 else self.other if roll < 0.9 else []
        company = self.rng.choice(pool) if pool else None
        while True:
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            email = f"{_ascii(first)}.{_ascii(last)}@{_email_domain(company, self.rng)}"
            if email not in self.emails:
                break
        self.emails.add(email)
        signed_up = self.event.starts_at - datetime.timedelta(days=20 - number * 0.3)
        return Registration(
            event=self.event,
            name=f"{first} {last}",
            email=email,
            phone=f"+47 9{self.rng.randint(1000000, 9999999)}" if self.rng.random() < 0.5 else "",
            company=company,
            company_name="" if company else self.rng.choice(("", "Enkeltpersonforetak")),
            language="en" if self.rng.random() < 0.05 else "nb",
            status=status,
            queued_at=signed_up if status == RegistrationStatus.WAITLISTED else None,
            consent_at=min(signed_up, self.now),
        )

    def registrations(self) -> list[Registration]:
        confirmed, waitlisted = self.size()
        rows = [self.person(n, RegistrationStatus.CONFIRMED) for n in range(confirmed)]
        rows += [
            self.person(confirmed + n, RegistrationStatus.WAITLISTED) for n in range(waitlisted)
        ]
        if self.past or self.event.status == EventStatus.CANCELLED:
            for _n in range(self.rng.randint(0, 2)):
                rows.append(self.person(len(rows), RegistrationStatus.CANCELLED))
        if self.past:
            self._attend(rows)
        return rows

    def _attend(self, rows: list[Registration]) -> None:
        for row in rows:
            if row.status == RegistrationStatus.CONFIRMED and self.rng.random() < ATTENDANCE:
                row.attended = True
                minutes = self.rng.randint(-15, 10)
                row.checked_in_at = self.event.starts_at + datetime.timedelta(minutes=minutes)
        for _n in range(self.rng.randint(0, 2)):
            walk_in = self.person(len(rows), RegistrationStatus.CONFIRMED)
            walk_in.attended = walk_in.walk_in = True
            walk_in.checked_in_at = self.event.starts_at + datetime.timedelta(minutes=5)
            walk_in.consent_at = walk_in.checked_in_at
            rows.append(walk_in)

    def feedback(self, registration: Registration) -> Feedback | None:
        if self.rng.random() >= FEEDBACK_SHARE:
            return None
        return Feedback(
            registration=registration,
            rating=self.rng.choice(RATINGS),
            useful=self.rng.choice(USEFUL),
            improve=self.rng.choice(IMPROVE),
        )


def _companies() -> list[Company]:
    companies = list(Company.objects.prefetch_related("relations").order_by("org_number"))
    for company in companies:
        company.garden_ids = {r.garden_id for r in company.relations.all()}
    return companies


@transaction.atomic
def add_demo_activity(now=None) -> Totals:
    """Fill every published or cancelled event without registrations; return the counts."""
    now = now or timezone.now()
    companies = _companies()
    events = (
        Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .exclude(registrations__isnull=False)
        .prefetch_related("host_links")
        .order_by("ref")
    )
    totals = Totals()
    for event in events:
        filler = Filler(event, companies, {h.garden_id for h in event.host_links.all()}, now)
        rows = Registration.objects.bulk_create(filler.registrations())
        totals.events += 1
        totals.registrations += len(rows)
        totals.waitlisted += sum(r.status == RegistrationStatus.WAITLISTED for r in rows)
        attended = [r for r in rows if r.attended]
        totals.attended += len(attended)
        if filler.past and event.status == EventStatus.PUBLISHED:
            sent = event.ends_at + datetime.timedelta(hours=2)
            FeedbackRequest.objects.bulk_create(
                FeedbackRequest(registration=r, sent_at=sent) for r in attended
            )
            answers = [f for f in (filler.feedback(r) for r in attended) if f is not None]
            totals.feedback += len(Feedback.objects.bulk_create(answers))
    if totals.events:
        audit(
            actor=None,
            action="programme.demo_activity_added",
            obj=NetworkSettings.load(),
            **vars(totals),
        )
    return totals


class Command(BaseCommand):
    help = (
        "Add demo registrations, waitlists, attendance and feedback to the imported demo "
        "programme (deterministic; events that already have registrations are skipped)."
    )

    def handle(self, *args, **options):
        totals = add_demo_activity()
        self.stdout.write(
            f"{totals.events} events filled: {totals.registrations} registrations "
            f"({totals.waitlisted} on waitlists), {totals.attended} attended, "
            f"{totals.feedback} feedback answers."
        )
