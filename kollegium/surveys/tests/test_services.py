"""Survey rounds: who creates and sends them, the e-mails, the one answer per company and the
reminder."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kollegium.companies.tests.factories import ContactFactory
from kollegium.core.models import AuditEntry
from kollegium.surveys import services
from kollegium.surveys.links import answer_token, invitation_for_token
from kollegium.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound
from kollegium.surveys.tests.factories import SurveyRoundFactory

LINK = re.compile(r"http://\S+/surveys/a/(\S+)/")


def _links(messages) -> dict[str, str]:
    """{recipient: token of the link in their e-mail}"""
    return {m.to[0]: LINK.search(m.body).group(1) for m in messages}


def _send(round_, actor, capture):
    with capture(execute=True):
        return services.survey_round_send(actor=actor.user, survey_round=round_)


def test_it_lets_the_leader_create_a_round_for_their_garden(diana, garden_b):
    survey_round = services.survey_round_create(
        actor=diana.user, garden=garden_b, year=2026, intro="  Hei!  "
    )

    assert SurveyRound.objects.filter(
        pk=survey_round.pk, garden=garden_b, year=2026, intro="Hei!", sent_at=None
    ).exists()
    assert survey_round.created_by == diana
    assert AuditEntry.objects.filter(action="surveys.round.created").count() == 1


@pytest.mark.parametrize("who", ["charlie", "bob", "alice"])
def test_it_refuses_advisors_and_other_gardens_leaders(request, who, garden_b):
    person = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.survey_round_create(actor=person.user, garden=garden_b, year=2026)
    assert not SurveyRound.objects.exists()


def test_it_lets_the_coordinator_create_a_round_for_any_garden(cora, garden_b):
    services.survey_round_create(actor=cora.user, garden=garden_b, year=2026)

    assert SurveyRound.objects.filter(garden=garden_b, year=2026).count() == 1


def test_it_allows_one_round_per_garden_and_year(diana, garden_b):
    SurveyRoundFactory(garden=garden_b, year=2026)

    with pytest.raises(ValidationError) as error:
        services.survey_round_create(actor=diana.user, garden=garden_b, year=2026)

    assert "already has a survey for this year" in str(error.value)
    assert SurveyRound.objects.count() == 1


def test_it_invites_each_company_once_and_mails_each_contact_its_link(
    diana, garden_b, companies_b, django_capture_on_commit_callbacks
):
    survey_round = SurveyRoundFactory(garden=garden_b, year=2026)

    count = _send(survey_round, diana, django_capture_on_commit_callbacks)

    # Stille AS has no contact with an e-mail address; Gruvedrift's two contacts share one.
    assert count == 3
    invited = SurveyInvitation.objects.filter(round=survey_round)
    assert sorted(invited.values_list("company__name", "recipients")) == [
        ("Fjellbakeriet AS", 2),
        ("Gruvedrift AS", 1),
        ("Røros Mat AS", 1),
    ]
    links = _links(mail.outbox)
    assert len(mail.outbox) == 4
    assert links["anne@fjell.example"] == links["per@fjell.example"]
    assert len(set(links.values())) == 3
    fjell = invitation_for_token(links["anne@fjell.example"])
    assert fjell.company == companies_b["fjell"]
    assert "Rørosregionen Næringshage" in mail.outbox[0].subject
    survey_round.refresh_from_db()
    assert survey_round.sent_at is not None
    assert AuditEntry.objects.get(action="surveys.round.sent").data["companies"] == 3


def test_it_sends_a_round_only_once(
    diana, garden_b, companies_b, django_capture_on_commit_callbacks
):
    survey_round = SurveyRoundFactory(garden=garden_b, year=2026)
    _send(survey_round, diana, django_capture_on_commit_callbacks)
    mail.outbox = []

    with pytest.raises(ValidationError) as error:
        _send(survey_round, diana, django_capture_on_commit_callbacks)

    assert error.value.code == "already_sent"
    assert mail.outbox == []
    assert SurveyInvitation.objects.count() == 3


def test_it_refuses_to_send_when_no_company_has_an_address(bob, garden_a, company_a):
    survey_round = SurveyRoundFactory(garden=garden_a, year=2026)

    with pytest.raises(ValidationError) as error:
        services.survey_round_send(actor=bob.user, survey_round=survey_round)

    assert error.value.code == "no_recipients"
    survey_round.refresh_from_db()
    assert survey_round.sent_at is None


def test_the_advisor_cannot_send(charlie, garden_b, companies_b):
    survey_round = SurveyRoundFactory(garden=garden_b, year=2026)

    with pytest.raises(PermissionDenied):
        services.survey_round_send(actor=charlie.user, survey_round=survey_round)
    assert not SurveyInvitation.objects.exists()


@pytest.fixture
def sent(diana, garden_b, companies_b, django_capture_on_commit_callbacks):
    survey_round = SurveyRoundFactory(garden=garden_b, year=2026)
    _send(survey_round, diana, django_capture_on_commit_callbacks)
    links = _links(mail.outbox)
    mail.outbox = []
    return survey_round, {
        "fjell": invitation_for_token(links["anne@fjell.example"]),
        "gruve": invitation_for_token(links["ola@gruve.example"]),
    }


def test_the_first_answer_of_a_company_counts(sent):
    survey_round, invitations = sent

    services.survey_answer_submit(invitation=invitations["fjell"], score=9, did_well=" Raske ")
    with pytest.raises(services.AlreadyAnswered) as error:
        services.survey_answer_submit(invitation=invitations["fjell"], score=2)

    assert "Fjellbakeriet AS has already answered" in str(error.value)
    assert list(SurveyResponse.objects.values_list("score", "did_well", "round")) == [
        (9, "Raske", survey_round.pk)
    ]
    assert AuditEntry.objects.filter(action="surveys.answer.submitted").count() == 1


@pytest.mark.parametrize("score", [-1, 11, "ti", None])
def test_it_refuses_a_score_outside_0_to_10(sent, score):
    with pytest.raises(ValidationError) as error:
        services.survey_answer_submit(invitation=sent[1]["fjell"], score=score)

    assert "score" in error.value.error_dict
    assert not SurveyResponse.objects.exists()


def test_it_takes_0_and_10(sent):
    services.survey_answer_submit(invitation=sent[1]["fjell"], score=0)
    services.survey_answer_submit(invitation=sent[1]["gruve"], score=10)

    assert sorted(SurveyResponse.objects.values_list("score", flat=True)) == [0, 10]


def test_it_takes_no_answer_after_the_closing_date(sent):
    survey_round, invitations = sent
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    SurveyRound.objects.filter(pk=survey_round.pk).update(closes_on=yesterday)
    invitations["fjell"].round.refresh_from_db()

    with pytest.raises(services.SurveyClosed) as error:
        services.survey_answer_submit(invitation=invitations["fjell"], score=8)

    assert "This survey closed on" in str(error.value)
    assert not SurveyResponse.objects.exists()


def test_it_reminds_only_companies_without_an_answer_and_only_once(
    settings, sent, diana, companies_b, django_capture_on_commit_callbacks
):
    survey_round, invitations = sent
    services.survey_answer_submit(invitation=invitations["fjell"], score=9)
    # A contact added after the first e-mail gets the reminder too.
    ContactFactory(company=invitations["gruve"].company, name="Ny", email="ny@gruve.example")

    with django_capture_on_commit_callbacks(execute=True):
        count = services.survey_round_remind(actor=diana.user, survey_round=survey_round)
    with pytest.raises(ValidationError) as again:
        services.survey_round_remind(actor=diana.user, survey_round=survey_round)

    assert count == 2
    assert again.value.code == "already_reminded"
    contact_b = companies_b["company_b"].contacts.get().email
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [contact_b, "ny@gruve.example", "ola@gruve.example"]
    )
    # The e-mails go out in bokmål.
    assert all(m.subject.startswith("Påminnelse") for m in mail.outbox)
    links = _links(mail.outbox)
    assert links["ola@gruve.example"] == answer_token(invitations["gruve"])
    survey_round.refresh_from_db()
    assert survey_round.reminded_at is not None
    assert SurveyInvitation.objects.filter(reminded_at__isnull=False).count() == 2


def test_it_does_not_remind_before_sending(diana, garden_b):
    survey_round = SurveyRoundFactory(garden=garden_b, year=2026)

    with pytest.raises(ValidationError) as error:
        services.survey_round_remind(actor=diana.user, survey_round=survey_round)

    assert error.value.code == "not_sent"


def test_a_tampered_or_unknown_token_finds_nothing(sent):
    token = answer_token(sent[1]["fjell"])
    pk, signature = token.split(".", 1)

    assert invitation_for_token(token) == sent[1]["fjell"]
    assert invitation_for_token(f"{int(pk) + 1}.{signature}") is None
    assert invitation_for_token(pk) is None
    assert invitation_for_token("x" * 200) is None
    assert invitation_for_token("") is None
