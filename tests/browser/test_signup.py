"""Kari signs up for a breakfast meeting on her phone, gets the confirmation e-mail, and later
cancels through its link; Ola, first on the waitlist, gets her place.

A 375×812 viewport (a small phone). E-mails go to Django's locmem outbox: the live server runs
in this process, and the task backend in tests sends at once after the commit.
"""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from kollegium.programme.models import Question, QuestionKind, Registration
from kollegium.programme.services.registrations import registration_create
from kollegium.programme.tests.factories import EventFactory

PHONE = {"width": 375, "height": 812}
LINK = re.compile(r"https?://[^\s]+(/programme/r/[\w-]+/)")


def _link_in(message) -> str:
    """The path of the participant's own link in an e-mail (the site URL is not the test's)."""
    return LINK.search(message.body).group(1)


def _mail_to(address: str, subject_start: str):
    return [m for m in mail.outbox if m.to == [address] and m.subject.startswith(subject_start)]


def test_kari_signs_up_on_her_phone_cancels_by_link_and_ola_gets_the_place(
    page, garden_b, company_a
):
    event = EventFactory(hosts=[garden_b], capacity=1, title="Frokostmøte om eksport")
    page.set_viewport_size(PHONE)
    page.goto(event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Frokostmøte om eksport")
    # Nothing sticks out sideways on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    box = page.locator("#signup")
    box.get_by_label("Name").fill("Kari Nordmann")
    box.get_by_label("E-mail").fill("kari@orkla.example")
    box.get_by_label("Phone (optional)").fill("912 34 567")
    # The company from the register: type part of the name, pick it from the look-up.
    box.get_by_label("Company (optional)").press_sequentially("Orkla Sv")
    box.get_by_label(re.compile(r"^Orkla Sveis AS")).check()
    box.get_by_label("I have read the privacy notice").check()
    box.get_by_role("button", name="Sign me up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    expect(page.get_by_role("status")).to_contain_text("You are signed up!")
    expect(page.get_by_test_id("registration-status")).to_contain_text("You have a place.")
    kari = Registration.objects.get(email="kari@orkla.example")
    assert (kari.status, kari.company, kari.phone) == ("confirmed", company_a, "+4791234567")

    # The confirmation e-mail, with the event as a calendar file and Kari's own link.
    (confirmation,) = _mail_to("kari@orkla.example", "You are signed up")
    assert confirmation.attachments[0][0] == f"{event.ref}.ics"
    link = _link_in(confirmation)
    assert link == kari.get_absolute_url()

    # Ola signs up meanwhile and joins the waitlist.
    ola, _created = registration_create(
        event=event, name="Ola Venter", email="ola@x.example", consent=True, language="en"
    )
    assert ola.status == "waitlisted"

    # Kari cannot come after all: she cancels through the link in her e-mail.
    page.goto(link)
    page.get_by_role("link", name="Cancel my registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your registration?")
    page.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled.")
    expect(page.get_by_test_id("registration-status")).to_contain_text(
        "This registration is cancelled."
    )

    # Ola, first in line, has the place now, and is told so by e-mail.
    ola.refresh_from_db()
    assert ola.status == "confirmed"
    (promotion,) = _mail_to("ola@x.example", "You got a place")
    page.goto(_link_in(promotion))
    expect(page.get_by_test_id("registration-status")).to_contain_text("You have a place.")
    kari.refresh_from_db()
    assert kari.status == "cancelled"


AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def _serious_axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_sign_up_box_with_errors_and_the_registration_page_are_accessible(
    page, garden_b, company_a
):
    event = EventFactory(hosts=[garden_b], capacity=5)
    Question.objects.create(
        event=event, label="Which session?", kind=QuestionKind.CHOICE, choices=["A", "B"]
    )
    page.set_viewport_size(PHONE)
    page.goto(event.get_absolute_url())
    box = page.locator("#signup")
    box.get_by_label("Company (optional)").press_sequentially("Orkla")
    box.get_by_label(re.compile(r"^Orkla Sveis AS")).wait_for()
    box.get_by_role("button", name="Sign me up").click()
    expect(box.locator("#id_email_error")).to_have_text("Enter your e-mail address.")
    expect(box.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    assert _serious_axe_violations(page) == []

    registration, _ = registration_create(
        event=event, name="Kari", email="kari@x.example", consent=True, language="en"
    )
    page.goto(registration.get_absolute_url())
    assert _serious_axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
