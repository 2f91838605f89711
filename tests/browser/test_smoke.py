"""Alice's day in the browser: sign in, fill in her profile, register a company, record a need.

Every step asserts on what she sees, and the test ends by reading the rows it wrote.
"""

import re

from playwright.sync_api import expect

from kollegium.companies.models import Company, CompanyGarden, Need, Relation
from kollegium.network.models import Competence, Level

WRONG_ORG_NUMBER = "923609017"  # the check digit should be 6
RIGHT_ORG_NUMBER = "923609016"
# Django writes labels with a suffix ("Name:"); "Name" alone would also match other labels.
NAME = re.compile(r"^Name:?$")


def _sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/home/$"))


def test_alice_signs_in_edits_her_profile_and_records_a_need(page, alice, area, password):
    _sign_in(page, "alice@orkdal.example", password)
    expect(page.get_by_role("heading", level=1)).to_have_text("Good to see you, Alice")

    # Her profile, from the main menu.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="My profile").click()
    expect(page).to_have_url(re.compile(rf"/people/{alice.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice Aune")
    expect(page.get_by_text("No competences recorded yet.")).to_be_visible()

    # Edit it: title, bio and a first competence with its level.
    page.get_by_role("link", name="Edit profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit profile")
    page.get_by_label("Title").fill("Seniorrådgiver")
    page.get_by_label("Bio").fill("Hjelper bedrifter med SkatteFUNN og Innovasjon Norge.")
    page.locator("#id_competences-0-area").select_option(label=area.name)
    page.locator("#id_competences-0-level").select_option(str(Level.EXPERT))
    page.locator("#id_competences-0-note").fill("Mange søknader")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/people/{alice.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    main = page.locator("main")
    expect(main).to_contain_text("Seniorrådgiver")
    expect(main).to_contain_text("Hjelper bedrifter med SkatteFUNN og Innovasjon Norge.")
    row = main.get_by_role("row").filter(has_text=area.name)
    expect(row.get_by_role("cell")).to_have_text([area.name, "Expert", "Mange søknader"])

    # The company register: a new company, first with a mistyped organisation number.
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Companies").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Companies")
    page.get_by_role("link", name="Register a company").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a company")
    org_number = page.get_by_label("Organisation number")
    org_number.fill(WRONG_ORG_NUMBER)
    page.get_by_label(NAME).fill("Fjordlys Design AS")
    page.get_by_role("button", name="Save").click()

    # The error sits by the field, and the field points to it.
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    error = page.locator("#id_org_number_error")
    expect(error).to_have_text(
        f"{WRONG_ORG_NUMBER} is not a valid organisation number: the check digit does not match."
    )
    expect(org_number).to_have_attribute("aria-invalid", "true")
    assert "id_org_number_error" in (org_number.get_attribute("aria-describedby") or "").split()
    same_field = page.locator(".ds-field").filter(has=page.locator("#id_org_number"))
    expect(same_field.locator(".ds-validation-message")).to_have_count(1)
    expect(page.get_by_label(NAME)).to_have_value("Fjordlys Design AS")
    assert not Company.objects.filter(name="Fjordlys Design AS").exists()

    org_number.fill(RIGHT_ORG_NUMBER)
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/companies/{RIGHT_ORG_NUMBER}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjordlys Design AS")
    expect(page.get_by_role("status")).to_contain_text("Fjordlys Design AS has been registered.")
    expect(page.locator("main")).to_contain_text("923\u00a0609\u00a0016")
    expect(page.locator("main")).to_contain_text("Næringshagen i Orkdalsregionen: Client")

    # Record a need with a competence area; it shows on the company page.
    page.get_by_role("link", name="Record a need").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New need")
    page.get_by_label("What does the company need?").fill("Trenger hjelp med SkatteFUNN-søknad")
    page.get_by_role("group", name="Competence areas").get_by_label(area.name).check()
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/companies/{RIGHT_ORG_NUMBER}/$"))
    expect(page.get_by_role("status")).to_contain_text("The need has been saved.")
    need_card = page.locator("article").filter(has_text="Trenger hjelp med SkatteFUNN-søknad")
    expect(need_card).to_have_count(1)
    expect(need_card).to_contain_text(area.name)
    expect(need_card).to_contain_text("Open")
    expect(need_card).to_contain_text("Recorded by Alice Aune")

    # What was written.
    alice.refresh_from_db()
    assert alice.title == "Seniorrådgiver"
    assert alice.bio == "Hjelper bedrifter med SkatteFUNN og Innovasjon Norge."
    assert list(
        Competence.objects.filter(person=alice).values_list("area__slug", "level", "note")
    ) == [(area.slug, Level.EXPERT, "Mange søknader")]

    company = Company.objects.get(org_number=RIGHT_ORG_NUMBER)
    assert company.name == "Fjordlys Design AS"
    assert not Company.objects.filter(org_number=WRONG_ORG_NUMBER).exists()
    relations = CompanyGarden.objects.filter(company=company)
    assert list(relations.values_list("garden", "relation")) == [(alice.garden_id, Relation.CLIENT)]
    need = Need.objects.get(company=company)
    assert need.text == "Trenger hjelp med SkatteFUNN-søknad"
    assert list(need.areas.all()) == [area]
    assert need.status == "open"
    assert need.recorded_by == alice
