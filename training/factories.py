"""Build academies and modules for tests and demos, with lessons and a quiz in Wagtail's stream format."""

import uuid

from .models import TrainingIndexPage, TrainingModulePage


def lesson(title, text="<p>Uitleg.</p>"):
    return {
        "type": "lesson",
        "id": str(uuid.uuid4()),
        "value": {"title": title, "content": [{"type": "rich_text", "id": str(uuid.uuid4()), "value": text}]},
    }


def question(text, answers, kind="single", explanation=""):
    """answers: [(text, correct)] or [(text, correct, explanation)]."""
    choices = []
    for answer in answers:
        answer_text, correct, *rest = answer
        choices.append(
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {"text": answer_text, "correct": correct, "explanation": rest[0] if rest else ""},
            }
        )
    return {
        "type": "question",
        "id": str(uuid.uuid4()),
        "value": {"text": text, "kind": kind, "choices": choices, "explanation": explanation},
    }


def academy(home_page, title="Academie", slug="academie"):
    existing = TrainingIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing
    return home_page.add_child(instance=TrainingIndexPage(title=title, slug=slug))


def module(index, title, *, lessons=None, quiz=None, audiences=(), required_kinds=(), publish=True, **fields):
    """A published module under the academy; lessons and quiz default to two lessons and two questions."""
    page = TrainingModulePage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50],
        summary=fields.pop("summary", f"Alles over {title.lower()}."),
        lessons=lessons if lessons is not None else [lesson("Les 1"), lesson("Les 2")],
        quiz=quiz
        if quiz is not None
        else [
            question("Vraag een", [("Goed", True), ("Fout", False)]),
            question("Vraag twee", [("Ook goed", True), ("Ook fout", False)]),
        ],
        **fields,
    )
    page.audiences.set(list(audiences))
    page.required_kinds.set(list(required_kinds))
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page = TrainingModulePage.objects.get(pk=page.pk)  # with its live revision, as a request would see it
    return page
