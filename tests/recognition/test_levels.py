"""The level rules on their own: the total score, what a level asks, and which level a partner reaches."""

import pytest

from recognition.levels import Shortfall, evaluate, overall, shortfalls
from recognition.models import RecognitionLevel

CRITICAL = {"training", "holdings", "nps"}
WEIGHTS = {"training": 3, "quiz": 1, "downloads": 1, "holdings": 2, "tools": 1, "voice": 1, "nps": 3}


def level(name, rank, **minima):
    """An unsaved level: the rules never need the database."""
    return RecognitionLevel(name=name, rank=rank, **minima)


@pytest.fixture
def ladder():
    """The four default levels, as migration 0002 makes them."""
    return [
        level("Brons", 1, min_overall=40),
        level("Zilver", 2, min_overall=60, min_critical=60),
        level("Goud", 3, min_overall=75, min_critical=75),
        level("Ster", 4, min_overall=85, min_critical=90),
    ]


def scores(value=None, **values):
    """Every metric at `value`, except those given."""
    return dict.fromkeys(WEIGHTS, value) | values


# ---------------------------------------------------------------------------
# The total score
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "weights", "expected"),
    [
        ({"training": 80, "nps": 40}, {"training": 3, "nps": 1}, 70),  # (3 × 80 + 40) / 4
        ({"training": 75, "quiz": 80}, {"training": 1, "quiz": 1}, 78),  # 77.5, halves up
        ({"training": 80, "quiz": 0}, {"training": 3, "quiz": 0}, 80),  # weight 0 does not count
        ({"training": 80, "quiz": 0}, {"training": 3}, 80),  # no weight is weight 0
        ({"training": 80, "nps": None}, {"training": 3, "nps": 3}, 80),  # nothing measured does not count
        ({"training": None, "nps": None}, {"training": 3, "nps": 3}, None),
        ({"training": 80}, {"training": 0}, None),
        ({}, WEIGHTS, None),
    ],
)
def test_overall_is_the_weighted_mean_of_what_was_measured(values, weights, expected):
    assert overall(values, weights) == expected


def test_overall_with_the_default_weights():
    values = {"training": 100, "quiz": 90, "downloads": 50, "holdings": None, "tools": 0, "voice": 20, "nps": 60}

    # (3 × 100 + 90 + 50 + 0 + 20 + 3 × 60) / (3 + 1 + 1 + 1 + 1 + 3) = 640 / 10 = 64; holdings is not measured.
    assert overall(values, WEIGHTS) == 64


# ---------------------------------------------------------------------------
# What a level asks
# ---------------------------------------------------------------------------


def test_a_low_total_falls_short():
    gold = level("Goud", 3, min_overall=75)

    assert shortfalls(gold, scores(70), 70, CRITICAL) == [Shortfall("overall", 75, 70)]
    assert shortfalls(gold, scores(), None, CRITICAL) == [Shortfall("overall", 75, None)]
    assert shortfalls(gold, scores(75), 75, CRITICAL) == []


def test_the_critical_minimum_applies_only_to_critical_metrics():
    gold = level("Goud", 3, min_critical=75)
    values = scores(10, training=70, holdings=75, nps=90)

    # quiz, downloads, tools and voice at 10 are not critical; training at 70 is.
    assert shortfalls(gold, values, 50, CRITICAL) == [Shortfall("training", 75, 70)]
    assert shortfalls(gold, values, 50, {"quiz"}) == [Shortfall("quiz", 75, 10)]
    assert shortfalls(gold, values, 50, set()) == []


@pytest.mark.parametrize(
    ("min_training", "min_critical", "critical", "asked"),
    [
        (80, 75, CRITICAL, 80),  # its own minimum is higher
        (60, 75, CRITICAL, 75),  # the critical minimum is higher
        (None, 75, CRITICAL, 75),
        (60, None, CRITICAL, 60),
        (60, 75, {"nps"}, 60),  # training not critical: only its own minimum
        (None, 75, {"nps"}, None),
        (None, None, CRITICAL, None),
    ],
)
def test_a_metric_asks_the_higher_of_its_own_and_the_critical_minimum(min_training, min_critical, critical, asked):
    gold = level("Goud", 3, min_training=min_training, min_critical=min_critical)

    assert gold.minimum_for("training", critical) == asked
    below = [] if asked is None else [Shortfall("training", asked, asked - 1)]
    assert shortfalls(gold, {"training": (asked or 100) - 1}, None, critical) == below


def test_a_metric_with_nothing_to_measure_asks_nothing():
    star = level("Ster", 4, min_critical=90, min_quiz=50)

    assert shortfalls(star, scores(None, training=95, holdings=95), None, CRITICAL) == []


def test_several_shortfalls_come_in_metric_order():
    star = level("Ster", 4, min_overall=85, min_critical=90, min_voice=30)
    values = scores(80, voice=20)

    assert shortfalls(star, values, 75, CRITICAL) == [
        Shortfall("overall", 85, 75),
        Shortfall("training", 90, 80),
        Shortfall("holdings", 90, 80),
        Shortfall("voice", 30, 20),
        Shortfall("nps", 90, 80),
    ]


# ---------------------------------------------------------------------------
# The level reached and the next one
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "reached"),
    [
        (scores(100), "Ster"),
        (scores(90), "Ster"),  # total 90, every critical metric 90
        (scores(100, nps=89), "Goud"),  # one critical metric short of Ster's 90
        (scores(80), "Goud"),  # total short of Ster's 85
        (scores(100, holdings=59), "Brons"),  # a critical metric below Zilver's 60, whatever the total
        (scores(50), "Brons"),
        (scores(30), None),
        # Every critical metric 100, the rest 0: total (3 × 100 + 2 × 100 + 3 × 100) / 12 = 66.7 -> 67.
        (scores(100, quiz=0, downloads=0, tools=0, voice=0), "Zilver"),
    ],
)
def test_the_highest_level_met_is_reached(ladder, values, reached):
    result = evaluate(values, ladder, WEIGHTS, CRITICAL)

    assert (result.level.name if result.level else None) == reached


def test_the_next_level_and_what_it_still_asks(ladder):
    values = scores(80, quiz=100, downloads=100)

    result = evaluate(values, ladder, WEIGHTS, CRITICAL)

    # (3 × 80 + 100 + 100 + 2 × 80 + 80 + 80 + 3 × 80) / 12 = 1000 / 12 = 83.3 -> 83: Goud, not yet Ster.
    assert result.overall == 83
    assert result.level.name == "Goud"
    assert result.next_level.name == "Ster"
    assert result.shortfalls == [
        Shortfall("overall", 85, 83),
        Shortfall("training", 90, 80),
        Shortfall("holdings", 90, 80),
        Shortfall("nps", 90, 80),
    ]


def test_the_top_level_has_no_next_level(ladder):
    result = evaluate(scores(95), ladder, WEIGHTS, CRITICAL)

    assert result.level.name == "Ster"
    assert result.next_level is None
    assert result.shortfalls == []


def test_below_every_level_the_lowest_is_next(ladder):
    result = evaluate(scores(30), ladder, WEIGHTS, CRITICAL)

    assert result.level is None
    assert result.next_level.name == "Brons"
    assert result.shortfalls == [Shortfall("overall", 40, 30)]


def test_nothing_measured_reaches_no_level_with_a_minimum_total(ladder):
    result = evaluate(scores(None), ladder, WEIGHTS, CRITICAL)

    assert result.overall is None
    assert result.level is None
    assert result.next_level.name == "Brons"
    assert result.shortfalls == [Shortfall("overall", 40, None)]


def test_a_partner_without_people_reaches_no_level(ladder):
    result = evaluate(scores(100), ladder, WEIGHTS, CRITICAL, has_people=False)

    assert result.level is None
    assert result.overall == 100
    assert result.next_level.name == "Brons"
    assert result.shortfalls == []


def test_levels_are_taken_by_rank_whatever_their_order(ladder):
    result = evaluate(scores(80), list(reversed(ladder)), WEIGHTS, CRITICAL)

    assert result.level.name == "Goud"
    assert result.next_level.name == "Ster"


def test_a_higher_level_met_counts_even_when_a_lower_one_is_not():
    # A lower level may ask something a higher one does not; the highest level met is the partner's.
    bronze = level("Brons", 1, min_quiz=50)
    silver = level("Zilver", 2, min_overall=60)

    result = evaluate(scores(70, quiz=40), [bronze, silver], WEIGHTS, CRITICAL)

    assert result.level == silver
    assert result.next_level is None


def test_no_levels_no_level():
    result = evaluate(scores(100), [], WEIGHTS, CRITICAL)

    assert (result.level, result.next_level, result.shortfalls) == (None, None, [])
