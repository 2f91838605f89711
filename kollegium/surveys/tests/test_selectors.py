"""The survey figures on hand-made answers: average, NPS, response rate, and the report group."""

from kollegium.indicators.report import Period, Scope
from kollegium.surveys.indicators import satisfaction_group
from kollegium.surveys.selectors import round_results, rounds_with_scores, scores
from kollegium.surveys.tests.factories import SurveyRoundFactory, sent_round


def test_it_computes_average_nps_and_response_rate(garden_b):
    # 8 invited, 6 answered: promoters 10 and 9, passives 8 and 7, detractors 6 and 0.
    survey_round = sent_round(garden_b, 2025, [10, 9, 8, 7, 6, 0, None, None])

    score = scores([survey_round.pk])[survey_round.pk]

    assert (score.invited, score.answered) == (8, 6)
    assert score.response_rate == 75.0
    assert score.average == 6.7  # 40 / 6
    assert (score.promoters, score.passives, score.detractors) == (2, 2, 2)
    assert score.nps == 0


def test_nps_runs_from_minus_100_to_100(garden_a, garden_b):
    all_promoters = sent_round(garden_a, 2025, [10, 9, 9])
    all_detractors = sent_round(garden_b, 2025, [6, None])
    mixed = sent_round(garden_b, 2024, [10, 10, 9, 3])

    found = scores([all_promoters.pk, all_detractors.pk, mixed.pk])

    assert (found[all_promoters.pk].nps, found[all_promoters.pk].average) == (100, 9.3)
    assert (found[all_detractors.pk].nps, found[all_detractors.pk].response_rate) == (-100, 50.0)
    assert (found[mixed.pk].nps, found[mixed.pk].average) == (50, 8.0)


def test_a_round_without_answers_has_no_score(garden_b):
    unanswered = sent_round(garden_b, 2025, [None, None])
    unsent = SurveyRoundFactory(garden=garden_b, year=2026)

    found = scores([unanswered.pk, unsent.pk])

    assert (found[unanswered.pk].response_rate, found[unanswered.pk].nps) == (0.0, None)
    assert found[unanswered.pk].average is None
    assert found[unsent.pk].response_rate is None


def test_the_results_count_each_score_and_list_the_answers_highest_first(garden_b):
    survey_round = sent_round(garden_b, 2025, [7, 10, 7, None])

    results = round_results(survey_round)

    assert dict(results.distribution) == {n: {7: 2, 10: 1}.get(n, 0) for n in range(11)}
    assert [a.score for a in results.answers] == [10, 7, 7]
    assert len(results.invitations) == 4


def test_the_list_costs_the_same_queries_for_10_and_200_rounds(garden_b, django_assert_num_queries):
    rounds = [sent_round(garden_b, 1900 + n, [9]) for n in range(10)]
    with django_assert_num_queries(3):
        rounds_with_scores(type(rounds[0]).objects.all())
    rounds += [sent_round(garden_b, 2000 + n, [9]) for n in range(190)]
    with django_assert_num_queries(3):
        assert len(rounds_with_scores(type(rounds[0]).objects.all())) == 200


def _table(group, key):
    return next(t for t in group.tables if t.key == key)


def test_the_report_group_shows_each_round_beside_the_year_before(garden_a, garden_b):
    sent_round(garden_a, 2025, [10, 9, 9])  # NPS 100, average 9.3, 3 of 3
    sent_round(garden_b, 2025, [10, 6, None, None])  # NPS 0, average 8.0, 2 of 4
    sent_round(garden_b, 2024, [5, None])  # NPS -100, average 5.0, 1 of 2
    SurveyRoundFactory(garden=garden_a, year=2025 - 10)  # never sent: never counted

    group = satisfaction_group(Scope(), Period.year(2025), Period.year(2024))

    rounds = _table(group, "satisfaction_rounds").rows
    assert [r.cells for r in rounds] == [
        ["Næringshagen i Orkdalsregionen 2025", 3, 3, 100.0, 9.3, 100],
        ["Rørosregionen Næringshage 2025", 4, 2, 50.0, 8.0, 0],
    ]
    assert rounds[0].previous is None
    assert rounds[1].previous == [None, 2, 1, 50.0, 5.0, -100]
    total = _table(group, "satisfaction_total").rows[0]
    # 5 answers of 7 invited: 10, 9, 9, 10, 6 -> average 8.8, 4 promoters, 1 detractor.
    assert total.cells[1:] == [7, 5, 71.4, 8.8, 60]
    assert total.previous[1:] == [2, 1, 50.0, 5.0, -100]


def test_the_report_group_keeps_to_the_garden_and_stays_out_of_empty_years(garden_a, garden_b):
    sent_round(garden_a, 2025, [10])
    sent_round(garden_b, 2025, [0])

    garden = satisfaction_group(
        Scope("garden", (garden_b.pk,), garden=garden_b), Period.year(2025), Period.year(2024)
    )
    empty = satisfaction_group(Scope(), Period.year(2023), Period.year(2022))

    assert [r.cells[0] for r in _table(garden, "satisfaction_rounds").rows] == [
        "Rørosregionen Næringshage 2025"
    ]
    assert _table(garden, "satisfaction_total").rows[0].cells[1:] == [1, 1, 100.0, 0.0, -100]
    assert empty is None
