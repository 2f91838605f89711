"""Give the demo network its collaboration: the INNOMIDT project, the Oppdal work session of
April 2016 on the common competence programme (agenda, minutes, decisions, actions), later
sessions, and open actions on people's home pages.

Run after ``import_network demo/innomidt.json`` (and ``demo_activity``). Rows are written
directly, without notifications or e-mails (this is history, not news). When the INNOMIDT
project exists the command does nothing, so running it twice changes nothing.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand
from django.db import transaction

from kollegium.collaboration.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Answer,
    Decision,
    Invitation,
    Project,
    ProjectLink,
    ProjectStatus,
    SessionStatus,
    WorkSession,
)
from kollegium.core.audit import audit
from kollegium.methods.models import Method
from kollegium.network.models import Garden, Person, Role
from kollegium.programme.models import Event

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
SLUG = "innomidt"


def at(year, month, day, hour, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


@dataclass
class Item:
    title: str
    owner: str  # garden slug of the responsible (its leader) or "coordinator"
    allotted: int
    minutes: str = ""
    decisions: list[str] = field(default_factory=list)


@dataclass
class Action:
    what: str
    owner: str
    due: datetime.date
    status: str = ActionStatus.OPEN
    method: str = ""
    event: str = ""


@dataclass
class Session:
    title: str
    starts: datetime.datetime
    hours: int
    place: str
    purpose: str
    status: str
    items: list[Item]
    actions: list[Action] = field(default_factory=list)
    online_url: str = ""


SESSIONS = [
    Session(
        title="Arbeidsøkt i Oppdal: et felles kompetanseprogram",
        starts=at(2016, 4, 14, 10),
        hours=5,
        place="Nasjonalparken Næringshage, Oppdal",
        purpose=(
            "Første arbeidsøkt i INNOMIDT: hvordan fire næringshager kan tilby bedriftene sine "
            "ett felles kompetanseprogram i stedet for fire små."
        ),
        status=SessionStatus.HELD,
        items=[
            Item(
                "Velkommen og runde rundt bordet: hva tilbyr hagene i dag?",
                "nasjonalparken",
                30,
                "Hver hage presenterte sitt tilbud. Alle har frokostmøter, men med ulike tema og "
                "tidspunkt. Kystkompetanse har erfaring med webinarer for bedrifter med lang "
                "reisevei.",
            ),
            Item(
                "Felles kompetanseprogram: format og semesterplan",
                "coordinator",
                60,
                "Vi samles om tre formater: frokostmøter lokalt, workshops på tvers og et "
                "KompetanseForum hvert semester. Programmet planlegges per semester og "
                "publiseres samlet, åpent for bedriftene i alle hagene.",
                [
                    "Programmet planlegges per semester, med én felles kalender for nettverket.",
                    "Hvert semester har ett KompetanseForum, som hagene arrangerer på omgang.",
                ],
            ),
            Item(
                "Vertskap og ansvar: hvem arrangerer hva?",
                "orkdalsregionen",
                45,
                "Hagen som er vertskap har ansvaret for lokale, påmelding og oppfølging; de andre "
                "hagene reserverer plasser til sine bedrifter og bidrar med innledere.",
                ["Vertshagen har ansvaret for påmelding og tilbakemeldinger etter arrangementet."],
            ),
            Item(
                "Kompetansekartlegging av rådgiverne",
                "rorosregionen",
                45,
                "Vi trenger et felles bilde av hvem som kan hva, slik at bedriftene kan henvises "
                "til riktig rådgiver på tvers av hagene.",
                ["Alle rådgivere registrerer sine kompetanseområder innen sommeren."],
            ),
            Item(
                "Eventuelt og neste arbeidsøkt",
                "trondersk-kystkompetanse",
                20,
                "Neste arbeidsøkt holdes på Røros i oktober.",
            ),
        ],
        actions=[
            Action(
                "Lage utkast til semesterplan for høsten 2016",
                "coordinator",
                datetime.date(2016, 5, 15),
                ActionStatus.DONE,
            ),
            Action(
                "Sette opp felles kalender for programmet",
                "orkdalsregionen",
                datetime.date(2016, 6, 1),
                ActionStatus.DONE,
            ),
            Action(
                "Samle kompetanseområdene fra alle rådgivere",
                "rorosregionen",
                datetime.date(2016, 6, 30),
                ActionStatus.DONE,
                method="kompetansekartlegging-i-smabedrifter",
            ),
            Action(
                "Beskrive frokostmøtet som felles konsept",
                "nasjonalparken",
                datetime.date(2016, 8, 15),
                ActionStatus.DONE,
                method="frokostmote-for-nye-bedrifter",
            ),
        ],
    ),
    Session(
        title="Arbeidsøkt på Røros: metodebanken og henvisninger",
        starts=at(2016, 10, 20, 10),
        hours=4,
        place="Rørosregionen Næringshage, Røros",
        purpose="Hvordan vi samler, prøver ut og deler arbeidsmetodene våre.",
        status=SessionStatus.HELD,
        items=[
            Item(
                "Erfaringer fra første semester med felles program",
                "coordinator",
                40,
                "God oppslutning om frokostmøtene; KompetanseForum samlet bedrifter fra alle "
                "fire hagene.",
            ),
            Item(
                "Metodebanken: fra innsamling til deling",
                "nasjonalparken",
                60,
                "Metodene følger sju trinn fra innsamling til deling med hele Siva-nettverket.",
                ["Hver hage legger inn minst to metoder i metodebanken før jul."],
            ),
            Item(
                "Henvisninger på tvers av hagene",
                "rorosregionen",
                45,
                "Rådgiverne spør nettverket når en bedrift trenger kompetanse hagen ikke har.",
            ),
        ],
        actions=[
            Action(
                "Legge inn samtaleguiden for førstemøtet i metodebanken",
                "rorosregionen",
                datetime.date(2016, 12, 15),
                ActionStatus.DONE,
                method="samtaleguide-for-forstemotet",
            ),
        ],
    ),
    Session(
        title="Arbeidsøkt: vårprogrammet 2027",
        starts=at(2026, 10, 15, 9),
        hours=3,
        place="Næringshagen i Orkdalsregionen, Orkanger",
        purpose="Planlegge vårsemesteret 2027 og KompetanseForum vår 2027.",
        status=SessionStatus.HELD,
        items=[
            Item(
                "Tilbakemeldinger fra høstens arrangementer",
                "coordinator",
                30,
                "Deltakerne ønsker mer tid til spørsmål og presentasjonen på forhånd.",
            ),
            Item(
                "KompetanseForum vår 2027: tema og vertskap",
                "trondersk-kystkompetanse",
                45,
                "Tema blir vekst gjennom samarbeid. Alle fire hagene er vertskap.",
                ["KompetanseForum vår 2027 holdes 11. mars med tema vekst gjennom samarbeid."],
            ),
            Item("Frokostmøter og workshops i vårsemesteret", "orkdalsregionen", 45),
        ],
        actions=[
            Action(
                "Innledere til KompetanseForum vår 2027",
                "trondersk-kystkompetanse",
                datetime.date(2026, 11, 20),
                event="2027-03-11-kompetanseforum-var-2027-vekst-gjennom-samarbeid",
            ),
            Action("Publisere vårprogrammet 2027", "coordinator", datetime.date(2026, 12, 15)),
            Action(
                "Oppdatere sjekklisten for søknad om offentlig støtte",
                "nasjonalparken",
                datetime.date(2027, 1, 15),
                method="sjekkliste-for-soknad-om-offentlig-stotte",
            ),
        ],
    ),
    Session(
        title="Arbeidsøkt: evaluering av høsten og nye metoder",
        starts=at(2027, 1, 21, 13),
        hours=2,
        place="",
        online_url="https://meet.example/innomidt-januar",
        purpose="Evaluere høstsemesteret 2026 og velge metoder til utprøving i våren.",
        status=SessionStatus.PLANNED,
        items=[
            Item("Nøkkeltall for høstsemesteret", "coordinator", 30),
            Item("Metoder til utprøving", "nasjonalparken", 45),
            Item("Eventuelt", "rorosregionen", 15),
        ],
    ),
]


class Command(BaseCommand):
    help = "Add the INNOMIDT project with its work sessions, decisions and actions (once)."

    def handle(self, *args, **options):
        if Project.objects.filter(slug=SLUG).exists():
            self.stdout.write("The INNOMIDT project exists already: nothing to do.")
            return
        gardens = list(Garden.objects.order_by("name"))
        if not gardens:
            self.stderr.write("No gardens: import the demo network first.")
            return
        with transaction.atomic():
            project = self._project(gardens)
            for spec in SESSIONS:
                self._session(project, spec)
            audit(actor=None, action="collaboration.demo", obj=project, sessions=len(SESSIONS))
        self.stdout.write(f"INNOMIDT project with {len(SESSIONS)} work sessions.")

    def _people(self):
        staff = list(Person.objects.select_related("user", "garden").filter(user__is_active=True))
        self.staff = staff
        self.coordinator = next((p for p in staff if p.role == Role.COORDINATOR), staff[0])
        leaders = {p.garden.slug: p for p in staff if p.role == Role.LEADER}
        self.by_key = {"coordinator": self.coordinator, **leaders}

    def _owner(self, key: str) -> Person:
        return self.by_key.get(key, self.coordinator)

    def _project(self, gardens) -> Project:
        self._people()
        project = Project.objects.create(
            slug=SLUG,
            name="INNOMIDT – Innovasjonsnettverk Midt-Norge",
            description=(
                "Fire næringshager i Trøndelag samarbeider som ett stort kollegium: ett felles "
                "kompetanseprogram, ett kart over hvem som kan hva, én metodebank og tall som "
                "viser at samarbeidet lønner seg."
            ),
            goals=(
                "Utvikle en strukturert og systematisk metodikk for samarbeid mellom hagene.\n"
                "Et felles kompetanseprogram for bedriftene i alle fire hagene.\n"
                "Synliggjøre den brede kompetansen i nettverket.\n"
                "Utvikle, prøve ut og dele arbeidsmetoder med hele Siva-nettverket."
            ),
            leader=self.coordinator,
            starts_on=datetime.date(2016, 1, 1),
            ends_on=datetime.date(2027, 12, 31),
            funding_note="Innovasjonsnettverk i Sivas næringshageprogram, med egeninnsats fra "
            "hagene.",
            status=ProjectStatus.ACTIVE,
            created_by=self.coordinator,
        )
        project.gardens.set(gardens)
        project.events.set(Event.objects.filter(format="forum"))
        project.methods.set(
            Method.objects.filter(
                ref__in=[
                    "frokostmote-for-nye-bedrifter",
                    "kompetansekartlegging-i-smabedrifter",
                    "samtaleguide-for-forstemotet",
                ]
            )
        )
        ProjectLink.objects.create(
            project=project,
            url="https://www.siva.no/",
            title="Siva – næringshageprogrammet",
        )
        return project

    def _session(self, project: Project, spec: Session) -> None:
        held = spec.status == SessionStatus.HELD
        ends = spec.starts + datetime.timedelta(hours=spec.hours)
        session = WorkSession.objects.create(
            project=project,
            title=spec.title,
            purpose=spec.purpose,
            starts_at=spec.starts,
            ends_at=ends,
            place=spec.place,
            online_url=spec.online_url,
            status=spec.status,
            organiser=self.coordinator,
            summary_sent_at=ends + datetime.timedelta(days=1) if held else None,
            summary_sent_by=self.coordinator if held else None,
            created_at=spec.starts - datetime.timedelta(days=21),
        )
        # Everyone is invited; in a held session nearly everyone came (every seventh did not).
        Invitation.objects.bulk_create(
            Invitation(
                session=session,
                person=person,
                answer=(Answer.NOT_COMING if i % 7 == 3 else Answer.COMING)
                if held
                else (Answer.COMING if i % 3 == 0 else Answer.PENDING),
                answered_at=spec.starts - datetime.timedelta(days=7)
                if held or i % 3 == 0
                else None,
                invited_at=spec.starts - datetime.timedelta(days=21),
            )
            for i, person in enumerate(self.staff)
        )
        for position, item in enumerate(spec.items):
            agenda_item = AgendaItem.objects.create(
                session=session,
                position=position,
                title=item.title,
                owner=self._owner(item.owner),
                minutes_allotted=item.allotted,
                minutes=item.minutes if held else "",
            )
            for text in item.decisions:
                Decision.objects.create(
                    session=session, agenda_item=agenda_item, text=text, created_at=ends
                )
        methods = {
            m.ref: m for m in Method.objects.filter(ref__in=[a.method for a in spec.actions])
        }
        events = {e.ref: e for e in Event.objects.filter(ref__in=[a.event for a in spec.actions])}
        for action in spec.actions:
            done = action.status == ActionStatus.DONE
            ActionItem.objects.create(
                session=session,
                project=project,
                what=action.what,
                owner=self._owner(action.owner),
                due_on=action.due,
                status=action.status,
                done_at=datetime.datetime.combine(action.due, datetime.time(12), OSLO)
                if done
                else None,
                # Old history: its reminders are long past.
                reminded_at=ends if done else None,
                method=methods.get(action.method),
                event=events.get(action.event),
                created_by=self.coordinator,
                created_at=ends,
            )
