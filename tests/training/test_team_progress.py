"""The manager's team progress page and its CSV: own team only, required modules only."""

import uuid
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from partners.models import Membership
from training import factories
from training.models import Attempt, Completion

from .helpers import ago, record_completion

User = get_user_model()


@pytest.fixture
def modules(home_page):
    index = factories.academy(home_page)
    return {
        "promise": factories.module(index, "Belofte", slug="belofte", required_for_staff=True, validity_months=12),
        "managers": factories.module(index, "Leidinggeven", slug="leidinggeven", required_for_managers=True),
        "optional": factories.module(index, "Extra", slug="extra"),
    }


@pytest.fixture
def manager_client(client, manager_a):
    client.force_login(manager_a)
    return client


def test_members_against_required_modules(manager_client, modules, staff_a, manager_a, staff_b, partner_a, partner_b):
    record_completion(staff_a, modules["promise"], partner=partner_a)
    record_completion(staff_b, modules["promise"], partner=partner_b)
    page = manager_client.get("/team/voortgang/").content.decode()
    assert "Belofte" in page and "Leidinggeven" in page
    assert "Extra" not in page  # required of nobody
    assert staff_a.get_full_name() in page and manager_a.get_full_name() in page
    assert staff_b.get_full_name() not in page
    assert "Behaald" in page and "Nog te doen" in page


def test_filter_by_status(manager_client, modules, staff_a, manager_a, partner_a):
    record_completion(staff_a, modules["promise"], partner=partner_a, completed_at=ago(400))
    page = manager_client.get("/team/voortgang/", {"status": "expired"}).content.decode()
    assert staff_a.get_full_name() in page
    assert manager_a.get_full_name() not in page


def test_csv_is_the_own_team_only_and_safe_for_spreadsheets(manager_client, modules, partner_a, staff_b):
    Membership.objects.create(
        user=User.objects.create_user("formule@partner-a.example", first_name="=HYPERLINK(1)"), partner=partner_a
    )
    response = manager_client.get("/team/voortgang/", {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert "\n=HYPERLINK" not in text and ";=HYPERLINK" not in text
    assert staff_b.email not in text


def test_people_who_left_are_not_in_the_team_view(manager_client, modules, staff_a):
    Membership.objects.filter(user=staff_a).update(ended_at=timezone.now())
    assert staff_a.email not in manager_client.get("/team/voortgang/", {"export": "csv"}).content.decode()


def test_staff_may_not(client, staff_a, modules):
    client.force_login(staff_a)
    assert client.get("/team/voortgang/").status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("extra_modules", [2, 47])
@pytest.mark.parametrize("completions", [10, 1000])
def test_query_budget(
    manager_client, django_assert_max_num_queries, modules, partner_a, manager_a, completions, extra_modules
):
    index = modules["promise"].get_parent()
    for number in range(extra_modules):  # 5 and 50 modules in all
        factories.module(index, f"Verplicht {number}", slug=f"verplicht-{number}", required_for_staff=True)
    users = User.objects.bulk_create(User(email=f"lid{n}@partner-a.example") for n in range(20))
    Membership.objects.bulk_create(Membership(user=user, partner=partner_a) for user in users)
    attempts = Attempt.objects.bulk_create(
        Attempt(user=users[n % 20], module=modules["promise"], token=uuid.uuid4(), score=90, pass_mark=80, passed=True)
        for n in range(completions)
    )
    Completion.objects.bulk_create(
        Completion(user=a.user, module=a.module, attempt=a, partner=partner_a, score=90) for a in attempts
    )
    manager_client.get("/")  # warm-up of Wagtail's site root cache
    with django_assert_max_num_queries(15):
        response = manager_client.get("/team/voortgang/")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "lid19@partner-a.example" in page
    assert page.count("status--passed") == min(completions, 20)
