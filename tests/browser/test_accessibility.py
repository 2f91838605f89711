"""axe-core on every main page, and no sideways scrolling on a phone.

axe-core 4.11.4 (vendor/axe.min.js, MPL-2.0) runs inside each page with the CSS loaded, so
colour contrast is checked too. A test fails on every "serious" or "critical" violation and
lists them all: rule, what to do, and the elements (CSS selectors).
"""

import json
from pathlib import Path

import pytest

from kollegium.companies.tests.factories import ContactFactory, NeedFactory
from kollegium.network.tests.factories import CompetenceFactory

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def cast(alice, bob, cora, charlie, diana, area, company_a, company_b):
    """Everyone and everything the pages show, with a competence and a need to list."""
    alice.show_public = charlie.show_public = True
    alice.bio = "Hjelper bedrifter med SkatteFUNN."
    alice.save()
    charlie.save()
    CompetenceFactory(person=alice, area=area, level=3)
    CompetenceFactory(person=charlie, area=area, level=2)
    ContactFactory(company=company_a, name="Ola Nordmann", role="Daglig leder")
    need = NeedFactory(company=company_a, recorded_by=alice, shared_with_network=True)
    need.areas.add(area)
    return {
        "alice": alice,
        "bob": bob,
        "cora": cora,
        "garden": alice.garden,
        "company": company_a,
        "area": area,
    }


# (test id, who is signed in or None, the page's path built from the cast)
PAGES = [
    ("public-network", None, lambda c: "/"),
    ("public-garden", None, lambda c: f"/gardens/{c['garden'].slug}/"),
    ("login", None, lambda c: "/accounts/login/"),
    ("home", "alice", lambda c: "/home/"),
    ("people", "alice", lambda c: "/people/"),
    ("person", "alice", lambda c: f"/people/{c['alice'].pk}/"),
    ("profile-edit", "alice", lambda c: f"/people/{c['alice'].pk}/edit/"),
    ("companies", "alice", lambda c: "/companies/"),
    ("company", "alice", lambda c: f"/companies/{c['company'].org_number}/"),
    ("company-create", "alice", lambda c: "/companies/new/"),
    ("need-create", "alice", lambda c: f"/companies/{c['company'].org_number}/needs/new/"),
    ("areas", "alice", lambda c: "/areas/"),
    ("garden-edit", "bob", lambda c: f"/gardens/{c['garden'].slug}/edit/"),
    ("staff", "bob", lambda c: f"/gardens/{c['garden'].slug}/staff/"),
    ("network-settings", "cora", lambda c: "/network/edit/"),
]


def run_axe(page) -> list[dict]:
    """Inject axe-core and return its violations of impact serious or critical."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    - {json.dumps(node['target'], ensure_ascii=False)}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def open_page(page, sign_in_browser, cast, who, path):
    if who:
        sign_in_browser(cast[who])
    response = page.goto(path(cast))
    assert response.status == 200, f"{page.url} answered {response.status}"


def assert_no_blocking_violations(page):
    violations = run_axe(page)
    assert not violations, f"axe found problems on {page.url}:\n{describe(violations)}"


@pytest.mark.parametrize(("who", "path"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_page_has_no_serious_accessibility_violations(page, sign_in_browser, cast, who, path):
    open_page(page, sign_in_browser, cast, who, path)
    assert_no_blocking_violations(page)


def test_the_login_form_with_an_error_is_accessible(page, cast):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(cast["alice"].email)
    page.locator("#id_password").fill("feil")
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.get_by_role("alert").wait_for()
    assert_no_blocking_violations(page)


def test_the_company_form_with_field_errors_is_accessible(page, sign_in_browser, cast):
    sign_in_browser(cast["alice"])
    page.goto("/companies/new/")
    page.locator("#id_org_number").fill("923609017")
    page.locator("#id_name").fill("Fjordlys Design AS")
    page.locator("main").get_by_role("button", name="Save").click()
    page.locator("#id_org_number_error").wait_for()
    assert_no_blocking_violations(page)


def test_the_profile_form_with_a_formset_error_is_accessible(page, sign_in_browser, cast):
    """The same area twice: the formset's own error, and aria attributes on prefixed fields."""
    sign_in_browser(cast["alice"])
    page.goto(f"/people/{cast['alice'].pk}/edit/")
    page.locator("#id_competences-1-area").select_option(label=cast["area"].name)
    page.locator("main").get_by_role("button", name="Save").click()
    page.get_by_text("Each competence area can only be listed once.").wait_for()
    assert_no_blocking_violations(page)


# The page's width, and what sticks out: elements, or text wider than its box (long words).
WIDTH_JS = """() => {
    const limit = window.innerWidth + 1;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + [...el.classList].map((c) => '.' + c).join('');
    const wide = new Set();
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('.k-table-wrap')) continue;  // tables scroll inside their wrapper
        if (el.getBoundingClientRect().right > limit) wide.add(name(el));
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (walker.nextNode()) {
        range.selectNodeContents(walker.currentNode);
        if (range.getBoundingClientRect().right > limit) {
            const text = walker.currentNode.textContent.trim().slice(0, 40);
            wide.add(`${name(walker.currentNode.parentElement)} "${text}"`);
        }
    }
    return {scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth, wide: [...wide].slice(0, 8)};
}"""

PHONE_IDS = {"public-network", "public-garden", "login", "companies"}
PHONE_PAGES = [p for p in PAGES if p[0] in PHONE_IDS]


@pytest.mark.parametrize("language", ["nb", "en"])  # Norwegian words are longer
@pytest.mark.parametrize(
    ("who", "path"), [p[1:] for p in PHONE_PAGES], ids=[p[0] for p in PHONE_PAGES]
)
def test_page_fits_a_phone_screen(page, sign_in_browser, cast, who, path):
    page.set_viewport_size(PHONE)
    open_page(page, sign_in_browser, cast, who, path)
    overflow = page.evaluate(WIDTH_JS)
    assert overflow["scrollWidth"] <= overflow["innerWidth"] + 1, (
        f"{page.url} scrolls sideways on a {PHONE['width']}px screen: "
        f"{overflow['scrollWidth']}px wide; sticking out: {overflow['wide']}"
    )
