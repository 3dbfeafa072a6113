"""The brand team's recognition pages cost a fixed number of queries, at 10 partners and at 500: the scores are
counted in the database for all partners at once, never one partner at a time."""

import uuid
from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from journeys import factories as journeys_factories
from journeys.models import FeedbackResponse
from materials import factories as materials_factories
from materials.models import Download
from materials.versions import current_version
from partners.models import Membership, Partner, Role
from tools.models import ToolUse
from training import factories as training_factories
from training.models import Attempt, Completion
from voice.models import TextCheck

# Every admin page starts with the same fixed cost, ten queries: the session, the user, the user's and the group's
# permissions, the admin gate's two-factor check, Wagtail's user profile (language and time zone), and Wagtail's
# chrome (the locales for its config, page and collection permissions for the sidebar's menu, the explorer's root
# page). The export skips the chrome: six.
# The scores of all partners at once: the levels and the weights, and six counts (training with the people, quiz
# scores, downloads with outdated holdings, tool use, teksttoets use, NPS): eight.
BUDGETS = {
    # 10 + the partners with their kinds (one prefetch, which also gives the kind filter its choices) + 8 for the
    # scores. The filters, the search and the sorting act on those rows: no query of their own.
    "overview": 20,
    "overview_filtered": 20,
    # 6 + the partners with their kinds + 8 for the scores: no rendered page, so no chrome and no filter form.
    "overview_csv": 16,
    # Wagtail's dashboard with its own panels (21) + the partners and 8 for the scores, and the network's NPS over
    # 90 days and per month.
    "dashboard": 32,
}
SIZES = [10, 500]
PAGES = {
    "overview": lambda network: "/admin/reports/recognition/overview/",
    "overview_filtered": lambda network: (
        f"/admin/reports/recognition/overview/?level=null&kind={network.kind.pk}&q=Partner&ordering=-overall"
    ),
    "overview_csv": lambda network: "/admin/reports/recognition/overview/?export=csv",
    "dashboard": lambda network: "/admin/",
}


class Network:
    """Partners with two people each, every one of them with a quiz attempt and a certificate, a download of a
    version since replaced, a tool use, a teksttoets and a customer answer: made in bulk, so 500 is quick."""

    def __init__(self, home_page, kind):
        self.kind = kind
        academy = training_factories.academy(home_page)
        self.module = training_factories.module(academy, "Belofte", required_for_staff=True)
        library = materials_factories.library(home_page)
        self.material = materials_factories.material(library, "Folder")
        self.old_version = current_version(self.material)
        materials_factories.publish_changes(self.material, version_label="2")
        journey = journeys_factories.journey(
            journeys_factories.journey_index(home_page), "Schade", steps=[journeys_factories.step("Melding")]
        )
        self.step = journey.steps.get()
        self.tool = home_page
        self.size = 0

    def grow(self, count):
        """Add partners until there are `count`."""
        now = timezone.now()
        numbers = range(self.size, count)
        partners = Partner.objects.bulk_create(
            Partner(name=f"Partner {number:04}", slug=f"partner-{number:04}") for number in numbers
        )
        Partner.kinds.through.objects.bulk_create(
            Partner.kinds.through(partner_id=partner.pk, partnerkind_id=self.kind.pk) for partner in partners
        )
        users = User.objects.bulk_create(
            User(email=f"persoon{number}-{seat}@partner.example", first_name="Persoon")
            for number in numbers
            for seat in range(2)
        )
        people = [
            (partners[index // 2], user, Role.MANAGER if index % 2 else Role.STAFF) for index, user in enumerate(users)
        ]
        Membership.objects.bulk_create(
            Membership(user=user, partner=partner, role=role) for partner, user, role in people
        )
        attempts = Attempt.objects.bulk_create(
            Attempt(user=user, module=self.module, token=uuid.uuid4(), score=60 + index % 40, pass_mark=50, passed=True)
            for index, (_partner, user, _role) in enumerate(people)
        )
        Completion.objects.bulk_create(
            Completion(user=attempt.user, module=self.module, attempt=attempt, partner=partner, score=attempt.score)
            for attempt, (partner, _user, _role) in zip(attempts, people, strict=True)
            if attempt.score % 3
        )
        Download.objects.bulk_create(
            Download(user=user, partner=partner, material=self.material, version=self.old_version)
            for partner, user, _role in people[::3]
        )
        ToolUse.objects.bulk_create(
            ToolUse(tool=self.tool, kind=ToolUse.Kind.CALCULATION, partner=partner, user=user)
            for partner, user, _role in people[::2]
        )
        TextCheck.objects.bulk_create(
            TextCheck(user=user, partner=partner, via="page", detected="u", words=20, errors=1, warnings=0)
            for partner, user, _role in people
        )
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                journey_id=self.step.journey_id,
                step=self.step,
                step_name=self.step.name,
                partner=partner,
                score=(number * 7 + answer) % 11,
                created_at=now - timedelta(days=answer * 20),
            )
            for number, partner in enumerate(partners)
            for answer in range(6)
        )
        self.size = count


@pytest.fixture
def network(home_page, kind_intermediary):
    return Network(home_page, kind_intermediary)


@pytest.fixture
def brand_editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


def check(view, response, network):
    if view == "overview_csv":
        rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
        assert len(rows) == network.size + 1
        return
    page = BeautifulSoup(response.content, "html.parser")
    if view == "overview":
        assert len(page.select("table.listing tbody tr")) == min(network.size, 50)
    elif view == "overview_filtered":
        assert page.select("table.listing tbody tr")
    else:
        bars = page.select("#recognition-network-section .recognition-bars li")
        assert sum(int(bar.select_one(".recognition-bar__count").get_text().split()[0]) for bar in bars) == network.size


def measure(client, network, view):
    """The SQL of one request for the page after a warm-up request (Wagtail's menu and site caches)."""
    url = PAGES[view](network)
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        check(view, response, network)
    assert response.status_code == HTTPStatus.OK
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", PAGES)
def test_query_budget(brand_editor, django_assert_max_num_queries, network, view, size):
    network.grow(size)
    url = PAGES[view](network)
    assert brand_editor.get(url).status_code == HTTPStatus.OK  # warm-up

    with django_assert_max_num_queries(BUDGETS[view]):
        response = brand_editor.get(url)
        check(view, response, network)

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("view", PAGES)
def test_queries_do_not_grow_with_the_partners(brand_editor, network, view):
    network.grow(SIZES[0])
    small = measure(brand_editor, network, view)

    network.grow(SIZES[1])
    large = measure(brand_editor, network, view)

    assert len(small) == len(large) == BUDGETS[view], "\n".join(query[:160] for query in large)


# A partner's own scorecard: the request (session, user, membership with the partner: 3), the settings and the
# levels (2), the six counts, recording the standing (a savepoint, the standing locked, then saved, the savepoint
# released: 4), the training gaps (the people, the modules required of each role, their certificates: 4), the
# outdated versions (1), the snapshots for the trend (1), the NPS per step (1) and the site for the navigation (1).
SCORECARD_BUDGET = 23


def scorecard_queries(client):
    assert client.get("/erkenning/").status_code == HTTPStatus.OK  # warm-up
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/erkenning/")
    assert response.status_code == HTTPStatus.OK
    assert "Wat nodig is voor" in response.content.decode() or "Het hoogste niveau" in response.content.decode()
    return [query["sql"] for query in captured.captured_queries]


def test_the_partner_scorecard_costs_the_same_for_a_small_and_a_large_team(client, network):
    network.grow(3)
    partner = Partner.objects.get(name="Partner 0000")
    client.force_login(Membership.objects.get(partner=partner, role=Role.MANAGER).user)
    small = scorecard_queries(client)

    network.grow(200)  # the rest of the network costs nothing here
    users = User.objects.bulk_create(User(email=f"extra{seat}@partner.example") for seat in range(60))
    Membership.objects.bulk_create(Membership(user=user, partner=partner, role=Role.STAFF) for user in users)
    large = scorecard_queries(client)

    assert len(small) == len(large) <= SCORECARD_BUDGET, "\n".join(query[:160] for query in large)
