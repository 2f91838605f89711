"""``kollegium demo_surveys``: last year's round per garden, sent and mostly answered, once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from kollegium.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound

DEMO = Path(__file__).resolve().parents[3] / "demo" / "innomidt.json"

pytestmark = pytest.mark.django_db


def test_it_adds_last_years_answered_rounds_once():
    call_command("import_network", str(DEMO), stdout=StringIO())

    call_command("demo_surveys", stdout=StringIO())
    rounds = list(SurveyRound.objects.values_list("garden__slug", "year", "sent_at"))
    answers = SurveyResponse.objects.count()
    call_command("demo_surveys", stdout=StringIO())

    assert len(rounds) >= 2 and SurveyRound.objects.count() == len(rounds)
    assert {year for _g, year, _s in rounds} == {timezone.localdate().year - 1}
    assert all(sent is not None for *_r, sent in rounds)
    invited = SurveyInvitation.objects.count()
    assert 0 < answers < invited and SurveyResponse.objects.count() == answers
    assert all(0 <= score <= 10 for score in SurveyResponse.objects.values_list("score", flat=True))
