"""Editors at work: drafts never change the quiz people take, and previews show drafts as partners will see them."""

import uuid
from http import HTTPStatus

import pytest

from training import factories, quiz
from training.models import Attempt, Completion, TrainingModulePage

from .helpers import correct_answers, quiz_url, record_completion
from .test_pages import edit_form


@pytest.fixture
def editor(client, admin_user, login_with_mfa, home_page):
    return login_with_mfa(client, admin_user)


def save_draft_with_flipped_answer(module):
    """An editor's unpublished draft in which the correct answer of the first question is another one."""
    draft = TrainingModulePage.objects.get(pk=module.pk)
    first = draft.quiz[0].value["choices"]
    first[0]["correct"], first[1]["correct"] = first[1]["correct"], first[0]["correct"]
    draft.save_revision()
    return TrainingModulePage.objects.get(pk=module.pk)


def test_a_draft_does_not_change_the_quiz_people_take(client, staff_a, academy):
    module = factories.module(academy, "Belofte")
    answers = correct_answers(module)
    module = save_draft_with_flipped_answer(module)
    assert module.latest_revision_id != module.live_revision_id

    client.force_login(staff_a)
    response = client.post(quiz_url(module), {"token": quiz.new_token(staff_a, module), **answers})

    assert response.status_code == HTTPStatus.FOUND
    attempt = Attempt.objects.get()
    assert attempt.passed and attempt.score == 100
    assert attempt.revision_id == module.live_revision_id


@pytest.mark.parametrize("mode", ["", "lessons", "quiz"])
def test_preview_of_an_unpublished_module(editor, academy, mode):
    module = factories.module(academy, "Nog niet live", publish=False)
    form = edit_form(module, quiz=[factories.question("Klopt dit?", [("Ja", True), ("Nee", False)])])
    form.pop("action-publish")
    url = f"/admin/pages/{module.pk}/edit/preview/"
    assert editor.post(url, form).json()["is_valid"]
    response = editor.get(url, {"mode": mode})
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Nog niet live" in page
    if mode == "quiz":
        assert "Klopt dit?" in page and "Toets inleveren" not in page


def test_team_progress_ignores_a_tampered_filter(client, manager_a, academy):
    factories.module(academy, "Belofte", required_for_staff=True)
    client.force_login(manager_a)
    for value in ("%C2%B2", "²", "abc", "9" * 30):
        assert client.get("/team/voortgang/", {"module": value}).status_code == HTTPStatus.OK


def test_a_revoked_certificate_has_no_pdf(client, staff_a, academy):
    module = factories.module(academy, "Belofte")
    completion = record_completion(staff_a, module, revoked_at="2026-01-01T00:00:00+00:00")
    client.force_login(staff_a)
    assert client.get(completion.get_pdf_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_broken_logo_file_still_gives_a_certificate(client, staff_a, academy, home_page):
    from wagtail.images.models import Image

    from brand.models import BrandSettings

    logo = Image.objects.create(title="Kapot", file="original_images/bestaat-niet.png", width=10, height=10)
    BrandSettings.objects.update(logo=logo)
    module = factories.module(academy, "Belofte")
    attempt = Attempt.objects.create(
        user=staff_a, module=module, token=uuid.uuid4(), score=100, pass_mark=80, passed=True
    )
    completion = Completion.objects.create(user=staff_a, module=module, attempt=attempt, score=100)
    client.force_login(staff_a)
    response = client.get(completion.get_pdf_url())
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
