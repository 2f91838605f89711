"""Referrals in the permission matrices: a referral inside garden B (charlie asks a colleague
about garden B's private need), made on first use. Garden A's advisor and leader do not know
it exists (404); the coordinator sees that it exists but is no party to it."""

from kollegium.api.tests.rules import CALLERS, STAFF, created
from kollegium.network.models import Person
from kollegium.network.tests.factories import PersonFactory, UserFactory
from kollegium.referrals.models import Referral, Status
from kollegium.referrals.tests.factories import ReferralFactory


def _colleague_b(garden_b) -> Person:
    person = Person.objects.filter(user__email="bente@roros.example").first()
    return person or PersonFactory(
        garden=garden_b, user=UserFactory(email="bente@roros.example", name="Bente Berg")
    )


def _referral(charlie, need, colleague, status=Status.PENDING) -> Referral:
    found = Referral.objects.filter(need=need, to_person=colleague, status=status).first()
    return found or ReferralFactory(
        need=need, from_person=charlie, to_person=colleague, status=status
    )


def referral_b(cast) -> dict:
    colleague = _colleague_b(cast["garden_b"])
    return {"pk": _referral(cast["charlie"], cast["need_b"], colleague).pk}


def need_b(cast) -> dict:
    return {"org_number": cast["company_b"].org_number, "pk": cast["need_b"].pk}


URLS = {
    "referrals:list": ("staff_read", lambda c: {}),
    # Only garden B's staff (who serve company_b) may ask about its need.
    "referrals:create": ("denied", need_b),
    "referrals:detail": ("denied_except_coordinator", referral_b),
    "referrals:answer": ("denied", referral_b),
    "referrals:message": ("denied", referral_b),
    "referrals:complete": ("denied", referral_b),
}

# Statuses per caller of the API table (kollegium/api/tests/rules.py).
NOT_KNOWN_IN_A = {**STAFF, "alice": 404, "bob": 404}
DIANA_ONLY = {**dict.fromkeys(CALLERS, 403), "anon": 401, "alice": 404, "bob": 404, "diana": 200}
PARTIES = {**DIANA_ONLY, "charlie": 200}
ASK = {**created({**STAFF, "alice": 404, "bob": 404, "cora": 404}), "olga": 403}

API_TABLE = [
    ("GET", "/referrals", None, STAFF),
    # charlie and diana (garden B) ask alice about garden B's private need.
    (
        "POST",
        "/needs/{private_need}/referrals",
        {"to": ["alice@orkdal.example"], "message": "Hjelp?"},
        ASK,
    ),
    ("GET", "/referrals/{referral_b}", None, NOT_KNOWN_IN_A),
    ("POST", "/referrals/{referral_b}/answer", {"accept": True}, DIANA_ONLY),
    # The thread: the two people and those who see the need (garden B, the operator).
    ("GET", "/referrals/{referral_b}/messages", None, {**PARTIES, "olga": 200}),
    ("POST", "/referrals/{referral_b}/messages", {"text": "Hei"}, created(PARTIES)),
    # Accepted by a colleague of charlie's: charlie and that colleague (not diana) complete it.
    ("POST", "/referrals/{accepted_b}/complete", {"helped": True}, {**PARTIES, "diana": 403}),
]

API_PLACEHOLDERS = {"{referral_b}": "{referral_id}", "{accepted_b}": "{referral_id}"}


def api_world(request) -> dict:
    charlie = request.getfixturevalue("charlie")
    diana = request.getfixturevalue("diana")
    need = request.getfixturevalue("private_need")
    return {
        "referral_b": _referral(charlie, need, diana).pk,
        "accepted_b": ReferralFactory(
            need=need,
            from_person=charlie,
            to_person=_colleague_b(charlie.garden),
            status=Status.ACCEPTED,
        ).pk,
    }
