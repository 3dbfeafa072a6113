"""Taking a quiz: a signed form token per attempt, server-side scoring, the completion in the same request."""

import random
import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Revision

from partners.access import current_membership

from .models import Attempt, Completion
from .scoring import AnswerError, score

TOKEN_SALT = "training.quiz"  # noqa: S105  (a signing namespace, not a secret)
TOKEN_MAX_AGE = timedelta(hours=12)
ATTEMPT_WINDOW = timedelta(hours=24)

ANSWER_MESSAGES = {
    "missing_answer": gettext_lazy("Beantwoord alle vragen voordat je de toets inlevert."),
    "one_answer_only": gettext_lazy("Kies bij deze vraag precies één antwoord."),
    "unknown_choice": gettext_lazy("Een gekozen antwoord hoort niet bij deze vraag. Laad de toets opnieuw."),
    "unknown_question": gettext_lazy(
        "Er is een antwoord ingestuurd op een vraag die niet in deze toets staat. Laad de toets opnieuw."
    ),
}


class QuizError(Exception):
    """Why a submission was not taken, in the user's language. `attempt` is set for a repeat."""

    def __init__(self, message, attempt=None, question_id=None):
        super().__init__(message)
        self.attempt = attempt
        self.question_id = question_id


def new_token(user, module):
    """The hidden field of one quiz form: who, which module, which revision, and a fresh id."""
    # The live revision: the quiz the person sees, never an editor's unpublished draft.
    data = {"u": user.pk, "m": module.pk, "r": module.live_revision_id, "t": uuid.uuid4().hex}
    return signing.dumps(data, salt=TOKEN_SALT, compress=True)


def read_token(token, user, module):
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise QuizError(
            _("Dit toetsformulier is verlopen. Begin opnieuw; je antwoorden zijn niet meegeteld.")
        ) from error
    except signing.BadSignature as error:
        raise QuizError(_("Dit toetsformulier is ongeldig. Laad de toets opnieuw.")) from error
    if data.get("u") != user.pk or data.get("m") != module.pk:
        raise QuizError(_("Dit toetsformulier hoort niet bij jou of bij deze module. Laad de toets opnieuw."))
    return data


def next_attempt_at(user, module, now=None):
    """None when another attempt is allowed now; else the moment it will be."""
    if not module.attempts_per_day:
        return None
    now = now or timezone.now()
    recent = list(
        Attempt.objects.filter(user=user, module=module)
        .submitted_since(now - ATTEMPT_WINDOW)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
    )
    if len(recent) < module.attempts_per_day:
        return None
    return recent[len(recent) - module.attempts_per_day] + ATTEMPT_WINDOW


def limit_message(moment):
    return _(
        "Je hebt het maximum aantal pogingen voor vandaag bereikt. Je kunt het weer proberen vanaf %(moment)s."
    ) % {"moment": date_format(timezone.localtime(moment), "j F Y, H:i")}


def answers_from(post):
    """{question id: {choice ids}} from the form's fields named q-<question id>."""
    return {key[2:]: set(post.getlist(key)) for key in post if key.startswith("q-")}


def questions_in_order(module, seed):
    """The quiz as shown: shuffled per attempt when the module asks for it, the same on a reload."""
    rng = random.Random(seed)  # noqa: S311  (order only, not security)
    questions = list(module.quiz)
    if module.shuffle_questions:
        rng.shuffle(questions)
    shown = []
    for block in questions:
        choices = list(block.value["choices"].bound_blocks)
        if module.shuffle_choices:
            rng.shuffle(choices)
        shown.append((block, choices))
    return shown


def submit(user, module, token, post):
    """Score one submission; passing makes the completion in the same transaction."""
    data = read_token(token, user, module)
    attempt_token = uuid.UUID(data["t"])
    repeat = Attempt.objects.filter(token=attempt_token).first()
    if repeat is not None:
        raise QuizError(_("Deze toets had je al ingeleverd; hieronder staat je resultaat."), attempt=repeat)
    revision = Revision.objects.filter(pk=data.get("r")).first()
    if revision is None:
        raise QuizError(_("Deze toets is intussen gewijzigd. Begin opnieuw met de nieuwe versie."))
    taken = revision.as_object()
    try:
        result = score(taken.quiz_questions(), answers_from(post))
    except AnswerError as error:
        raise QuizError(str(ANSWER_MESSAGES[error.code]), question_id=error.question_id) from error

    try:
        with transaction.atomic():
            # One submission at a time per person, so the daily limit holds under concurrent posts.
            get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            moment = next_attempt_at(user, module)
            if moment is not None:
                raise QuizError(limit_message(moment))
            now = timezone.now()
            attempt = Attempt.objects.create(
                user=user,
                module=module,
                revision=revision,
                token=attempt_token,
                answers={question: sorted(choices) for question, choices in answers_from(post).items()},
                correct_questions=sorted(result.correct_questions),
                score=result.percentage,
                pass_mark=taken.pass_mark,
                passed=result.passed(taken.pass_mark),
                submitted_at=now,
            )
            if attempt.passed:
                membership = current_membership(user)
                Completion.objects.create(
                    user=user,
                    module=module,
                    attempt=attempt,
                    partner=membership.partner if membership else None,
                    completed_at=now,
                    score=attempt.score,
                    valid_until=taken.valid_until(now),
                )
    except IntegrityError as error:
        # The same form came in twice at once; the other request made the attempt.
        attempt = Attempt.objects.filter(token=attempt_token).first()
        raise QuizError(_("Deze toets had je al ingeleverd; hieronder staat je resultaat."), attempt=attempt) from error
    return attempt
