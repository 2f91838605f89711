"""Crawl every UI URL as anonymous and as each role of garden A against garden B's objects.

Every named URL must be classified below, so a new view cannot skip the matrix.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kollegium.api.services import token_issue

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
}


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
