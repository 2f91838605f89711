"""Browser tests: the app on pytest-django's live server, driven by headless Chromium.

Playwright drives Debian's Chromium (/usr/bin/chromium, see bin/install-chromium); it never
downloads a browser. Every test here is marked ``browser`` and put in the xdist group
"browser", so ``pytest -n 2 --dist loadgroup`` runs them all on one worker with one Chromium.
(pytest 9.2 with xdist 3.8 ignores the group, pytest-dev/pytest-xdist#1386: then each worker
starts its own Chromium, which works as well, as each worker has its own test database and live
server.) Deselect them with ``-m "not browser"``.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API runs an asyncio event loop in this thread (in a greenlet) from the
# moment the browser starts until the session ends. Django sees that running loop and refuses
# ORM calls from the test body ("SynchronousOnlyOperation: you cannot call this from an async
# context"), even though nothing here is async: the test thread only blocks on Playwright.
# The live server answers requests in its own thread, so sharing the database is safe. The
# flag has to be process-wide: once the session browser runs, every later test in the same
# (xdist) worker sees the loop too.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright  # noqa: E402

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_LOCALES = {"en": "en-GB", "nb": "nb-NO", "nn": "nn-NO"}
# Failures show within seconds; the live server answers locally.
TIMEOUT_MS = 10_000


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives headless Chromium against live_server")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests in this folder (before xdist reads the group markers)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run bin/install-chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def language():
    """The page language, chosen as a visitor does: the language switch's cookie.

    English by default, so the texts asserted on are the source strings whatever the
    translation catalogues say. Parametrize ``language`` to see the pages in another one.
    """
    return "en"


@pytest.fixture
def browser_context(browser, live_server, language):
    """A fresh browser profile per test: no cookies carried over but the language."""
    context = browser.new_context(
        base_url=live_server.url,
        locale=BROWSER_LOCALES[language],
        viewport={"width": 1280, "height": 900},
    )
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def sign_in_browser(browser_context, live_server):
    """Sign the browser in as a person (or user) without the login form: ``sign_in_browser(bob)``.

    The session is made by Django's test client and its cookie handed to the browser.
    """

    def sign_in(who):
        client = Client()
        client.force_login(getattr(who, "user", who))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        browser_context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in
