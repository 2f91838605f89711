"""The survey pages: the staff's rounds and results, and the companies' form by their link."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from kollegium.surveys.links import answer_token
from kollegium.surveys.models import SurveyResponse, SurveyRound
from kollegium.surveys.tests.factories import SurveyInvitationFactory, answered, sent_round


@pytest.fixture
def invitation(garden_b, company_b):
    survey_round = sent_round(garden_b, 2025, [])
    return SurveyInvitationFactory(round=survey_round, company=company_b)


def _answer_url(invitation):
    return reverse("surveys:answer", args=[answer_token(invitation)])


def test_a_company_answers_by_its_link_without_an_account(client, invitation):
    url = _answer_url(invitation)

    form = client.get(url)
    response = client.post(url, {"score": "9", "did_well": "Gode råd", "to_improve": ""})

    assert form.status_code == 200
    assert "Røros Mat AS" in form.content.decode()
    assert form["Cache-Control"] == "private, no-store"
    assert response.status_code == 200
    assert "Your answer has been saved" in response.content.decode()
    assert list(SurveyResponse.objects.values_list("score", "did_well")) == [(9, "Gode råd")]


def test_a_second_contact_of_the_company_is_told_it_has_answered(client, invitation):
    answered(invitation, 9)
    url = _answer_url(invitation)

    seen = client.get(url)
    refused = client.post(url, {"score": "2"})

    assert "Røros Mat AS has already answered this survey" in seen.content.decode()
    assert '<form method="post" class="k-stack"' not in seen.content.decode()
    assert refused.status_code == 409
    assert "Your answer was not saved" in refused.content.decode()
    assert list(SurveyResponse.objects.values_list("score", flat=True)) == [9]


def test_it_shows_the_missing_score_on_the_form(client, invitation):
    response = client.post(_answer_url(invitation), {"score": "", "did_well": "Bra"})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_bad_link_answers_404(client, invitation):
    token = answer_token(invitation)

    response = client.get(reverse("surveys:answer", args=[token[:-2] + "xx"]))

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_form_speaks_bokmal_and_switches_language(client, invitation, settings):
    settings.LANGUAGE_CODE = "nb"
    url = _answer_url(invitation)

    norwegian = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url)

    assert norwegian.content.decode().count('lang="nb"') == 1
    assert 'lang="en"' in english.content.decode()
    assert "What do you think of Rørosregionen Næringshage?" in english.content.decode()
    translation.activate("en")


def test_the_leader_creates_and_sends_a_round(
    signed_in, diana, garden_b, company_b, django_capture_on_commit_callbacks
):
    client = signed_in(diana)

    created = client.post(
        reverse("surveys:create", args=[garden_b.slug]), {"year": "2026", "intro": "Hei!"}
    )
    survey_round = SurveyRound.objects.get(garden=garden_b, year=2026)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("surveys:send", args=[survey_round.pk]))

    assert created.status_code == 302
    assert created["Location"] == survey_round.get_absolute_url()
    assert sent.status_code == 302
    survey_round.refresh_from_db()
    assert survey_round.sent_at is not None
    assert [m.to for m in mail.outbox] == [[company_b.contacts.get().email]]
    assert "Hei!" in mail.outbox[0].body
    assert re.search(r"/surveys/a/\S+/", mail.outbox[0].body)


def test_a_second_round_in_the_same_year_is_refused_on_the_form(signed_in, diana, garden_b):
    sent_round(garden_b, 2026, [])

    response = signed_in(diana).post(
        reverse("surveys:create", args=[garden_b.slug]), {"year": "2026"}
    )

    assert response.status_code == 400
    assert "already has a survey for this year" in response.content.decode()
    assert SurveyRound.objects.count() == 1


def test_the_advisor_reads_the_results_but_cannot_send(signed_in, charlie, garden_b):
    survey_round = sent_round(garden_b, 2025, [10, 3, None])
    invitation = survey_round.invitations.first()
    invitation.response.to_improve = "Svar raskere"
    invitation.response.save()
    client = signed_in(charlie)

    page = client.get(survey_round.get_absolute_url())
    remind = client.post(reverse("surveys:remind", args=[survey_round.pk]))
    create = client.get(reverse("surveys:create", args=[garden_b.slug]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Svar raskere" in text
    assert "66.7 % (2 of 3 companies)" in text
    assert "Remind those who have not answered" not in text
    assert remind.status_code == 403
    assert create.status_code == 403


def test_another_gardens_staff_do_not_see_the_round(signed_in, bob, garden_b):
    survey_round = sent_round(garden_b, 2025, [10])

    response = signed_in(bob).get(survey_round.get_absolute_url())

    assert response.status_code == 404


def test_the_list_shows_my_gardens_rounds_and_the_coordinator_all(
    signed_in, bob, cora, garden_a, garden_b
):
    sent_round(garden_a, 2025, [9, None])
    sent_round(garden_b, 2025, [3])

    mine = signed_in(bob).get(reverse("surveys:list")).content.decode()
    everyone = signed_in(cora).get(reverse("surveys:list")).content.decode()

    assert "Orkdalsregionen" in mine and "Rørosregionen" not in mine
    assert "Orkdalsregionen" in everyone and "Rørosregionen" in everyone
    assert "New survey for Rørosregionen Næringshage" in everyone


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pages_cost_the_same_queries_for_10_and_200_rows(signed_in, cora, garden_b):
    client = signed_in(cora)
    big = sent_round(garden_b, 2025, [n % 11 for n in range(10)])
    for year in range(2000, 2010):
        sent_round(garden_b, year, [])
    client.get(reverse("surveys:list"))  # the first request also loads the session
    small_list, small_round = (
        _queries(client, reverse("surveys:list")),
        _queries(client, big.get_absolute_url()),
    )
    for n in range(190):
        answered(SurveyInvitationFactory(round=big), n % 11)
    SurveyRound.objects.bulk_create(SurveyRound(garden=garden_b, year=1800 + n) for n in range(190))

    assert _queries(client, reverse("surveys:list")) == small_list
    assert _queries(client, big.get_absolute_url()) == small_round
