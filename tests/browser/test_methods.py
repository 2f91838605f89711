"""Alice takes a new method from first idea to shared: the board, the gates, a pilot with its
evaluation, and then the public library and the Atom feed, as anyone sees them.

Every step asserts on what she sees; the test ends by reading the rows it wrote. axe-core
checks the method bank's main pages on the way (serious and critical violations fail).
"""

import json
import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect

from kollegium.methods.models import Method, Pilot, Stage

TITLE = "Velkomstpakke for nye medlemsbedrifter"
REF = "velkomstpakke-for-nye-medlemsbedrifter"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"


def assert_accessible(page) -> None:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    blocking = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert blocking == [], json.dumps(blocking, ensure_ascii=False, indent=2)


def board_column(page, label: str):
    return page.locator("section.k-board-column").filter(
        has=page.get_by_role("heading", name=re.compile(label))
    )


def move_on_the_page(page, stage_value: str, stage_label: str) -> None:
    page.locator("#id_to").select_option(stage_value)
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"is now in the stage “{stage_label}”")


def test_alice_takes_a_method_from_idea_to_the_public_library(
    page, browser_context, sign_in_browser, live_server, alice, area, language
):
    sign_in_browser(alice)
    page.goto("/home/")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Methods").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Method bank")
    assert_accessible(page)

    # A new method, public from the start so it can be shared with everyone at the end.
    page.get_by_role("link", name="New method").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Kind").select_option("tool")
    page.get_by_label("Summary").fill("Alt en ny medlemsbedrift trenger den første uka.")
    page.get_by_label("Description").fill("## Innhold\n\n- Velkomstbrev\n- Oversikt over tilbud")
    page.get_by_label(area.name).check()
    page.get_by_label("Who may see it").select_option("public")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/methods/{REF}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("has been added to the method bank")
    expect(page.locator(".k-markdown h3")).to_have_text("Innhold")
    assert_accessible(page)

    # Two stages forward on the board, with its buttons (htmx swaps the board in place).
    page.get_by_role("link", name="Method bank").click()
    for label in ("Systematisation", "Development", "Testing in practice"):
        page.get_by_role("button", name=f"Move “{TITLE}” to {label}").click()
        expect(page.locator("#board .ds-alert")).to_contain_text(f"is now in the stage “{label}”")
        expect(board_column(page, label)).to_contain_text(TITLE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Method bank")

    # Out of the pilot stage only with a completed pilot: the gate says what is missing.
    board_column(page, "Testing in practice").get_by_role("link", name=TITLE, exact=True).click()
    move_form = page.get_by_role("form", name="Move the method")
    page.locator("#id_to").select_option("refinement")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(move_form.get_by_role("alert")).to_contain_text(
        "At least one completed pilot with an evaluation."
    )

    # Her garden pilots the method, then evaluates it.
    page.get_by_role("link", name="Log a pilot").click()
    page.locator("#id_starts_on").fill("2025-02-03")
    page.locator("#id_ends_on").fill("2025-03-14")
    page.locator("#id_participants").fill("9")
    page.locator("#id_context").fill("Ni nye medlemmer i vår")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The pilot has been saved.")
    page.get_by_role("link", name=f"Edit the pilot of {alice.garden.name}").click()
    page.locator("#id_rating").fill("5")
    page.locator("#id_worked").fill("Bedriftene brukte pakken aktivt.")
    page.locator("#id_recommendation").select_option("adopt")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The pilot and its evaluation")
    expect(page.locator("#pilots ~ p").first).to_contain_text("average rating 5.0 of 5")

    # Now every gate lets it through, one stage at a time, to shared.
    move_on_the_page(page, "refinement", "Further development")
    move_on_the_page(page, "implementation", "Implementation")
    move_on_the_page(page, "shared", "Shared")
    expect(page.locator('.k-stepper [aria-current="step"]')).to_have_text("Shared")
    moves = page.get_by_role("table", name="Moves").locator("tbody tr")
    expect(moves).to_have_count(6)
    assert_accessible(page)

    # Anyone, without an account, finds it in the public library and in the feed.
    browser_context.clear_cookies()
    browser_context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto("/library/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Method library")
    page.get_by_role("search", name="Search the library").get_by_label("Search").fill("velkomst")
    expect(page.get_by_role("status")).to_have_text("1 method")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/library/{REF}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("link", name="CC BY 4.0 (attribution)")).to_be_visible()
    expect(page.get_by_text("Sign out")).to_have_count(0)
    assert_accessible(page)

    feed = page.request.get("/feeds/methods.atom")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert f"<title>{TITLE}</title>" in feed.text()
    assert f"/library/{REF}/" in feed.text()

    method = Method.objects.get(ref=REF)
    assert (method.stage, method.visibility, method.owner) == (Stage.SHARED, "public", alice.garden)
    assert method.shared_at is not None
    assert list(method.moves.values_list("to_stage", flat=True)) == [
        "systematisation",
        "development",
        "pilot",
        "refinement",
        "implementation",
        "shared",
    ]
    pilot = Pilot.objects.get(method=method)
    assert (pilot.rating, pilot.recommendation, pilot.is_completed) == (5, "adopt", True)
