"""Plain helpers for the training tests: URLs, quiz answers as a form posts them, recorded results."""

import re
import uuid
from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from training.models import Attempt, Completion

TOKEN_INPUT = re.compile(r'<input type="hidden" name="token" value="([^"]+)">')


def quiz_url(module):
    return module.url + "toets/"


def lesson_url(module, number):
    return f"{module.url}les/{number}/"


def result_url(module, attempt):
    return f"{module.url}resultaat/{attempt.pk}/"


def token_in(response):
    match = TOKEN_INPUT.search(response.content.decode())
    assert match, "no hidden token field in the quiz form"
    return match[1]


def choice_ids(block, correct):
    return [child.id for child in block.value["choices"].bound_blocks if bool(child.value["correct"]) is correct]


def correct_answers(module):
    """Form data answering every question of the module right: {"q-<question id>": [choice ids]}."""
    return {f"q-{block.id}": choice_ids(block, correct=True) for block in module.quiz}


def wrong_answers(module):
    """Form data answering every question with one wrong choice."""
    return {f"q-{block.id}": choice_ids(block, correct=False)[:1] for block in module.quiz}


def ago(days):
    return timezone.now() - timedelta(days=days)


def record_attempt(user, module, *, passed, submitted_at=None, score=None):
    return Attempt.objects.create(
        user=user,
        module=module,
        revision_id=module.latest_revision_id,
        token=uuid.uuid4(),
        score=score if score is not None else (100 if passed else 0),
        pass_mark=module.pass_mark,
        passed=passed,
        submitted_at=submitted_at or timezone.now(),
    )


def record_completion(user, module, *, completed_at=None, valid_until="auto", partner=None, score=90, revoked_at=None):
    """A passed attempt and its completion, as the quiz would have made them at `completed_at`."""
    completed_at = completed_at or timezone.now() - timedelta(days=1)
    attempt = record_attempt(user, module, passed=True, submitted_at=completed_at, score=score)
    return Completion.objects.create(
        user=user,
        module=module,
        attempt=attempt,
        partner=partner,
        completed_at=completed_at,
        score=score,
        valid_until=module.valid_until(completed_at) if valid_until == "auto" else valid_until,
        revoked_at=revoked_at,
    )


def module_cards(html, section="all-title"):
    """{module title: status class} for the module cards in one section of the academy page."""
    soup = BeautifulSoup(html, "html.parser")
    container = soup.find("section", attrs={"aria-labelledby": section})
    if container is None:
        return {}
    cards = {}
    for card in container.select("li.module-card"):
        status = card.select_one("span.status")
        modifier = next(name for name in status["class"] if name.startswith("status--"))
        cards[card.h3.get_text(strip=True)] = modifier.removeprefix("status--")
    return cards
