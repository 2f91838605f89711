"""Crawl every UI URL as anonymous and as each role of garden A against garden B's objects.

Every named URL must be classified below, so a new view cannot skip the matrix.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kollegium.api.services import token_issue
from kollegium.core.tests import plugged
from kollegium.methods.tests import matrix as methods_matrix
from kollegium.programme.tests import matrix_day as day_matrix
from kollegium.programme.tests import matrix_events as events_matrix
from kollegium.programme.tests import matrix_signup as signup_matrix

PUBLIC = "public"  # anyone: 200
STAFF_READ = "staff_read"  # staff of any garden may read: 200; anonymous: login
DENIED = "denied"  # garden A's advisor, leader and coordinator get 403/404
DENIED_EXCEPT_COORDINATOR = "denied_except_coordinator"  # the coordinator may, others 403/404
COORDINATOR_ONLY = "coordinator_only"  # no garden's object: only the coordinator may

# url name -> (rule, function of the cast giving the URL kwargs)
URLS = {
    "healthz": (PUBLIC, lambda c: {}),
    "public:network": (PUBLIC, lambda c: {}),
    "public:garden": (PUBLIC, lambda c: {"slug": c["garden_b"].slug}),
    "login": (PUBLIC, lambda c: {}),
    "password_reset": (PUBLIC, lambda c: {}),
    "password_reset_done": (PUBLIC, lambda c: {}),
    "password_reset_complete": (PUBLIC, lambda c: {}),
    "home": (STAFF_READ, lambda c: {}),
    "network:directory": (STAFF_READ, lambda c: {}),
    "network:person": (STAFF_READ, lambda c: {"pk": c["charlie"].pk}),
    "network:areas": (STAFF_READ, lambda c: {}),
    "network:profile_edit": (DENIED, lambda c: {"pk": c["charlie"].pk}),
    "network:token_create": (DENIED, lambda c: {"pk": c["charlie"].pk}),
    "network:token_delete": (
        DENIED,
        lambda c: {"pk": c["charlie"].pk, "token_pk": c["charlie_token"].pk},
    ),
    "network:garden_edit": (DENIED_EXCEPT_COORDINATOR, lambda c: {"slug": c["garden_b"].slug}),
    "network:garden_staff": (DENIED, lambda c: {"slug": c["garden_b"].slug}),
    "network:staff_set_active": (
        DENIED,
        lambda c: {"slug": c["garden_b"].slug, "pk": c["charlie"].pk},
    ),
    "network:network_edit": (COORDINATOR_ONLY, lambda c: {}),
    "network:area_create": (COORDINATOR_ONLY, lambda c: {}),
    "network:area_edit": (COORDINATOR_ONLY, lambda c: {"slug": c["area"].slug}),
    "companies:list": (STAFF_READ, lambda c: {}),
    "companies:detail": (STAFF_READ, lambda c: {"org_number": c["company_b"].org_number}),
    # Any staff member may register a company, and relate their own garden to any company.
    "companies:create": (STAFF_READ, lambda c: {}),
    "companies:relate": (STAFF_READ, lambda c: {"org_number": c["company_b"].org_number}),
    "companies:edit": (DENIED, lambda c: {"org_number": c["company_b"].org_number}),
    "companies:contact_create": (DENIED, lambda c: {"org_number": c["company_b"].org_number}),
    "companies:contact_edit": (DENIED, lambda c: _company_b_row(c, "contact_b")),
    "companies:contact_delete": (DENIED, lambda c: _company_b_row(c, "contact_b")),
    "companies:need_create": (DENIED, lambda c: {"org_number": c["company_b"].org_number}),
    "companies:need": (DENIED, lambda c: _company_b_row(c, "need_b")),
    "companies:need_edit": (DENIED, lambda c: _company_b_row(c, "need_b")),
    "companies:need_status": (DENIED, lambda c: _company_b_row(c, "need_b")),
    # kollegium.methods: garden B's method is visible to the network, so every staff member
    # reads, comments, pilots and adopts it; only garden B edits it; the coordinator also moves
    # it and changes any pilot. The public library shows garden B's publicly shared method.
    # "adoption_remove" withdraws the user's own garden's adoption (none here: 404).
    "methods:board": (STAFF_READ, lambda c: {}),
    "methods:list": (STAFF_READ, lambda c: {}),
    "methods:spread": (STAFF_READ, lambda c: {}),
    "methods:create": (STAFF_READ, lambda c: {}),
    "methods:import_package": (STAFF_READ, lambda c: {}),
    "methods:detail": (STAFF_READ, methods_matrix.method_b),
    "methods:package": (STAFF_READ, methods_matrix.method_b),
    "methods:attachment": (STAFF_READ, methods_matrix.attachment_b),
    "methods:comment": (STAFF_READ, methods_matrix.method_b),
    "methods:pilot_create": (STAFF_READ, methods_matrix.method_b),
    "methods:adopt": (STAFF_READ, methods_matrix.method_b),
    "methods:versions": (STAFF_READ, methods_matrix.method_b),
    "methods:version": (STAFF_READ, methods_matrix.version_b),
    "methods:edit": (DENIED, methods_matrix.method_b),
    "methods:attachment_add": (DENIED, methods_matrix.method_b),
    "methods:attachment_delete": (DENIED, methods_matrix.attachment_b),
    "methods:adoption_remove": (DENIED, methods_matrix.method_b),
    "methods:move": (DENIED_EXCEPT_COORDINATOR, methods_matrix.method_b),
    "methods:pilot_edit": (DENIED_EXCEPT_COORDINATOR, methods_matrix.pilot_b),
    "library:list": (PUBLIC, lambda c: {}),
    "library:detail": (PUBLIC, methods_matrix.public_b),
    "library:package": (PUBLIC, methods_matrix.public_b),
    "library:attachment": (PUBLIC, lambda c: methods_matrix.attachment_b(c, public=True)),
    "methods_feed": (PUBLIC, lambda c: {}),
    # kollegium.companies register import: the register lookup of the company form reads
    # public register data (any staff member).
    "companies:lookup": (STAFF_READ, lambda c: {}),
    # kollegium.indicators: every staff member reads the programme figures and may import
    # (each row must be a company of their own garden); company_b's figures are garden B's.
    "indicators:programme": (STAFF_READ, lambda c: {}),
    "indicators:import": (STAFF_READ, lambda c: {}),
    "indicators:template_csv": (STAFF_READ, lambda c: {}),
    "indicators:template_xlsx": (STAFF_READ, lambda c: {}),
    "indicators:keyfigure_create": (DENIED, lambda c: {"org_number": c["company_b"].org_number}),
    "indicators:keyfigure_edit": (DENIED, lambda c: _key_figure_b(c)),
    "indicators:keyfigure_delete": (DENIED, lambda c: _key_figure_b(c)),
    "indicators:programme_year": (DENIED, lambda c: {"org_number": c["company_b"].org_number}),
    # kollegium.programme events: the programme, calendar, print view, published event pages
    # and the iCalendar feeds are public; garden B's event is managed by garden B's staff and
    # the coordinator only.
    "programme:list": (PUBLIC, lambda c: {}),
    "programme:calendar": (PUBLIC, lambda c: {}),
    "programme:calendar_month": (PUBLIC, lambda c: {"year": 2026, "month": 9}),
    "programme:print": (PUBLIC, lambda c: {"semester": "2026-autumn"}),
    "programme:event": (PUBLIC, events_matrix.event_b),
    "programme:event_ics": (PUBLIC, events_matrix.event_b),
    "ical:network": (PUBLIC, lambda c: {}),
    "ical:garden": (PUBLIC, lambda c: {"slug": c["garden_b"].slug}),
    "ical:format": (PUBLIC, lambda c: {"format": "breakfast"}),
    "ical:area": (PUBLIC, lambda c: {"slug": c["area"].slug}),
    "programme:manage": (STAFF_READ, lambda c: {}),
    "programme:event_create": (STAFF_READ, lambda c: {}),
    "programme:event_edit": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:event_publish": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:event_copy": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:event_cancel": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:questions": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:question_edit": (DENIED_EXCEPT_COORDINATOR, events_matrix.question_b),
    "programme:question_delete": (DENIED_EXCEPT_COORDINATOR, events_matrix.question_b),
    # kollegium.programme event day: garden B's participants, check-in and feedback are for
    # garden B's staff and the coordinator; every staff member reads the feedback averages; the
    # feedback form is reached by its link, without an account.
    "programme:day_participants": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_add": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_move": (DENIED_EXCEPT_COORDINATOR, day_matrix.registration_b),
    "programme:day_export_csv": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_export_xlsx": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_checkin": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_walk_in": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:day_mark": (DENIED_EXCEPT_COORDINATOR, day_matrix.registration_b),
    "programme:day_let_in": (DENIED_EXCEPT_COORDINATOR, day_matrix.registration_b),
    "programme:feedback_results": (DENIED_EXCEPT_COORDINATOR, events_matrix.event_b),
    "programme:feedback_summary": (STAFF_READ, lambda c: {}),
    "programme:feedback_form": (PUBLIC, day_matrix.feedback_b),
    # kollegium.programme sign-up: the form, the company look-up, the privacy notice and the
    # participant's own link are public (the link's token is the key); any staff member may
    # sign up employees of a company their garden serves for any event, also garden B's.
    "programme:signup": (PUBLIC, events_matrix.event_b),
    "programme:signup_company_lookup": (PUBLIC, lambda c: {}),
    "programme:privacy": (PUBLIC, lambda c: {}),
    "programme:registration": (PUBLIC, signup_matrix.registration_link_b),
    "programme:registration_cancel": (PUBLIC, signup_matrix.registration_link_b),
    "programme:registration_erase": (PUBLIC, signup_matrix.registration_link_b),
    "programme:registration_accept": (PUBLIC, signup_matrix.registration_link_b),
    "programme:signup_many": (STAFF_READ, events_matrix.event_b),
    **plugged.urls(),
}


def _key_figure_b(cast):
    """Company B's figures for 2023 (created on first use), as URL kwargs."""
    from kollegium.indicators.tests.factories import KeyFigureFactory

    figure = KeyFigureFactory(company=cast["company_b"], year=2023)
    return {"org_number": cast["company_b"].org_number, "year": figure.year}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Files the crawl stores (a method's attachment) stay in this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _company_b_row(cast, key):
    return {"org_number": cast["company_b"].org_number, "pk": cast[key].pk}


# Not ours to crawl: Django's admin (operator only, tested by Django), the language switch,
# the password-reset confirmation (needs a signed token), the API (its own matrix).
SKIPPED_PREFIXES = ("admin:", "api:", "set_language", "password_reset_confirm", "logout")


def _named_urls(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_urls(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name


def test_it_classifies_every_named_url():
    names = {n for n in _named_urls() if not n.startswith(SKIPPED_PREFIXES)}
    assert names - set(URLS) == set(), "classify these URLs in the permission matrix"


@pytest.fixture
def cast(garden_a, garden_b, alice, bob, cora, charlie, diana, area, company_a, company_b):
    token, _raw = token_issue(actor=None, user=charlie.user)
    return {
        "garden_a": garden_a,
        "garden_b": garden_b,
        "alice": alice,
        "bob": bob,
        "cora": cora,
        "charlie": charlie,
        "area": area,
        "company_b": company_b,
        "need_b": company_b.needs.get(),
        "contact_b": company_b.contacts.get(),
        "charlie_token": token,
    }


def _urls():
    return sorted(URLS)


@pytest.mark.parametrize("name", _urls())
def test_anonymous_visitors_get_only_public_pages(client, cast, name):
    rule, kwargs = URLS[name]
    url = reverse(name, kwargs=kwargs(cast))
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if rule == PUBLIC:
            assert response.status_code in (200, 302, 405), (method, url)
            assert "login" not in response.get("Location", ""), (method, url)
        else:
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(reverse("login")), (method, url)


@pytest.mark.parametrize("role", ["alice", "bob", "cora"])
@pytest.mark.parametrize("name", _urls())
def test_garden_a_cannot_touch_garden_b(client, cast, role, name):
    rule, kwargs = URLS[name]
    url = reverse(name, kwargs=kwargs(cast))
    client.force_login(cast[role].user)
    allowed = rule in (PUBLIC, STAFF_READ) or (
        role == "cora" and rule in (DENIED_EXCEPT_COORDINATOR, COORDINATOR_ONLY)
    )
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        if allowed:
            # 400: an empty form posted to a view that answers bad input with 400.
            assert response.status_code in (200, 302, 400, 405), (method, url)
        else:
            # A POST-only view answers GET with 405, which reveals nothing either.
            denied = (403, 404, 405) if method == "get" else (403, 404)
            assert response.status_code in denied, (role, method, url)
    # Garden B's objects are as they were.
    cast["charlie"].refresh_from_db()
    assert cast["charlie"].user.is_active
    need = cast["need_b"]
    assert need.__class__.objects.filter(pk=need.pk, text=need.text, status=need.status).exists()
    contact = cast["contact_b"]
    assert contact.__class__.objects.filter(pk=contact.pk, name=contact.name).exists()
    assert cast["charlie_token"].__class__.objects.filter(pk=cast["charlie_token"].pk).exists()
