"""Charlie runs a work session: he reorders the agenda in place (htmx, no reload), writes the
minutes of an item, and Diana answers her invitation. axe-core checks the session page."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from kollegium.collaboration.models import Answer, Invitation
from kollegium.collaboration.tests.factories import (
    AgendaItemFactory,
    ProjectFactory,
    WorkSessionFactory,
)
from tests.browser.test_methods import assert_accessible


def test_charlie_reorders_the_agenda_and_writes_minutes(
    page, browser_context, sign_in_browser, live_server, charlie, diana, garden_b, language
):
    project = ProjectFactory(slug="fjellmat", name="Fjellmat", gardens=[garden_b], leader=diana)
    starts = timezone.now() - datetime.timedelta(hours=1)
    session = WorkSessionFactory(
        project=project,
        organiser=charlie,
        title="Arbeidsøkt på Røros",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
    )
    for position, title in enumerate(["Velkommen", "Felles program", "Eventuelt"]):
        AgendaItemFactory(session=session, position=position, title=title)
    Invitation.objects.create(session=session, person=diana)

    sign_in_browser(charlie)
    page.goto(session.get_absolute_url())
    assert_accessible(page)
    agenda = page.locator("#agenda-list li strong")
    expect(agenda).to_have_text(["Velkommen", "Felles program", "Eventuelt"])

    page.get_by_role("button", name="Move Eventuelt up").click()

    expect(agenda).to_have_text(["Velkommen", "Eventuelt", "Felles program"])
    page.locator("#agenda-list").get_by_role("link", name="Edit and minutes").first.click()
    page.get_by_label("Minutes", exact=True).fill("Alle hagene var med.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#agenda-list")).to_contain_text("Alle hagene var med.")
    assert list(session.agenda.values_list("title", flat=True)) == [
        "Velkommen",
        "Eventuelt",
        "Felles program",
    ]


def test_diana_answers_her_own_invitation(
    page, browser_context, sign_in_browser, live_server, charlie, diana, garden_b, language
):
    session = WorkSessionFactory(organiser=charlie, title="Arbeidsøkt uten prosjekt")
    invitation = Invitation.objects.create(session=session, person=diana)

    sign_in_browser(diana)
    page.goto(session.get_absolute_url())
    page.get_by_label("Coming", exact=True).check()
    page.get_by_role("button", name="Answer").click()

    expect(page.get_by_role("status")).to_contain_text("Your answer has been saved.")
    invitation.refresh_from_db()
    assert invitation.answer == Answer.COMING
