"""The journey pages stay within a fixed number of queries, however many steps, support links, answers,
proposals and improvements there are."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from journeys import factories
from journeys.models import FeedbackResponse, JourneyPage, Suggestion
from materials import factories as materials_factories
from partners.factories import PartnerFactory
from tools import factories as tools_factories
from training import factories as training_factories

from .helpers import soup

# Every budget starts with the request's own cost: the session and the user, then the membership (with the
# partner). Pages served by Wagtail add the site, the page's route (parent pages, the page, its specific row),
# alias paths and view restrictions, and the audience check of the page.
BUDGETS = {
    # + the steps with their owners, my partner's kinds, my feedback links, my proposals, the NPS per step, the
    # improvements. The support pages I may open come from the shared cache, made once per partner (one query per
    # page type when the content changed: partners/audience_cache.py).
    "journey_partner": 18,
    # The same without the partner's kinds, links and proposals, but with the support pages worked out each time
    # (the brand side has no partner to cache them for); + the brand side's permissions (user and group), and the
    # editor's user bar and address settings.
    "journey_brand": 27,
    # + my partner's kinds, the journeys I may see with their steps (one prefetch).
    "index": 12,
    # A plain view: + the total, the table per step, the table per month, the answers to follow up, the site for
    # the navigation.
    "nps": 8,
    # A plain view: + my proposals with their journeys and authors, the site for the navigation.
    "suggestions": 5,
    # The home page with every dashboard section; the journeys section adds the latest improvement and my NPS (and
    # recognition our recorded level: staff have no notices of level changes). The tools, the newest materials and
    # the modules required of me come from the shared cache (per partner: partners/audience_cache.py).
    "home": 13,
}
# (steps of the journey, answers on them): the small world and the large one.
SIZES = [(3, 10), (15, 200)]


class World:
    """Journeys for partner A (an intermediary) and partner B (a courier), each step supported by a training
    module of its own, a material and a checklist, answered by customers of A, B and C (another intermediary),
    with proposals and improvements. A journey aimed at couriers only is there for A not to see (nor pay for)."""

    def __init__(self, home_page, journey_index, partner_a, partner_b, kind_intermediary, kind_courier, authors):
        self.home_page = home_page
        self.authors = authors
        self.index = journey_index
        self.partner_a = partner_a
        self.partner_b = partner_b
        self.partner_c = PartnerFactory(name="Partner C", kinds=[kind_intermediary])
        self.owners = [kind_intermediary, None, kind_courier]
        self.kind_courier = kind_courier
        self.academy = training_factories.academy(home_page)
        library = materials_factories.library(home_page)
        tools = tools_factories.tool_index(home_page)
        self.material = materials_factories.material(library, "Folder")
        self.checklist = tools_factories.checklist(
            tools, "Intake", sections=[tools_factories.section("Voor", [("Dossier", True)])]
        )
        self.journeys = []
        self.months = 0

    def journey(self, steps, *, audiences=()):
        """A journey of `steps` steps; the owners take turns: intermediary, the brand, courier."""
        number = len(self.journeys)
        rows = []
        for position in range(steps):
            module = training_factories.module(
                self.academy, f"Module {number}-{position}", slug=f"module-{number}-{position}", lessons=[], quiz=[]
            )
            step = factories.step(f"Stap {position + 1}", owner=self.owners[position % 3], handover="Het dossier")
            step.support = [
                {"type": "module", "value": module.pk},
                {"type": "material", "value": self.material.pk},
                {"type": "tool", "value": self.checklist.pk},
            ]
            rows.append(step)
        page = factories.journey(self.index, f"Klantreis {number}", steps=rows, audiences=audiences)
        self.journeys.append(page)
        return page

    def answers(self, journey, count):
        """`count` answers over the journey's steps, from A, B and C in turn, over the last months; every
        fifth with a comment."""
        steps = list(journey.steps.all())
        partners = [self.partner_a, self.partner_b, self.partner_c]
        now = timezone.now()
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                journey=journey,
                step=steps[number % len(steps)],
                step_name=steps[number % len(steps)].name,
                partner=partners[number % 3],
                score=number % 11,
                comment="Zo kan het beter." if number % 5 == 0 else "",
                created_at=now - timedelta(days=number % 120, hours=number),
            )
            for number in range(count)
        )

    def proposals_and_improvements(self, journey, count):
        """`count` // 5 proposals of A's people on the steps it takes part in, and as many improvements, each in a
        month of its own."""
        steps = list(journey.steps.all())
        for number in range(count // 5):
            step = steps[number % 2]  # A's own first step and the hand-over after it
            author = self.authors[number % len(self.authors)]
            factories.suggestion(step, self.partner_a, author=author, problem=f"Bij {step.name} gaat het mis.")
        for _ in range(max(count // 5, 1)):
            self.months += 1
            month = date(2020 + self.months // 12, self.months % 12 + 1, 1)
            factories.action(steps[0], month)

    def grow(self, steps, answers):
        journey = self.journey(steps)
        self.journey(steps, audiences=[self.kind_courier])
        self.answers(journey, answers)
        self.proposals_and_improvements(journey, answers)
        return journey


@pytest.fixture
def world(
    home_page,
    journey_index,
    partner_a,
    partner_b,
    kind_intermediary,
    kind_courier,
    staff_a,
    manager_a,
):
    return World(home_page, journey_index, partner_a, partner_b, kind_intermediary, kind_courier, [staff_a, manager_a])


# Per page: who looks, its URL in the world, and what it must show (so it measures the rows it is about).


def latest(world):
    return world.journeys[-2]  # the last one for every partner; the very last is for couriers only


def check_journey_partner(response, world):
    page = soup(response)
    steps = latest(world).steps.count()
    assert len(page.select("li.journey-step")) == steps
    own = len(range(0, steps, 3))
    assert len(page.select("li.journey-step--own")) == own
    assert len(page.select(".journey-step__link")) == own
    # Each step: its module, the folder and the checklist.
    assert len(page.select(".journey-step__card ul.plain-list:not(.suggestion-list) a")) == 3 * steps
    assert len(page.select(".suggestion-item")) == latest(world).suggestions.count()
    assert len(page.select(".journey-step__nps")) == own
    assert len(page.select("li.journey-action")) == min(len(latest(world).actions.all()), 12)


def check_journey_brand(response, world):
    page = soup(response)
    steps = latest(world).steps.count()
    assert len(page.select("li.journey-step")) == steps
    assert len(page.select(".journey-step__nps")) == steps
    assert not page.select(".journey-step__link")


def check_index(response, world):
    visible = JourneyPage.objects.live().exclude(audiences=world.kind_courier).count()
    assert len(soup(response).select("a.tile")) == visible


def check_nps(response, world):
    page = soup(response)
    assert page.select("table tbody tr")
    assert page.select(".feedback-list li")


def check_suggestions(response, world):
    assert len(soup(response).select(".suggestion-item")) == Suggestion.objects.count()


def check_home(response, world):
    section = soup(response).find("section", attrs={"aria-labelledby": "journeys-title"})
    assert "NPS" in section.get_text()
    assert section.h3


PAGES = {
    "journey_partner": ("staff_a", lambda world: latest(world).url, check_journey_partner),
    "journey_brand": ("brand_team", lambda world: latest(world).url, check_journey_brand),
    "index": ("staff_a", lambda world: world.index.url, check_index),
    "nps": ("staff_a", lambda world: "/klantreizen/nps/?periode=0&per_maand=1", check_nps),
    "suggestions": ("staff_a", lambda world: "/klantreizen/voorstellen/", check_suggestions),
    "home": ("staff_a", lambda world: "/", check_home),
}


def measure(client, world, view):
    """The SQL of one request for the page, after a warm-up request (Wagtail's site-root-paths cache, the
    navigation's cached URLs and the partner's feedback links), checking that the page shows what it is about."""
    _who, url, check = PAGES[view]
    assert client.get(url(world)).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(world))
    assert response.status_code == HTTPStatus.OK
    check(response, world)
    return [query["sql"] for query in captured.captured_queries]


# The argument is `view`, not `page`: pytest-playwright's `page` fixture would run these tests in a browser.
@pytest.mark.parametrize("size", SIZES, ids=["small", "large"])
@pytest.mark.parametrize("view", PAGES)
def test_query_budget(client, people, django_assert_max_num_queries, world, view, size):
    who, url, check = PAGES[view]
    world.grow(*size)
    client.force_login(people(who))
    assert client.get(url(world)).status_code == HTTPStatus.OK  # warm-up

    with django_assert_max_num_queries(BUDGETS[view]):
        response = client.get(url(world))

    assert response.status_code == HTTPStatus.OK
    check(response, world)


@pytest.mark.parametrize("view", PAGES)
def test_queries_do_not_grow_with_the_data(client, people, world, view):
    who, _url, _check = PAGES[view]
    client.force_login(people(who))
    world.grow(*SIZES[0])
    small = measure(client, world, view)

    world.grow(*SIZES[1])
    large = measure(client, world, view)

    assert len(small) == len(large) == BUDGETS[view], "\n\n".join(large)
