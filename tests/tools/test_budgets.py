"""The tool pages stay within a fixed number of queries, however many tools, runs, items, members and uses."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partners.models import Membership
from tools import factories
from tools.models import ChecklistPage, ChecklistRun, ToolUse

User = get_user_model()

# Every budget starts with the request's own cost: the session and the user, then the membership (the partner
# comes along). The pages served by Wagtail add the site, the page's route (parent pages, the page, its
# specific row), alias paths and view restrictions, and the audience check of the page.
BUDGETS = {
    # + the calculators and checklists visible to me (one query each; their URLs from the warmed site cache).
    "index": 11,
    # + the audience check and the page's specific row, my runs of this checklist (with the checklist).
    "checklist": 13,
    # A plain view: + the run with its checklist, the site for the checklist's URL.
    "run": 5,
    # A plain view: + how many runs I have (for the paging), my runs with their checklists, the site for the
    # navigation.
    "my_runs": 6,
    # A plain view: + the uses (calculations, runs started and completed) counted per person and tool in one
    # query, the team's members, the site for the navigation.
    "team": 6,
    # The home page with every dashboard section: + my open runs (and the journeys section's latest improvement and
    # NPS, and the recognition section's recorded level, as in tests/home). The calculators and checklists, the
    # newest materials and the modules required of me come from the shared cache (once per partner and content
    # change: partners/audience_cache.py).
    "home": 13,
}
SIZES = [2, 30]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def three_items(name):
    return [
        factories.section(f"{name}: voor", [("Dossier gelezen", True), ("Koffie", False)]),
        factories.section(f"{name}: na", [("Afspraak gemaakt", True)]),
    ]


class World:
    """Tools, runs, members and uses for partner A's staff member and manager, added in steps of any size.

    Partner B's kind gets tools of its own too, which partner A must not see (nor pay queries for)."""

    def __init__(self, index, staff, manager, partner, other_kind):
        self.index = index
        self.staff = staff
        self.manager = manager
        self.partner = partner
        self.other_kind = other_kind
        self.intake = factories.checklist(index, "Intake", sections=three_items("Intake"))
        self.calculators = []
        self.checklists = []
        self.members = []
        self.runs = []
        self.extra_items = 0

    def tools(self, count):
        first = len(self.calculators)
        for number in range(first, first + count):
            # Every fifth step also a calculator and a checklist aimed at partner B's kind only.
            kinds = [((), ""), ((self.other_kind,), "Koerier ")] if number % 5 == 0 else [((), "")]
            for audiences, prefix in kinds:
                calculator = factories.calculator(
                    self.index,
                    f"{prefix}Rekenhulp {number}",
                    inputs=[factories.number("bedrag", "Bedrag", default=100)],
                    calculations=[factories.output("premie", "Premie", "bedrag * 0.05")],
                    introduction=f"Rekenhulp nummer {number}.",
                    audiences=audiences,
                )
                checklist = factories.checklist(
                    self.index,
                    f"{prefix}Checklist {number}",
                    sections=three_items(f"Checklist {number}"),
                    introduction=f"Checklist nummer {number}.",
                    audiences=audiences,
                )
                if not audiences:
                    self.calculators.append(calculator)
                    self.checklists.append(checklist)

    def runs_on(self, checklists, user, count, *, completed_every=3):
        """`count` runs of the user over the checklists in turn, each counted as started (as `start_run` does) and
        every `completed_every`th completed (and counted as such)."""
        now = timezone.now()
        first = len(self.runs)
        runs = []
        for number in range(first, first + count):
            checklist = checklists[number % len(checklists)]
            item = checklist.items()[0]
            moment = now - timedelta(minutes=number)
            runs.append(
                ChecklistRun(
                    checklist=checklist,
                    user=user,
                    partner=self.partner,
                    label=f"Ronde {number}",
                    answers={item.id: {"done": True, "note": f"Notitie {number}"}},
                    created_at=moment,
                    updated_at=moment,
                    completed_at=moment if completed_every and number % completed_every == 0 else None,
                )
            )
        runs = ChecklistRun.objects.bulk_create(runs)
        ToolUse.objects.bulk_create(
            ToolUse(tool_id=run.checklist_id, kind=kind, partner=self.partner, user=user, run=run, used_at=moment)
            for run in runs
            for kind, moment in [
                (ToolUse.Kind.CHECKLIST_STARTED, run.created_at),
                (ToolUse.Kind.CHECKLIST_COMPLETED, run.completed_at),
            ]
            if moment
        )
        self.runs += runs
        return runs

    def items(self, count):
        """Publish the intake again with `count` more items, in a section of their own."""
        page = ChecklistPage.objects.get(pk=self.intake.pk)
        first = self.extra_items
        extra = factories.section(f"Extra {first}", [(f"Punt {first + n}", n % 2 == 0) for n in range(count)])
        page.sections = [*page.sections.raw_data, extra]
        page.save_revision().publish()
        self.intake = ChecklistPage.objects.get(pk=page.pk)
        self.extra_items += count

    def team(self, count):
        """`count` more colleagues; each used every calculator once and ran two of the checklists."""
        first = len(self.members)
        users = User.objects.bulk_create(
            User(email=f"lid{number}@partner-a.example", first_name="Lid", last_name=str(number))
            for number in range(first, first + count)
        )
        Membership.objects.bulk_create(Membership(user=user, partner=self.partner) for user in users)
        self.members += users
        ToolUse.objects.bulk_create(
            ToolUse(tool=calculator, kind=ToolUse.Kind.CALCULATION, partner=self.partner, user=user)
            for user in users
            for calculator in self.calculators
        )
        for user in users:
            self.runs_on(self.checklists, user, 2)


@pytest.fixture
def world(tool_index, staff_a, manager_a, partner_a, kind_courier):
    return World(tool_index, staff_a, manager_a, partner_a, kind_courier)


# Per page: who looks, how the world grows by `count`, the URL, and what the page must show (so that it
# measures the rows it is about, not an empty page).


def grow_index(world, count):
    world.tools(count)


def check_index(response, world):
    assert len(soup(response).select("a.tile")) == len(world.calculators) + len(world.checklists) + 1  # the intake
    assert "Koerier" not in response.content.decode()


def grow_checklist(world, count):
    world.runs_on([world.intake], world.staff, count)
    world.runs_on([world.intake], world.manager, count)


def check_checklist(response, world):
    mine = sum(1 for run in world.runs if run.user == world.staff)
    assert len(soup(response).select("table tbody tr")) == min(mine, 20)


def grow_run(world, count):
    world.items(count)
    world.runs_on([world.intake], world.staff, count)


def check_run(response, world):
    assert len(soup(response).select('input[type="checkbox"]')) == len(world.intake.items())


def grow_my_runs(world, count):
    world.tools(count)
    world.runs_on([world.intake, *world.checklists], world.staff, count)


def check_my_runs(response, world):
    assert len(soup(response).select("table tbody tr")) == len(world.runs)


def grow_team(world, count):
    world.tools(count)
    world.team(count)


def check_team(response, world):
    page = soup(response)
    assert len(page.select("table tbody tr")) == len(world.members) + 2  # and staff A and the manager
    assert len(page.select("table thead th")) == 1 + len(world.calculators) + len(world.checklists)


def grow_home(world, count):
    world.tools(count)
    world.runs_on([world.intake, *world.checklists], world.staff, count, completed_every=None)


def check_home(response, world):
    section = soup(response).find("section", attrs={"aria-labelledby": "tools-title"})
    assert len(section.select("ul.plain-list li")) == min(len(world.runs), 3)  # the newest open runs, at most 3
    assert len(section.select("ul.tool-links li")) == min(len(world.calculators), 6) + min(len(world.checklists) + 1, 6)


PAGES = {
    "index": ("staff", grow_index, lambda world: world.index.url, check_index),
    "checklist": ("staff", grow_checklist, lambda world: world.intake.url, check_checklist),
    "run": ("staff", grow_run, lambda world: reverse("tools:run", args=[world.runs[0].pk]), check_run),
    "my_runs": ("staff", grow_my_runs, lambda world: reverse("tools:my_runs"), check_my_runs),
    "team": ("manager", grow_team, lambda world: reverse("tools:team"), check_team),
    "home": ("staff", grow_home, lambda world: "/", check_home),
}


def measure(client, world, view):
    """The SQL of one request for the page, after a warm-up request (Wagtail's site-root-paths cache and the
    navigation's cached URLs), checking that the page shows what it is about."""
    _who, _grow, url, check = PAGES[view]
    assert client.get(url(world)).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(world))
    assert response.status_code == HTTPStatus.OK
    check(response, world)
    return [query["sql"] for query in captured.captured_queries]


# The argument is `view`, not `page`: pytest-playwright's `page` fixture would run these tests in a browser.
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("view", PAGES)
def test_query_budget(client, django_assert_num_queries, world, view, size):
    who, grow, url, check = PAGES[view]
    grow(world, size)
    client.force_login(getattr(world, who))
    assert client.get(url(world)).status_code == HTTPStatus.OK  # warm-up

    with django_assert_num_queries(BUDGETS[view]):
        response = client.get(url(world))

    assert response.status_code == HTTPStatus.OK
    check(response, world)


@pytest.mark.parametrize("view", PAGES)
def test_queries_do_not_grow_with_the_data(client, world, view):
    who, grow, _url, _check = PAGES[view]
    client.force_login(getattr(world, who))
    grow(world, SIZES[0])
    small = measure(client, world, view)

    grow(world, SIZES[1] - SIZES[0])
    large = measure(client, world, view)

    assert len(small) == len(large) == BUDGETS[view], "\n\n".join(large)
