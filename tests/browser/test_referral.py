"""A referral from need to outcome: Alice (garden A) asks Charlie (garden B) about a need of
her company; Charlie, in his own browser, sees the bell, accepts, reads the shared contact and
records the outcome; the need is met. Ends by reading the rows it wrote."""

import re

from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from kollegium.companies.models import NeedStatus
from kollegium.companies.tests.factories import ContactFactory, NeedFactory
from kollegium.core.models import AuditEntry
from kollegium.referrals.models import Referral, Status
from tests.browser.conftest import BROWSER_LOCALES, TIMEOUT_MS
from tests.browser.test_methods import assert_accessible


def _own_context(browser, live_server, language, person):
    """A second browser profile, signed in as ``person`` (Charlie's own browser)."""
    context = browser.new_context(base_url=live_server.url, locale=BROWSER_LOCALES[language])
    context.set_default_timeout(TIMEOUT_MS)
    client = Client()
    client.force_login(person.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [
            {"name": cookie.key, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context


def test_a_referral_from_need_to_outcome(
    page, browser, sign_in_browser, live_server, language, alice, charlie, company_a
):
    ContactFactory(company=company_a, name="Ola Kontakt", email="ola@orklasveis.example")
    need = NeedFactory(company=company_a, text="Trenger hjelp med eksport til Sverige")

    # Alice asks the network from the need's page, finding Charlie in the directory.
    sign_in_browser(alice)
    page.goto(f"/companies/{company_a.org_number}/needs/{need.pk}/")
    page.get_by_role("link", name="Ask the network").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask the network")
    page.get_by_role("searchbox", name="Find colleagues in the directory").fill("Charlie")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_label(re.compile("Charlie Dahl")).check()
    page.get_by_label("Message").fill("Kan du hjelpe Orkla Sveis med svenske kunder?")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_role("status")).to_contain_text("Charlie Dahl")

    # Charlie, in his own browser: the bell counts one, the notification leads to the referral.
    context = _own_context(browser, live_server, language, charlie)
    try:
        charlie_page = context.new_page()
        charlie_page.goto("/home/")
        expect(charlie_page.get_by_test_id("bell-count")).to_have_text("1")
        charlie_page.locator("#notification-bell").click()
        charlie_page.get_by_role("link", name=re.compile("Alice Aune asks for your help")).click()
        expect(charlie_page.get_by_role("heading", level=1)).to_contain_text(company_a.name)
        expect(charlie_page.get_by_text("Ola Kontakt")).to_have_count(0)

        assert_accessible(charlie_page)
        charlie_page.get_by_label("I can help").check()
        charlie_page.get_by_role("button", name="Send answer").click()
        expect(charlie_page.get_by_role("status")).to_contain_text("Your answer has been sent")
        # Accepted: the need and the company's contact are shared with him.
        expect(charlie_page.get_by_text("Ola Kontakt")).to_be_visible()
        expect(charlie_page.get_by_text("Trenger hjelp med eksport til Sverige")).to_be_visible()

        charlie_page.get_by_label("Yes").check()
        charlie_page.get_by_label("Note").fill("Satte dem i kontakt med en grossist i Göteborg.")
        charlie_page.get_by_label("Time spent (hours)").fill("2.5")
        charlie_page.get_by_role("button", name="Complete the referral").click()
        expect(charlie_page.get_by_role("status")).to_contain_text("The outcome has been recorded")
        expect(charlie_page.locator("#outcome")).to_contain_text("It helped the company")
        charlie_page.goto("/notifications/")
        assert_accessible(charlie_page)
    finally:
        context.close()

    # Alice sees the need met on her company's page.
    page.goto(f"/companies/{company_a.org_number}/needs/{need.pk}/")
    expect(page.locator(f"#need-{need.pk}-status")).to_have_value("met")

    referral = Referral.objects.get()
    need.refresh_from_db()
    assert (referral.from_person, referral.to_person, referral.status) == (
        alice,
        charlie,
        Status.COMPLETED,
    )
    assert referral.helped is True and str(referral.hours_spent) == "2.5"
    assert need.status == NeedStatus.MET
    assert AuditEntry.objects.filter(action="referral.data_shared").count() == 1
