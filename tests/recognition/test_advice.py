"""What the next level asks, in the partner's own terms: how many people still have to act, and what."""

from types import SimpleNamespace

from recognition.advice import more_needed, steps
from recognition.levels import Result, Shortfall


def card(shortfalls, **counts):
    return SimpleNamespace(result=Result(None, 50, None, shortfalls), counts=counts)


def test_more_needed_counts_as_the_scorecard_rounds():
    assert more_needed(5, 10, 60) == 1
    assert more_needed(1, 3, 50) == 1  # 2 of 3 is 67
    assert more_needed(2, 8, 31) == 1  # 3 of 8 is 37.5, shown as 38
    assert more_needed(6, 10, 60) == 0
    assert more_needed(0, 0, 10) is None


def test_people_to_act_are_counted_in_singular_and_plural():
    one = steps(card([Shortfall("training", 60, 50)], training=(5, 10)))
    three = steps(card([Shortfall("tools", 80, 50)], tools=(5, 10)))
    voice = steps(card([Shortfall("voice", 20, 10)], voice=(1, 10)))

    assert one[0].text == "Nog 1 persoon moet alle verplichte modules geldig behalen."
    assert three[0].text == "Nog 3 mensen moeten een rekenhulp of checklist gebruiken."
    assert voice[0].text == "Nog 1 persoon moet een tekst laten toetsen."


def test_a_total_to_reach_says_where_it_stands():
    [step] = steps(card([Shortfall("overall", 75, 60)]))

    assert str(step.label) == "Totaalscore"
    assert step.text == "Nu 60, nodig is minstens 75. Verbeter vooral de maatstaven die het zwaarst wegen."
