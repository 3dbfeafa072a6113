"""Quiz scoring, free of Django: questions and answers are plain data keyed by stable block ids."""

from dataclasses import dataclass, field

SINGLE_ANSWER_KINDS = {"single", "true_false"}


class AnswerError(ValueError):
    """The submitted answers do not fit the quiz. `code` says how; the view turns it into a message."""

    def __init__(self, code, question_id=None):
        super().__init__(code)
        self.code = code
        self.question_id = question_id


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    correct: frozenset
    choices: frozenset


@dataclass
class Result:
    correct_questions: set = field(default_factory=set)
    total: int = 0

    @property
    def percentage(self):
        # Whole percentages, rounded down, so a pass mark of 80 means at least 80.
        return (100 * len(self.correct_questions)) // self.total if self.total else 0

    def passed(self, pass_mark):
        return self.total > 0 and self.percentage >= pass_mark


def check_answers(questions, answers):
    """Raise AnswerError unless every question has an allowed answer and nothing else was sent."""
    by_id = {question.id: question for question in questions}
    unknown = set(answers) - set(by_id)
    if unknown:
        raise AnswerError("unknown_question", sorted(unknown)[0])
    for question in questions:
        chosen = answers.get(question.id) or set()
        if not chosen:
            raise AnswerError("missing_answer", question.id)
        if not chosen <= question.choices:
            raise AnswerError("unknown_choice", question.id)
        if question.kind in SINGLE_ANSWER_KINDS and len(chosen) != 1:
            raise AnswerError("one_answer_only", question.id)


def score(questions, answers):
    """A question counts when exactly the correct choices were chosen."""
    check_answers(questions, answers)
    result = Result(total=len(questions))
    for question in questions:
        if set(answers[question.id]) == set(question.correct):
            result.correct_questions.add(question.id)
    return result
