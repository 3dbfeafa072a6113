"""Quiz scoring on plain data: which submissions count as answers, and how a score becomes a pass."""

import pytest

from training.scoring import AnswerError, Question, check_answers, score

SINGLE = Question(id="q-single", kind="single", correct=frozenset({"s-yes"}), choices=frozenset({"s-yes", "s-no"}))
MULTIPLE = Question(
    id="q-multiple",
    kind="multiple",
    correct=frozenset({"m-a", "m-b"}),
    choices=frozenset({"m-a", "m-b", "m-c"}),
)
TRUE_FALSE = Question(
    id="q-true-false", kind="true_false", correct=frozenset({"t-true"}), choices=frozenset({"t-true", "t-false"})
)
QUIZ = [SINGLE, MULTIPLE, TRUE_FALSE]

ALL_CORRECT = {"q-single": {"s-yes"}, "q-multiple": {"m-a", "m-b"}, "q-true-false": {"t-true"}}


def answers(**changes):
    """The all-correct answers with some questions answered differently (keys use _ for -)."""
    result = {key: set(value) for key, value in ALL_CORRECT.items()}
    for key, value in changes.items():
        result[key.replace("_", "-")] = set(value)
    return result


def test_all_correct_scores_100_and_passes_at_100():
    result = score(QUIZ, ALL_CORRECT)

    assert result.correct_questions == {"q-single", "q-multiple", "q-true-false"}
    assert result.total == 3
    assert result.percentage == 100
    assert result.passed(100)


def test_partially_correct_counts_only_the_right_questions():
    result = score(QUIZ, answers(q_single={"s-no"}))

    assert result.correct_questions == {"q-multiple", "q-true-false"}
    assert result.percentage == 66


@pytest.mark.parametrize(
    ("chosen", "counts"),
    [
        pytest.param({"m-a", "m-b"}, True, id="exactly-the-correct-set"),
        pytest.param({"m-a"}, False, id="only-part-of-the-correct-set"),
        pytest.param({"m-a", "m-b", "m-c"}, False, id="correct-set-plus-a-wrong-one"),
        pytest.param({"m-c"}, False, id="only-the-wrong-one"),
    ],
)
def test_multiple_choice_counts_only_for_exactly_the_correct_set(chosen, counts):
    result = score(QUIZ, answers(q_multiple=chosen))

    assert ("q-multiple" in result.correct_questions) is counts


@pytest.mark.parametrize(
    ("submitted", "code", "question_id"),
    [
        pytest.param(
            {"q-single": {"s-yes"}, "q-multiple": {"m-a", "m-b"}}, "missing_answer", "q-true-false", id="missing"
        ),
        pytest.param(answers(q_true_false=set()), "missing_answer", "q-true-false", id="empty-answer"),
        pytest.param(
            {**ALL_CORRECT, "q-elsewhere": {"x"}}, "unknown_question", "q-elsewhere", id="extra-unknown-question"
        ),
        pytest.param(answers(q_single={"m-a"}), "unknown_choice", "q-single", id="choice-of-another-question"),
        pytest.param(answers(q_multiple={"m-a", "s-yes"}), "unknown_choice", "q-multiple", id="mixed-in-choice"),
        pytest.param(answers(q_single={"s-yes", "s-no"}), "one_answer_only", "q-single", id="two-answers-single"),
        pytest.param(
            answers(q_true_false={"t-true", "t-false"}), "one_answer_only", "q-true-false", id="two-answers-true-false"
        ),
    ],
)
def test_answers_that_do_not_fit_the_quiz_are_refused(submitted, code, question_id):
    with pytest.raises(AnswerError) as caught:
        check_answers(QUIZ, submitted)
    assert caught.value.code == code
    assert caught.value.question_id == question_id

    with pytest.raises(AnswerError):
        score(QUIZ, submitted)


def test_fitting_answers_pass_the_check():
    check_answers(QUIZ, answers(q_single={"s-no"}, q_multiple={"m-c"}, q_true_false={"t-false"}))


@pytest.mark.parametrize(
    ("right", "total", "percentage"),
    [(0, 3, 0), (1, 3, 33), (2, 3, 66), (3, 3, 100), (4, 5, 80), (5, 6, 83), (7, 9, 77), (1, 1, 100)],
)
def test_percentage_is_rounded_down(right, total, percentage):
    questions = [
        Question(id=f"q{n}", kind="single", correct=frozenset({f"q{n}-yes"}), choices=frozenset({f"q{n}-yes", "no"}))
        for n in range(total)
    ]
    submitted = {question.id: {f"{question.id}-yes" if n < right else "no"} for n, question in enumerate(questions)}
    # "no" is shared by all questions here, which the check accepts: it is a choice of each of them.

    assert score(questions, submitted).percentage == percentage


@pytest.mark.parametrize(
    ("pass_mark", "passed"),
    [(1, True), (65, True), (66, True), (67, False), (100, False)],
)
def test_passed_at_the_boundary_of_two_out_of_three(pass_mark, passed):
    result = score(QUIZ, answers(q_multiple={"m-a"}))

    assert result.percentage == 66
    assert result.passed(pass_mark) is passed


def test_an_empty_quiz_never_passes():
    result = score([], {})

    assert result.percentage == 0
    assert not result.passed(1)
