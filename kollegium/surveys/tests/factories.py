import factory
from django.utils import timezone

from kollegium.surveys.models import SurveyInvitation, SurveyResponse, SurveyRound


class SurveyRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound

    garden = factory.SubFactory("kollegium.network.tests.factories.GardenFactory")
    year = 2026


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    round = factory.SubFactory(SurveyRoundFactory, sent_at=factory.LazyFunction(timezone.now))
    company = factory.SubFactory("kollegium.companies.tests.factories.CompanyFactory")
    recipients = 1
    sent_at = factory.LazyFunction(timezone.now)


def answered(invitation: SurveyInvitation, score: int, did_well="", to_improve=""):
    """A company's answer made directly (the service is tested on its own)."""
    return SurveyResponse.objects.create(
        invitation=invitation,
        round=invitation.round,
        score=score,
        did_well=did_well,
        to_improve=to_improve,
    )


def sent_round(garden, year: int, scores: list[int | None]) -> SurveyRound:
    """A sent round of ``garden`` with one invited company per score (None: no answer)."""
    survey_round = SurveyRoundFactory(garden=garden, year=year, sent_at=timezone.now())
    for score in scores:
        invitation = SurveyInvitationFactory(round=survey_round)
        if score is not None:
            answered(invitation, score)
    return survey_round
