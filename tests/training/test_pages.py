"""The academy's page types: where they may live, and what an editor may publish."""

import html
import json
from http import HTTPStatus

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from home.models import HomePage, StandardPage
from training import factories
from training.models import TrainingIndexPage, TrainingModulePage

NO_CORRECT_ANSWER = "Markeer minstens één antwoord als juist."
ONE_CORRECT_ONLY = "Bij deze soort vraag is precies één antwoord juist."
TWO_ANSWERS = "Een waar/niet waar-vraag heeft precies twee antwoorden."
NOT_SAVED = "De pagina kon niet worden opgeslagen vanwege validatiefouten."

# ---------------------------------------------------------------------------
# Page-tree rules
# ---------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Partnerportaal", slug="portaal", welcome_title="Welkom"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home})
        cls.index_could_be_created_before = TrainingIndexPage.can_create_at(cls.home)
        cls.index = factories.academy(cls.home)
        cls.module = factories.module(cls.index, "Klantbelofte")

    def test_academy_lives_only_directly_under_the_home_page(self):
        self.assertAllowedParentPageTypes(TrainingIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, TrainingIndexPage)
        self.assertCanNotCreateAt(StandardPage, TrainingIndexPage)
        self.assertCanNotCreateAt(TrainingModulePage, TrainingIndexPage)

    def test_there_is_at_most_one_academy(self):
        self.assertTrue(self.index_could_be_created_before)
        self.assertFalse(
            TrainingIndexPage.can_create_at(self.home), "a second academy could be added under the home page"
        )

    def test_modules_live_only_under_the_academy(self):
        self.assertAllowedParentPageTypes(TrainingModulePage, {TrainingIndexPage})
        self.assertAllowedSubpageTypes(TrainingIndexPage, {TrainingModulePage})
        self.assertCanCreateAt(TrainingIndexPage, TrainingModulePage)
        self.assertCanNotCreateAt(HomePage, TrainingModulePage)
        self.assertCanNotCreateAt(StandardPage, TrainingModulePage)

    def test_modules_have_no_children(self):
        self.assertAllowedSubpageTypes(TrainingModulePage, set())
        self.assertCanNotCreateAt(TrainingModulePage, StandardPage)
        self.assertCanNotCreateAt(TrainingModulePage, TrainingModulePage)


# ---------------------------------------------------------------------------
# Publishing in the Wagtail admin
# ---------------------------------------------------------------------------


def stream(items):
    """Stream or list form data as the admin's widget posts it, keeping each child's stable id."""
    data = {
        str(index): {"type": kind, "id": block_id, "value": value, "deleted": "", "order": str(index)}
        for index, (kind, block_id, value) in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def question_form(question):
    """factories.question(...) as the edit form posts it; a checked box posts "on", an unchecked one nothing."""
    value = question["value"]
    choices = []
    for choice in value["choices"]:
        fields = {"text": choice["value"]["text"], "explanation": choice["value"]["explanation"]}
        if choice["value"]["correct"]:
            fields["correct"] = "on"
        choices.append(("item", choice["id"], fields))
    return (
        "question",
        question["id"],
        {"text": value["text"], "kind": value["kind"], "explanation": value["explanation"], "choices": stream(choices)},
    )


def edit_form(page, *, quiz, pass_mark=80):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "estimated_minutes": str(page.estimated_minutes),
            "lessons": stream([]),
            "quiz": stream([question_form(question) for question in quiz]),
            "pass_mark": str(pass_mark),
            "action-publish": "action-publish",
        }
    )


def error_messages(error):
    """Every message in a (nested) StreamField validation error, as the editor sees them."""
    data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
    found = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(node.get("messages", []))
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(data)
    return found


@pytest.fixture
def published_module(academy):
    return factories.module(
        academy,
        "Klantbelofte",
        lessons=[],
        quiz=[factories.question("Wie is de klant?", [("Ans", True), ("Niemand", False)])],
    )


@pytest.fixture
def editor(client, admin_user, login_with_mfa):
    return login_with_mfa(client, admin_user)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def test_an_editor_publishes_a_valid_quiz(editor, published_module):
    """The form data the refusals below use is what the admin accepts when nothing is wrong."""
    quiz = [factories.question("Wat beloven we?", [("Snel antwoord", True), ("Niets", False)])]

    response = editor.post(edit_url(published_module), edit_form(published_module, quiz=quiz, pass_mark=70))

    assert response.status_code == HTTPStatus.FOUND
    live = TrainingModulePage.objects.get(pk=published_module.pk)
    assert [block.value["text"] for block in live.quiz] == ["Wat beloven we?"]
    assert live.pass_mark == 70


@pytest.mark.parametrize(
    ("question", "message"),
    [
        pytest.param(
            factories.question("Wie is de klant?", [("Ans", False), ("Niemand", False)]),
            NO_CORRECT_ANSWER,
            id="no-correct-answer",
        ),
        pytest.param(
            factories.question("Wie is de klant?", [("Ans", False), ("Niemand", False)], kind="multiple"),
            NO_CORRECT_ANSWER,
            id="multiple-choice-without-correct-answer",
        ),
        pytest.param(
            factories.question("Wie is de klant?", [("Ans", True), ("Piet", True), ("Niemand", False)]),
            ONE_CORRECT_ONLY,
            id="single-choice-with-two-correct-answers",
        ),
        pytest.param(
            factories.question(
                "Klopt dit?", [("Waar", True), ("Niet waar", False), ("Soms", False)], kind="true_false"
            ),
            TWO_ANSWERS,
            id="true-false-with-three-answers",
        ),
        pytest.param(
            factories.question("Klopt dit?", [("Waar", True), ("Ook waar", True)], kind="true_false"),
            ONE_CORRECT_ONLY,
            id="true-false-with-two-correct-answers",
        ),
    ],
)
def test_publishing_a_broken_question_is_refused_with_a_message(editor, published_module, question, message):
    revisions_before = published_module.revisions.count()
    good = factories.question("Wat beloven we?", [("Snel antwoord", True), ("Niets", False)])

    response = editor.post(edit_url(published_module), edit_form(published_module, quiz=[good, question]))

    assert response.status_code == HTTPStatus.OK, "the edit form should come back with the error"
    assert message in error_messages(response.context["form"].errors["quiz"].as_data()[0])
    page_html = response.content.decode()
    assert NOT_SAVED in page_html
    # The stream editor draws its block errors from JSON embedded in the page.
    assert json.dumps(message)[1:-1] in html.unescape(page_html)
    assert published_module.revisions.count() == revisions_before
    live = TrainingModulePage.objects.get(pk=published_module.pk)
    assert [block.value["text"] for block in live.quiz] == ["Wie is de klant?"]


def test_a_multiple_choice_question_may_have_several_correct_answers(editor, published_module):
    quiz = [
        factories.question("Wat hoort erbij?", [("Naam", True), ("Datum", True), ("Niets", False)], kind="multiple")
    ]

    response = editor.post(edit_url(published_module), edit_form(published_module, quiz=quiz))

    assert response.status_code == HTTPStatus.FOUND
    live = TrainingModulePage.objects.get(pk=published_module.pk)
    assert [block.value["text"] for block in live.quiz] == ["Wat hoort erbij?"]


@pytest.mark.parametrize(
    ("pass_mark", "message"),
    [(0, "Zorg ervoor dat deze waarde minstens 1 is."), (101, "Zorg ervoor dat deze waarde hoogstens 100 is.")],
)
def test_a_pass_mark_outside_1_to_100_is_refused(editor, published_module, pass_mark, message):
    revisions_before = published_module.revisions.count()
    quiz = [factories.question("Wie is de klant?", [("Ans", True), ("Niemand", False)])]

    response = editor.post(edit_url(published_module), edit_form(published_module, quiz=quiz, pass_mark=pass_mark))

    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["pass_mark"] == [message]
    page_html = response.content.decode()
    assert NOT_SAVED in page_html
    assert message in page_html
    assert published_module.revisions.count() == revisions_before
    assert TrainingModulePage.objects.get(pk=published_module.pk).pass_mark == 80
