"""The academy page stays within a fixed number of queries, however many modules and completions there are."""

import re
import uuid
from collections import Counter
from datetime import timedelta
from http import HTTPStatus
from itertools import cycle, islice

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from training import factories
from training.models import Attempt, Completion, LessonProgress

from .helpers import module_cards

QUERY_BUDGET = 15


def give_completions(user, partner, modules, count):
    """`count` passed attempts with their completions, spread over the modules, oldest first."""
    now = timezone.now()
    spread = list(islice(cycle(modules), count))
    moments = [now - timedelta(days=count - n) for n in range(count)]
    attempts = Attempt.objects.bulk_create(
        Attempt(
            user=user,
            module=module,
            revision_id=module.latest_revision_id,
            token=uuid.uuid4(),
            score=90,
            pass_mark=module.pass_mark,
            passed=True,
            submitted_at=moment,
        )
        for module, moment in zip(spread, moments, strict=True)
    )
    Completion.objects.bulk_create(
        Completion(
            user=user,
            module=attempt.module,
            attempt=attempt,
            partner=partner,
            completed_at=attempt.submitted_at,
            score=attempt.score,
            valid_until=attempt.submitted_at + timedelta(days=400),
        )
        for attempt in attempts
    )


@pytest.mark.parametrize("completions", [10, 1000])
@pytest.mark.parametrize("modules", [5, 50])
def test_academy_page_query_budget(
    client, django_assert_max_num_queries, academy, staff_a, partner_a, kind_intermediary, modules, completions
):
    pages = [
        factories.module(
            academy,
            f"Module {number}",
            required_for_staff=number % 2 == 0,
            required_kinds=[kind_intermediary] if number % 3 == 0 else [],
        )
        for number in range(modules)
    ]
    give_completions(staff_a, partner_a, pages, completions)
    LessonProgress.objects.bulk_create(
        LessonProgress(user=staff_a, module=page, lesson_id=page.lesson_ids()[0]) for page in pages
    )
    client.force_login(staff_a)
    # Warm-up: fills Wagtail's site-root-paths cache, as in the dashboard's budget test.
    assert client.get(academy.url).status_code == HTTPStatus.OK

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(academy.url)

    assert response.status_code == HTTPStatus.OK
    cards = module_cards(response.content.decode())
    assert len(cards) == modules
    # Modules without a completion show the lesson read in the setup.
    assert (
        Counter(cards.values())
        == Counter({"passed": min(modules, completions), "in_progress": max(0, modules - completions)}) - Counter()
    )


def shape(sql):
    """The query without its values, so the same query for another module compares equal."""
    return re.sub(r"IN \(\?(, \?)*\)", "IN (?)", re.sub(r"'[^']*'|\b\d+\b", "?", sql))


def academy_queries(client, academy):
    assert client.get(academy.url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as queries:
        assert client.get(academy.url).status_code == HTTPStatus.OK
    return [query["sql"] for query in queries.captured_queries]


def test_academy_queries_do_not_grow_with_modules_or_completions(client, academy, staff_a, partner_a):
    """Whatever the absolute budget, one more passed module must not cost one more query."""
    first = [factories.module(academy, f"Module {number}") for number in range(2)]
    give_completions(staff_a, partner_a, first, 2)
    client.force_login(staff_a)
    small = academy_queries(client, academy)

    more = [factories.module(academy, f"Module {number}") for number in range(2, 8)]
    give_completions(staff_a, partner_a, first + more, 40)
    large = academy_queries(client, academy)

    extra = Counter(map(shape, large)) - Counter(map(shape, small))
    assert len(large) == len(small), "queries that grew:\n\n" + "\n\n".join(extra.elements())
