"""``kollegium demo_referrals``: referrals between the four INNOMIDT gardens, idempotent."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kollegium.notifications.models import Activity
from kollegium.referrals.models import Referral, Status

DEMO = Path(__file__).resolve().parents[3] / "demo" / "innomidt.json"

pytestmark = pytest.mark.django_db


def test_it_adds_referrals_between_the_four_gardens_once():
    call_command("import_network", str(DEMO), stdout=StringIO())

    call_command("demo_referrals", stdout=StringIO())
    rows = list(Referral.objects.values_list("from_garden__slug", "to_garden__slug", "status"))
    call_command("demo_referrals", stdout=StringIO())

    assert Referral.objects.count() == len(rows) == 6
    gardens = {g for row in rows for g in row[:2]}
    assert len(gardens) == 4
    assert all(a != b for a, b, _s in rows)
    assert {s for *_g, s in rows} == set(Status.values)
    assert Activity.objects.filter(kind="referral_completed").count() == 3
