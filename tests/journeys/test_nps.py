"""NPS arithmetic without Django: who is a promoter, and the score of a group of answers in whole points."""

from fractions import Fraction

import pytest

from journeys.nps import Nps, category, is_low

CATEGORIES = [
    (0, "detractor"),
    (6, "detractor"),
    (7, "passive"),
    (8, "passive"),
    (9, "promoter"),
    (10, "promoter"),
]


@pytest.mark.parametrize(("score", "expected"), CATEGORIES)
def test_every_boundary_falls_in_its_category(score, expected):
    assert category(score) == expected


@pytest.mark.parametrize(("score", "low"), [(0, True), (6, True), (7, False), (10, False)])
def test_only_detractors_are_low(score, low):
    assert is_low(score) is low


@pytest.mark.parametrize(
    "score",
    [
        pytest.param(-1, id="below-zero"),
        pytest.param(11, id="above-ten"),
        pytest.param(7.5, id="a-fraction"),
        pytest.param(7.0, id="a-whole-float"),
        pytest.param("7", id="text"),
        pytest.param(True, id="true-is-not-one"),
        pytest.param(False, id="false-is-not-zero"),
        pytest.param(None, id="nothing"),
    ],
)
def test_anything_but_a_whole_number_from_0_to_10_is_refused(score):
    with pytest.raises(ValueError, match="whole number from 0 to 10"):
        category(score)
    with pytest.raises(ValueError, match="whole number from 0 to 10"):
        Nps.of([9, score])


# (scores, (promoters, passives, detractors), the score by hand)
GROUPS = [
    pytest.param([10, 9, 9, 8, 3], (3, 1, 1), 40, id="3-promoters-1-passive-1-detractor"),
    pytest.param([0, 6, 2, 5], (0, 0, 4), -100, id="all-detractors"),
    pytest.param([9, 10], (2, 0, 0), 100, id="all-promoters"),
    pytest.param([7, 8, 7], (0, 3, 0), 0, id="all-passives"),
    pytest.param([10, 0], (1, 0, 1), 0, id="promoters-cancel-detractors"),
    pytest.param([9, 7, 7, 7, 7, 7, 7, 7], (1, 7, 0), 13, id="12.5-rounds-up-away-from-zero"),
    pytest.param([6, 7, 7, 7, 7, 7, 7, 7], (0, 7, 1), -13, id="minus-12.5-rounds-down-away-from-zero"),
    pytest.param([10] + [8] * 39, (1, 39, 0), 3, id="2.5-is-not-rounded-to-even"),
    pytest.param([9, 9, 8], (2, 1, 0), 67, id="two-thirds-rounds-up"),
    pytest.param([9, 8, 8], (1, 2, 0), 33, id="one-third-rounds-down"),
    pytest.param([0, 0, 8], (0, 1, 2), -67, id="minus-two-thirds-rounds-away-from-zero"),
    pytest.param([0, 8, 8], (0, 2, 1), -33, id="minus-one-third-rounds-toward-zero"),
]


@pytest.mark.parametrize(("scores", "counts", "expected"), GROUPS)
def test_the_score_of_known_groups(scores, counts, expected):
    nps = Nps.of(scores)

    assert (nps.promoters, nps.passives, nps.detractors) == counts
    assert nps.answers == len(scores)
    assert nps.score == expected


def test_the_exact_score_is_a_fraction_of_points():
    assert Nps.of([9, 7, 7, 7, 7, 7, 7, 7]).exact == Fraction(25, 2)
    assert Nps.of([0, 8, 8]).exact == Fraction(-100, 3)


def test_without_answers_there_is_no_score():
    nps = Nps.of([])

    assert nps == Nps()
    assert nps.answers == 0
    assert nps.exact is None
    assert nps.score is None
    assert nps.percentage(0) is None


def test_an_iterator_of_scores_is_counted_once():
    assert Nps.of(iter([10, 9, 3])) == Nps(2, 0, 1)


@pytest.mark.parametrize(
    ("nps", "count", "expected"),
    [
        pytest.param(Nps(3, 1, 1), 3, 60, id="three-of-five"),
        pytest.param(Nps(3, 1, 1), 1, 20, id="one-of-five"),
        pytest.param(Nps(1, 7, 0), 1, 13, id="12.5-rounds-up"),
        pytest.param(Nps(1, 7, 0), 7, 88, id="87.5-rounds-up"),
        pytest.param(Nps(1, 39, 0), 1, 3, id="2.5-rounds-up-not-to-even"),
        pytest.param(Nps(1, 2, 0), 2, 67, id="two-thirds"),
        pytest.param(Nps(0, 0, 4), 4, 100, id="all"),
        pytest.param(Nps(0, 0, 4), 0, 0, id="none"),
    ],
)
def test_a_percentage_of_the_answers_in_whole_points(nps, count, expected):
    assert nps.percentage(count) == expected


def test_groups_add_up_count_by_count():
    assert Nps(1, 2, 3) + Nps(4, 5, 6) == Nps(5, 7, 9)
    assert Nps() + Nps(2, 0, 1) == Nps(2, 0, 1)


def test_the_score_of_a_sum_is_not_the_mean_of_the_scores():
    one_promoter, three_detractors = Nps.of([10]), Nps.of([0, 0, 0])

    assert (one_promoter.score, three_detractors.score) == (100, -100)
    assert (one_promoter + three_detractors).score == -50


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (0, 0, -1)])
def test_counts_cannot_be_negative(counts):
    with pytest.raises(ValueError, match="negative"):
        Nps(*counts)
