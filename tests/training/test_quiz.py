"""Taking a quiz: one attempt per form, scored on the server, completion in the same request, tampering refused."""

import time
import uuid
from datetime import timedelta
from http import HTTPStatus
from unittest import mock

import pytest
from dateutil.relativedelta import relativedelta
from django.core import signing
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Revision

from training import factories, quiz
from training.models import Attempt, Completion

from .helpers import correct_answers, quiz_url, record_attempt, result_url, token_in, wrong_answers

ALREADY_SUBMITTED = "Deze toets had je al ingeleverd; hieronder staat je resultaat."


@pytest.fixture
def module(academy):
    return factories.module(
        academy,
        "Klantbelofte",
        validity_months=12,
        pass_mark=100,
        quiz=[
            factories.question(
                "Hoe spreek je de klant aan?",
                [
                    ("Met naam", True, "Zo voelt de klant zich gezien."),
                    ("Met klantnummer", False, "Een nummer voelt afstandelijk."),
                ],
                explanation="De klant is een mens, geen dossier.",
            ),
            factories.question(
                "Wat geef je mee bij de overdracht?",
                [("Het dossier", True), ("De afspraken", True), ("Niets", False, "Dan begint de klant opnieuw.")],
                kind="multiple",
            ),
            factories.question(
                "De klant belt terug als het nodig is.", [("Waar", False), ("Niet waar", True)], kind="true_false"
            ),
        ],
    )


@pytest.fixture
def other_module(academy):
    return factories.module(academy, "Overdracht")


def start(client, module):
    """Open the quiz like a person does and return the token of the form."""
    response = client.get(quiz_url(module))
    assert response.status_code == HTTPStatus.OK
    return token_in(response)


def submit(client, module, answers, token=None):
    token = token if token is not None else start(client, module)
    return client.post(quiz_url(module), {"token": token, **answers})


# ---------------------------------------------------------------------------
# The form and a pass
# ---------------------------------------------------------------------------


def test_quiz_form_has_every_question_and_a_signed_token(staff_client, staff_a, module):
    response = staff_client.get(quiz_url(module))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Toets: Klantbelofte" in html
    for block in module.quiz:
        assert f'name="q-{block.id}"' in html
    assert 'type="checkbox" name="q-' in html  # the multiple-choice question
    token = token_in(response)
    assert quiz.read_token(token, staff_a, module)["r"] == module.latest_revision_id


def test_passing_makes_one_attempt_and_one_completion(staff_client, staff_a, partner_a, module):
    response = submit(staff_client, module, correct_answers(module))

    attempt = Attempt.objects.get(user=staff_a, module=module)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == result_url(module, attempt)
    assert attempt.passed
    assert attempt.score == 100
    assert attempt.revision_id == module.latest_revision_id
    completion = Completion.objects.get(user=staff_a, module=module)
    assert completion.attempt == attempt
    assert completion.partner == partner_a
    assert completion.score == 100
    assert completion.completed_at == attempt.submitted_at
    assert completion.valid_until == completion.completed_at + relativedelta(months=12)

    page = staff_client.get(response["Location"]).content.decode()
    assert "Geslaagd!" in page
    assert "Je score: 100%" in page
    assert completion.get_pdf_url() in page


def test_a_module_that_never_expires_gives_a_completion_without_end(staff_client, staff_a, academy):
    module = factories.module(academy, "Altijd geldig", validity_months=None)

    submit(staff_client, module, correct_answers(module))

    assert Completion.objects.get(user=staff_a, module=module).valid_until is None


def test_a_replayed_submission_makes_no_second_attempt(staff_client, staff_a, module):
    token = start(staff_client, module)
    first = submit(staff_client, module, correct_answers(module), token=token)

    replay = submit(staff_client, module, correct_answers(module), token=token)

    assert replay.status_code == HTTPStatus.FOUND
    assert replay["Location"] == first["Location"]
    assert Attempt.objects.filter(user=staff_a).count() == 1
    assert Completion.objects.filter(user=staff_a).count() == 1
    page = staff_client.get(replay["Location"]).content.decode()
    assert ALREADY_SUBMITTED in page


def test_a_replay_with_other_answers_does_not_change_the_result(staff_client, staff_a, module):
    token = start(staff_client, module)
    submit(staff_client, module, wrong_answers(module), token=token)

    submit(staff_client, module, correct_answers(module), token=token)

    attempt = Attempt.objects.get(user=staff_a)
    assert not attempt.passed
    assert attempt.score == 0
    assert not Completion.objects.exists()


# ---------------------------------------------------------------------------
# Failing and the daily limit
# ---------------------------------------------------------------------------


def test_failing_makes_no_completion_and_explains_the_answers(staff_client, staff_a, module):
    first, second, third = module.quiz
    answers = correct_answers(module)
    answers[f"q-{first.id}"] = [first.value["choices"].bound_blocks[1].id]  # "Met klantnummer"

    response = submit(staff_client, module, answers)

    attempt = Attempt.objects.get(user=staff_a)
    assert not attempt.passed
    assert attempt.score == 66
    assert not Completion.objects.exists()
    page = staff_client.get(response["Location"]).content.decode()
    assert "Nog niet geslaagd" in page
    assert "Je score: 66% (slagen vanaf 100%)" in page
    assert "Een nummer voelt afstandelijk." in page  # explanation of the wrong choice made
    assert "Zo voelt de klant zich gezien." in page  # explanation of the correct choice
    assert "De klant is een mens, geen dossier." in page  # explanation of the question
    assert "Dan begint de klant opnieuw." not in page  # a wrong choice nobody made
    assert "Toets opnieuw maken" in page
    assert quiz_url(module) in page


def test_a_retake_after_failing_can_pass(staff_client, staff_a, module):
    submit(staff_client, module, wrong_answers(module))

    submit(staff_client, module, correct_answers(module))

    assert Attempt.objects.filter(user=staff_a).count() == 2
    assert Completion.objects.filter(user=staff_a).count() == 1


def next_attempt_text(moment):
    with translation.override("nl"):
        return date_format(timezone.localtime(moment), "j F Y, H:i")


def test_the_daily_limit_closes_the_quiz_and_says_when_it_opens(staff_client, staff_a, academy):
    module = factories.module(academy, "Eens per dag", attempts_per_day=1)
    submit(staff_client, module, wrong_answers(module))
    attempt = Attempt.objects.get(user=staff_a)

    response = staff_client.get(quiz_url(module))

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    html = response.content.decode()
    assert "Je hebt het maximum aantal pogingen voor vandaag bereikt." in html
    assert next_attempt_text(attempt.submitted_at + timedelta(hours=24)) in html
    assert 'name="token"' not in html

    result = staff_client.get(result_url(module, attempt)).content.decode()
    assert "Toets opnieuw maken" not in result
    assert next_attempt_text(attempt.submitted_at + timedelta(hours=24)) in result


def test_the_daily_limit_refuses_a_fresh_token_too(staff_client, staff_a, academy):
    module = factories.module(academy, "Eens per dag", attempts_per_day=1)
    submit(staff_client, module, wrong_answers(module))
    attempt = Attempt.objects.get(user=staff_a)

    response = submit(staff_client, module, correct_answers(module), token=quiz.new_token(staff_a, module))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    html = response.content.decode()
    assert "Je hebt het maximum aantal pogingen voor vandaag bereikt." in html
    assert next_attempt_text(attempt.submitted_at + timedelta(hours=24)) in html
    assert Attempt.objects.filter(user=staff_a).count() == 1
    assert not Completion.objects.exists()


def test_the_daily_limit_counts_only_the_last_24_hours(staff_client, staff_a, academy):
    module = factories.module(academy, "Eens per dag", attempts_per_day=1)
    record_attempt(staff_a, module, passed=False, submitted_at=timezone.now() - timedelta(hours=25))

    assert staff_client.get(quiz_url(module)).status_code == HTTPStatus.OK


def test_the_daily_limit_allows_the_number_it_names(staff_client, staff_a, academy):
    module = factories.module(academy, "Twee per dag", attempts_per_day=2)
    submit(staff_client, module, wrong_answers(module))

    assert staff_client.get(quiz_url(module)).status_code == HTTPStatus.OK
    submit(staff_client, module, wrong_answers(module))
    assert staff_client.get(quiz_url(module)).status_code == HTTPStatus.TOO_MANY_REQUESTS


# ---------------------------------------------------------------------------
# Tampered submissions
# ---------------------------------------------------------------------------


def choice_of(block, index):
    return block.value["choices"].bound_blocks[index].id


def tamper_choice_of_another_question(module, other_module, answers):
    first, second, _ = module.quiz
    answers[f"q-{first.id}"] = [choice_of(second, 0)]
    return answers, "Een gekozen antwoord hoort niet bij deze vraag. Laad de toets opnieuw."


def tamper_choice_of_another_module(module, other_module, answers):
    first = module.quiz[0]
    answers[f"q-{first.id}"] = [choice_of(other_module.quiz[0], 0)]
    return answers, "Een gekozen antwoord hoort niet bij deze vraag. Laad de toets opnieuw."


def tamper_question_of_another_module(module, other_module, answers):
    foreign = other_module.quiz[0]
    answers[f"q-{foreign.id}"] = [choice_of(foreign, 0)]
    return answers, "Er is een antwoord ingestuurd op een vraag die niet in deze toets staat."


def tamper_missing_answer(module, other_module, answers):
    del answers[f"q-{module.quiz[2].id}"]
    return answers, "Beantwoord alle vragen voordat je de toets inlevert."


def tamper_extra_question(module, other_module, answers):
    answers[f"q-{uuid.uuid4()}"] = [str(uuid.uuid4())]
    return answers, "Er is een antwoord ingestuurd op een vraag die niet in deze toets staat."


def tamper_two_answers_to_single_choice(module, other_module, answers):
    first = module.quiz[0]
    answers[f"q-{first.id}"] = [choice_of(first, 0), choice_of(first, 1)]
    return answers, "Kies bij deze vraag precies één antwoord."


@pytest.mark.parametrize(
    "tamper",
    [
        tamper_choice_of_another_question,
        tamper_choice_of_another_module,
        tamper_question_of_another_module,
        tamper_missing_answer,
        tamper_extra_question,
        tamper_two_answers_to_single_choice,
    ],
)
def test_tampered_answers_are_refused(staff_client, staff_a, module, other_module, tamper):
    answers, message = tamper(module, other_module, correct_answers(module))

    response = submit(staff_client, module, answers)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not Attempt.objects.exists()
    assert not Completion.objects.exists()


def test_a_refused_form_comes_back_with_a_token_that_still_works(staff_client, staff_a, module):
    answers, _ = tamper_missing_answer(module, None, correct_answers(module))
    refused = submit(staff_client, module, answers)

    response = submit(staff_client, module, correct_answers(module), token=token_in(refused))

    assert response.status_code == HTTPStatus.FOUND
    assert Completion.objects.filter(user=staff_a, module=module).count() == 1


FOREIGN_TOKEN = "Dit toetsformulier hoort niet bij jou of bij deze module. Laad de toets opnieuw."
INVALID_TOKEN = "Dit toetsformulier is ongeldig. Laad de toets opnieuw."


@pytest.mark.parametrize(
    ("make_token", "message"),
    [
        pytest.param(
            lambda module, other, people: quiz.new_token(people("staff_b"), module), FOREIGN_TOKEN, id="other-user"
        ),
        pytest.param(
            lambda module, other, people: quiz.new_token(people("staff_a"), other), FOREIGN_TOKEN, id="other-module"
        ),
        pytest.param(lambda module, other, people: "rommel", INVALID_TOKEN, id="garbage"),
        pytest.param(lambda module, other, people: "", INVALID_TOKEN, id="empty"),
        pytest.param(
            lambda module, other, people: signing.dumps(
                {"u": people("staff_a").pk, "m": module.pk, "r": module.latest_revision_id, "t": uuid.uuid4().hex},
                salt="een-ander-doel",
            ),
            INVALID_TOKEN,
            id="signed-for-another-purpose",
        ),
    ],
)
def test_a_token_that_is_not_this_persons_form_is_refused(
    staff_client, staff_a, people, module, other_module, make_token, message
):
    response = submit(staff_client, module, correct_answers(module), token=make_token(module, other_module, people))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in response.content.decode()
    assert not Attempt.objects.exists()
    assert not Completion.objects.exists()


def test_a_token_older_than_12_hours_is_refused(staff_client, staff_a, module):
    thirteen_hours_ago = time.time() - 13 * 3600
    with mock.patch("django.core.signing.time.time", return_value=thirteen_hours_ago):
        token = quiz.new_token(staff_a, module)

    response = submit(staff_client, module, correct_answers(module), token=token)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Dit toetsformulier is verlopen." in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_token_whose_revision_was_deleted_is_refused(staff_client, staff_a, module):
    token = start(staff_client, module)
    taken_revision = module.latest_revision_id
    module.save_revision().publish()
    Revision.objects.filter(pk=taken_revision).delete()

    response = submit(staff_client, module, correct_answers(module), token=token)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Deze toets is intussen gewijzigd. Begin opnieuw met de nieuwe versie." in response.content.decode()
    assert not Attempt.objects.exists()
    assert not Completion.objects.exists()


# ---------------------------------------------------------------------------
# Editing a quiz after attempts
# ---------------------------------------------------------------------------


def publish_new_quiz(module):
    module.quiz = [
        factories.question("Nieuwe vraag over de belofte?", [("Ja", True), ("Nee", False)]),
        factories.question("Nog een nieuwe vraag?", [("Ja", True), ("Nee", False)]),
    ]
    module.save_revision().publish()
    module.refresh_from_db()
    return module


def test_editing_the_quiz_keeps_an_old_result_as_it_was(staff_client, staff_a, module):
    old_revision = module.latest_revision_id
    first = module.quiz[0]
    answers = correct_answers(module)
    answers[f"q-{first.id}"] = [choice_of(first, 1)]
    response = submit(staff_client, module, answers)
    attempt = Attempt.objects.get(user=staff_a)

    publish_new_quiz(module)

    attempt.refresh_from_db()
    assert attempt.score == 66
    assert attempt.revision_id == old_revision
    page = staff_client.get(response["Location"])
    assert page.status_code == HTTPStatus.OK
    html = page.content.decode()
    assert "Je score: 66%" in html
    assert "Hoe spreek je de klant aan?" in html
    assert "Een nummer voelt afstandelijk." in html
    assert "Nieuwe vraag over de belofte?" not in html


def test_a_form_opened_before_an_edit_is_scored_against_the_version_shown(staff_client, staff_a, module):
    old_revision = module.latest_revision_id
    token = start(staff_client, module)
    answers = correct_answers(module)

    publish_new_quiz(module)
    response = submit(staff_client, module, answers, token=token)

    assert response.status_code == HTTPStatus.FOUND
    attempt = Attempt.objects.get(user=staff_a)
    assert attempt.revision_id == old_revision
    assert attempt.passed
    assert "Hoe spreek je de klant aan?" in staff_client.get(response["Location"]).content.decode()


def test_the_new_quiz_is_scored_against_the_new_version(staff_client, staff_a, module):
    old_answers = correct_answers(module)
    publish_new_quiz(module)

    stale = submit(staff_client, module, old_answers)
    fresh = submit(staff_client, module, correct_answers(module))

    assert stale.status_code == HTTPStatus.BAD_REQUEST
    assert fresh.status_code == HTTPStatus.FOUND
    assert Attempt.objects.get(user=staff_a).revision_id == module.latest_revision_id


# ---------------------------------------------------------------------------
# Whose result
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["manager_a", "staff_b"])
def test_another_persons_result_does_not_exist(client, people, staff_a, module, role):
    attempt = record_attempt(staff_a, module, passed=True)
    client.force_login(people(role))

    response = client.get(result_url(module, attempt))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_a_result_belongs_to_its_module(staff_client, staff_a, module, other_module):
    attempt = record_attempt(staff_a, module, passed=True)

    assert staff_client.get(result_url(other_module, attempt)).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.get(result_url(module, attempt)).status_code == HTTPStatus.OK


def test_two_concurrent_submissions_of_one_form_make_one_attempt(staff_client, staff_a, partner_a, module, monkeypatch):
    """The other request commits its attempt between this request's replay check and its insert."""
    token = start(staff_client, module)
    attempt_token = uuid.UUID(quiz.read_token(token, staff_a, module)["t"])
    real_score = quiz.score
    other = {}

    def score_while_the_other_request_commits(questions, answers):
        attempt = record_attempt(staff_a, module, passed=True)
        Attempt.objects.filter(pk=attempt.pk).update(token=attempt_token)
        other["attempt"] = attempt
        other["completion"] = Completion.objects.create(
            user=staff_a, module=module, attempt=attempt, partner=partner_a, score=100
        )
        return real_score(questions, answers)

    monkeypatch.setattr(quiz, "score", score_while_the_other_request_commits)

    response = submit(staff_client, module, correct_answers(module), token=token)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == result_url(module, other["attempt"])
    assert list(Attempt.objects.filter(user=staff_a)) == [other["attempt"]]
    assert list(Completion.objects.filter(user=staff_a)) == [other["completion"]]
    assert ALREADY_SUBMITTED in staff_client.get(response["Location"]).content.decode()


def test_a_result_whose_revision_was_deleted_still_shows_the_score(staff_client, staff_a, module):
    response = submit(staff_client, module, wrong_answers(module))
    taken_revision = Attempt.objects.get(user=staff_a).revision_id
    publish_new_quiz(module)
    Revision.objects.filter(pk=taken_revision).delete()

    page = staff_client.get(response["Location"])

    assert page.status_code == HTTPStatus.OK
    assert "Je score: 0%" in page.content.decode()
    assert Attempt.objects.get(user=staff_a).score == 0
