"""The query budgets of the earlier issues hold at the large size: the main pages cost no more queries over
`seed_demo --size large --scale 0.01` (30+ partners, 250 people, two years of history) than each app's own budget
test allows over its small factories world. The set is built once for this module, in a transaction rolled back
at the end, as in tests/home/test_seed_large.py."""

import io
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from journeys.models import FeedbackResponse, JourneyIndexPage, JourneyPage
from materials.models import MaterialIndexPage, MaterialPage
from partners.models import Membership, Partner, Role
from partners.views import MEMBERS_PER_PAGE
from recognition.reports import OverviewReportView
from tests.home.test_pages import DASHBOARD_BUDGET, GREETING_H1
from tests.journeys.test_budgets import BUDGETS as JOURNEY_BUDGETS
from tests.materials.test_budgets import LIBRARY_BUDGET
from tests.recognition.test_budgets import BUDGETS as RECOGNITION_BUDGETS
from tests.recognition.test_budgets import SCORECARD_BUDGET
from tests.tools.test_budgets import BUDGETS as TOOL_BUDGETS
from tests.tools.test_calculator_views import GET_BUDGET as CALCULATOR_BUDGET
from tests.training.helpers import module_cards
from tests.training.test_query_budget import QUERY_BUDGET as ACADEMY_BUDGET
from tests.voice.test_text_check import BUDGETS as TEXT_CHECK_BUDGETS
from tools.models import CalculatorPage, ToolIndexPage
from training.models import Completion, TrainingIndexPage, TrainingModulePage
from training.reports import CompletionsReportView

# django_db also makes pytest-django create the test database the set lives in; one worker builds it once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("budgets_at_scale")]

User = get_user_model()
SCALE = 0.01

# Budgets the apps' tests state as a bare number rather than a constant (kept in step with them by hand):
# tests/training/test_team_progress.py::test_query_budget and tests/partners/test_team.py::test_team_page_query_budget.
TEAM_PROGRESS_BUDGET = 15
TEAM_BUDGET = 10
# Pages no app's test gives a budget yet, measured here: the same count for the demo's people (little history) and the
# large set's (years of it), so nothing in them grows with the rows.
# A module's overview: the session and the user, the site, Wagtail's route (the home page's specific row, then the
# academy and the module, each found by slug and then read as its specific type: 5), alias paths and view
# restrictions, the membership with its partner and the audience check (12); the module with whether it is required
# of me, my latest completion and my last attempt (one query), the lessons I read, and my last ten attempts (15).
MODULE_BUDGET = 15
# My certificates: the session and the user, my completions with their modules and partners, my attempts (all of
# them, in one query), the site and the membership for the navigation.
CERTIFICATES_BUDGET = 6
# The brand team's completion report, first page: the admin's fixed cost of ten as in tests/recognition/test_budgets.py
# (session, user, the user's and the group's permissions, the two-factor check, Wagtail's user profile, the locales, the
# sidebar's page and collection permissions, the explorer's root page), + the count for the paginator, the filter's
# choices (partners, partner kinds, modules) and the page of completions with person, partner and module in one join.
COMPLETIONS_REPORT_BUDGET = 15

PARTNER_PEOPLE = ["sanne", "mehmet", "large_manager", "large_staff"]
MANAGERS = ["sanne", "large_manager"]


def seed():
    out = io.StringIO()
    call_command("seed_demo", size="large", scale=SCALE, force=True, stdout=out)
    return out.getvalue()


def biggest_partner_with_history():
    """The large set's active partner with the most current people among those with customer answers."""
    return (
        Partner.objects.filter(is_active=True, email_domains__domain__endswith=".test")
        .filter(Exists(FeedbackResponse.objects.filter(partner=OuterRef("pk"))))
        .annotate(team=Count("memberships", filter=Q(memberships__ended_at__isnull=True)))
        .order_by("-team", "pk")
        .first()
    )


def most_certified(partner, role):
    """The partner's current person in this role with the most certificates: the longest history to show."""
    return (
        User.objects.filter(memberships__partner=partner, memberships__role=role, memberships__ended_at__isnull=True)
        .annotate(certificates=Count("completions"))
        .order_by("-certificates", "pk")
        .first()
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return tmp_path_factory.mktemp("budgets-at-scale")


@pytest.fixture(scope="module")
def cast(django_db_setup, django_db_blocker, files):
    """Build the set and name who looks: the demo's Sanne (manager) and Mehmet (staff), a manager and a staff member
    of the large set's biggest partner with history, and the brand team's editor."""
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": files / "private"}}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=files / "media", STORAGES={**settings.STORAGES, "private": private}),
        transaction.atomic(),
    ):
        seed()
        partner = biggest_partner_with_history()
        yield {
            "sanne": "sanne@vandijk-assurantien.example",
            "mehmet": "mehmet@vandijk-assurantien.example",
            "large_manager": most_certified(partner, Role.MANAGER).email,
            "large_staff": most_certified(partner, Role.STAFF).email,
            "brand_team": "redactie@polderzorg.example",
        }
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _seeded_files(settings, _media_root, private_root, files):
    """The set's images and documents, so thumbnails render as they would (instead of each test's empty folders)."""
    settings.MEDIA_ROOT = files / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": files / "private"}},
    }


def partner_of(user):
    return Membership.objects.current().select_related("partner").get(user=user).partner


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def heading(response):
    return soup(response).h1.get_text(strip=True)


# Per page: its budget, its URL for this person, and what it must show, so that it measures the page it is about.


def dashboard_url(user):
    return "/"


def check_dashboard(response, user):
    greeting = GREETING_H1.search(response.content.decode())
    assert greeting, "no greeting on the dashboard"
    assert greeting["name"] == user.first_name


def academy_url(user):
    return TrainingIndexPage.objects.live().get().url


def check_academy(response, user):
    assert module_cards(response.content.decode()), "the academy shows no modules"


def module_of(user):
    """The module of my latest certificate (its page shows my progress and attempts), else the first I may see."""
    completion = Completion.objects.filter(user=user).select_related("module").order_by("-completed_at").first()
    if completion:
        return completion.module
    return TrainingModulePage.objects.live().aimed_at(partner_of(user).pk).order_by("path").first()


def module_url(user):
    return module_of(user).url


def check_module(response, user):
    assert heading(response) == module_of(user).title


def library_url(user):
    return MaterialIndexPage.objects.live().get().url


def library_page_two_url(user):
    available = MaterialPage.objects.available(user).count()
    assert available > settings.MATERIALS_PER_PAGE, "no second page of materials to measure"
    return library_url(user) + "?pagina=2"


def check_library(response, user):
    assert soup(response).select(".material-card__title"), "the library shows no materials"


def check_library_page_two(response, user):
    check_library(response, user)
    assert "Pagina 2 van" in response.content.decode()


def tools_url(user):
    return ToolIndexPage.objects.live().get().url


def check_tools(response, user):
    assert soup(response).select("a.tile"), "the tools index shows no tools"


def calculator_of(user):
    return CalculatorPage.objects.live().aimed_at(partner_of(user).pk).order_by("path").first()


def calculator_url(user):
    return calculator_of(user).url


def check_calculator(response, user):
    assert heading(response) == calculator_of(user).title


def text_check_url(user):
    return "/teksttoets/"


def check_text_check(response, user):
    assert heading(response) == "Teksttoets"
    assert soup(response).select("textarea"), "no text to check"


def journeys_url(user):
    return JourneyIndexPage.objects.live().get().url


def check_journeys(response, user):
    visible = JourneyPage.objects.live().aimed_at(partner_of(user).pk).count()
    assert len(soup(response).select("a.tile")) == visible > 0


def journey_of(user):
    """The journey of my partner's latest customer answer: its map shows our own steps and their NPS."""
    return FeedbackResponse.objects.filter(partner=partner_of(user)).latest("created_at").journey


def journey_url(user):
    return journey_of(user).url


def check_journey(response, user):
    page = soup(response)
    assert len(page.select("li.journey-step")) == journey_of(user).steps.count()
    assert page.select("li.journey-step--own"), "none of our own steps on the journey"
    assert page.select(".journey-step__nps"), "no NPS on our own steps"


def team_progress_url(user):
    return "/team/voortgang/"


def check_team_progress(response, user):
    partner = partner_of(user)
    assert heading(response) == f"Voortgang van {partner.name}"
    team = Membership.objects.team(partner).count()
    assert len(soup(response).select("tbody th[scope=row]")) == team > 1


def team_url(user):
    return "/team/"


def check_team(response, user):
    partner = partner_of(user)
    assert heading(response) == f"Team van {partner.name}"
    members = soup(response).select("section[aria-labelledby=members-title] tbody tr")
    assert len(members) == min(Membership.objects.team(partner).count(), MEMBERS_PER_PAGE)


def certificates_url(user):
    return "/certificaten/"


def check_certificates(response, user):
    assert heading(response) == "Mijn certificaten"
    mine = Completion.objects.filter(user=user).count()
    assert len(soup(response).select("tbody tr")) == mine > 0


def nps_url(user):
    return "/klantreizen/nps/?periode=0&per_maand=1"  # as tests/journeys/test_budgets.py asks it


def check_nps(response, user):
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Wat klanten van onze stappen vinden"
    assert page.select("table tbody tr"), "no NPS per step"


def scorecard_url(user):
    return "/erkenning/"


def check_scorecard(response, user):
    html = response.content.decode()
    assert heading(response) == "Erkenning"
    assert "Wat nodig is voor" in html or "Het hoogste niveau" in html


def completions_report_url(user):
    return "/admin/reports/training/completions/"


def check_completions_report(response, user):
    rows = soup(response).select("table.listing tbody tr")
    assert len(rows) == min(Completion.objects.count(), CompletionsReportView.paginate_by)


def recognition_report_url(user):
    return "/admin/reports/recognition/overview/"


def check_recognition_report(response, user):
    rows = soup(response).select("table.listing tbody tr")
    assert len(rows) == min(Partner.objects.filter(is_active=True).count(), OverviewReportView.paginate_by)


# Where an app's test holds a page to an exact count, this asserts at most that count: the large set's people may
# lack a section of the page (no open checklist run, no notice), which costs one query less.
VIEWS = {
    "dashboard": (DASHBOARD_BUDGET, dashboard_url, check_dashboard, PARTNER_PEOPLE),
    "academy": (ACADEMY_BUDGET, academy_url, check_academy, PARTNER_PEOPLE),
    "module": (MODULE_BUDGET, module_url, check_module, PARTNER_PEOPLE),
    "library": (LIBRARY_BUDGET, library_url, check_library, PARTNER_PEOPLE),
    "library_page_2": (LIBRARY_BUDGET, library_page_two_url, check_library_page_two, PARTNER_PEOPLE),
    "tools": (TOOL_BUDGETS["index"], tools_url, check_tools, PARTNER_PEOPLE),
    "calculator": (CALCULATOR_BUDGET, calculator_url, check_calculator, PARTNER_PEOPLE),
    "text_check": (TEXT_CHECK_BUDGETS["get"], text_check_url, check_text_check, PARTNER_PEOPLE),
    "journeys": (JOURNEY_BUDGETS["index"], journeys_url, check_journeys, PARTNER_PEOPLE),
    "journey": (JOURNEY_BUDGETS["journey_partner"], journey_url, check_journey, PARTNER_PEOPLE),
    "certificates": (CERTIFICATES_BUDGET, certificates_url, check_certificates, PARTNER_PEOPLE),
    "scorecard": (SCORECARD_BUDGET, scorecard_url, check_scorecard, PARTNER_PEOPLE),
    "team_progress": (TEAM_PROGRESS_BUDGET, team_progress_url, check_team_progress, MANAGERS),
    "team": (TEAM_BUDGET, team_url, check_team, MANAGERS),
    "nps": (JOURNEY_BUDGETS["nps"], nps_url, check_nps, MANAGERS),
    "completions_report": (COMPLETIONS_REPORT_BUDGET, completions_report_url, check_completions_report, ["brand_team"]),
    "recognition_report": (
        RECOGNITION_BUDGETS["overview"],
        recognition_report_url,
        check_recognition_report,
        ["brand_team"],
    ),
}
CASES = [pytest.param(view, who, id=f"{view}-{who}") for view, (*_rest, people) in VIEWS.items() for who in people]


def measure(client, url):
    """One request for the page after a warm-up request (Wagtail's site root paths, the shared caches), and its SQL."""
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response, [query["sql"] for query in captured.captured_queries]


# The argument is `view`, not `page`: pytest-playwright's `page` fixture would run these tests in a browser.
@pytest.mark.parametrize(("view", "who"), CASES)
def test_the_page_stays_within_its_budget_at_the_large_size(client, cast, login_with_mfa, view, who):
    budget, url, check, _people = VIEWS[view]
    user = User.objects.get(email=cast[who])
    if who == "brand_team":
        login_with_mfa(client, user)
    else:
        client.force_login(user)

    response, queries = measure(client, url(user))

    check(response, user)
    assert len(queries) <= budget, f"{len(queries)} queries, budget {budget}:\n\n" + "\n\n".join(queries)
