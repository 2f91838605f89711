"""Object access for the satisfaction surveys: return the round or raise 404 / 403.

Another garden's round answers 404 (its figures are not theirs to know about); a round of the
user's own garden that they may read but not send answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kollegium.network import permissions
from kollegium.network.models import Garden
from kollegium.surveys import selectors
from kollegium.surveys.models import SurveyRound


def get_round_for_view(user, pk: int) -> SurveyRound:
    """A round of the user's own garden (any round, for the coordinator)."""
    return get_object_or_404(selectors.visible_rounds(user), pk=pk)


def get_round_for_manage(user, pk: int) -> SurveyRound:
    """A round the user may send and remind: their garden's leader, or the coordinator."""
    survey_round = get_round_for_view(user, pk)
    if not permissions.can_manage_survey(user, survey_round.garden_id):
        raise PermissionDenied
    return survey_round


def get_garden_for_new_round(user, slug: str) -> Garden:
    """A garden the user may start a round for; another garden answers 403 (gardens are
    public), and so does the user's own garden when they are not its leader."""
    garden = get_object_or_404(Garden, slug=slug)
    if not permissions.can_manage_survey(user, garden.pk):
        raise PermissionDenied
    return garden


def my_garden(user) -> Garden | None:
    person = permissions.person_of(user)
    return person.garden if person is not None else None
