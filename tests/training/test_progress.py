"""Where a person stands: the status of each module, required or recommended, and lessons read without JavaScript."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from training import factories
from training.models import LessonProgress
from training.progress import progress_for, visible_modules

from .helpers import lesson_url, module_cards, quiz_url, record_attempt, record_completion

DAY = timedelta(days=1)


def academy_page(client, academy):
    response = client.get(academy.url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def card(html, title):
    """The module card with this title in the "all modules" section."""
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "all-title"})
    return next(item for item in section.select("li.module-card") if item.h3.get_text(strip=True) == title)


# ---------------------------------------------------------------------------
# Status per module
# ---------------------------------------------------------------------------


def read_first_lesson(client, user, module):
    assert client.post(lesson_url(module, 1)).status_code == HTTPStatus.FOUND


def failed(client, user, module):
    record_attempt(user, module, passed=False)


def failed_then_passed(client, user, module):
    record_attempt(user, module, passed=False, submitted_at=timezone.now() - 3 * DAY)
    record_completion(user, module, completed_at=timezone.now() - 2 * DAY)


def passed_never_expires(client, user, module):
    record_completion(user, module, valid_until=None)


def passed_valid_for_a_year(client, user, module):
    record_completion(user, module, valid_until=timezone.now() + 365 * DAY)


def passed_then_failed_a_retake(client, user, module):
    record_completion(user, module, completed_at=timezone.now() - 5 * DAY, valid_until=timezone.now() + 300 * DAY)
    record_attempt(user, module, passed=False)


def expires_in_10_days(client, user, module):
    record_completion(user, module, valid_until=timezone.now() + 10 * DAY)


def expires_in_29_days(client, user, module):
    record_completion(user, module, valid_until=timezone.now() + 29 * DAY)


def expires_in_31_days(client, user, module):
    record_completion(user, module, valid_until=timezone.now() + 31 * DAY)


def expired_yesterday(client, user, module):
    record_completion(user, module, completed_at=timezone.now() - 400 * DAY, valid_until=timezone.now() - DAY)


def revoked(client, user, module):
    record_completion(user, module, valid_until=None, revoked_at=timezone.now() - DAY)


@pytest.mark.parametrize(
    ("history", "status", "label"),
    [
        (None, "not_started", "Niet begonnen"),
        (read_first_lesson, "in_progress", "Bezig"),
        (failed, "failed", "Niet gehaald"),
        (failed_then_passed, "passed", "Behaald"),
        (passed_never_expires, "passed", "Behaald"),
        (passed_valid_for_a_year, "passed", "Behaald"),
        (passed_then_failed_a_retake, "passed", "Behaald"),
        (expires_in_10_days, "expires_soon", "Verloopt binnenkort"),
        (expires_in_29_days, "expires_soon", "Verloopt binnenkort"),
        (expires_in_31_days, "passed", "Behaald"),
        (expired_yesterday, "expired", "Verlopen"),
        (revoked, "expired", "Verlopen"),
    ],
)
def test_status_of_a_module_on_the_academy_page(staff_client, staff_a, academy, history, status, label):
    module = factories.module(academy, "Klantbelofte", validity_months=12)
    factories.module(academy, "Overdracht")
    if history:
        history(staff_client, staff_a, module)

    html = academy_page(staff_client, academy)

    assert module_cards(html) == {"Klantbelofte": status, "Overdracht": "not_started"}
    assert label in card(html, "Klantbelofte").get_text()
    [progress] = progress_for(staff_a, visible_modules(staff_a).filter(pk=module.pk))
    assert progress.status == status


def test_progress_bar_counts_lessons_then_the_quiz(staff_client, staff_a, academy):
    module = factories.module(academy, "Klantbelofte", lessons=[factories.lesson(f"Les {n}") for n in range(1, 4)])
    staff_client.post(lesson_url(module, 1))

    bar = card(academy_page(staff_client, academy), "Klantbelofte").select_one("progress")

    assert bar["value"] == "25"  # 1 of 3 lessons, and the quiz still to come


def test_progress_bar_is_full_when_passed(staff_client, staff_a, academy):
    module = factories.module(academy, "Klantbelofte")
    record_completion(staff_a, module, valid_until=None)

    html = academy_page(staff_client, academy)

    assert card(html, "Klantbelofte").select_one("progress")["value"] == "100"
    assert "geldig tot onbeperkt" in " ".join(card(html, "Klantbelofte").get_text().split())


def test_an_expired_module_can_be_taken_again(staff_client, staff_a, academy):
    module = factories.module(academy, "Klantbelofte", validity_months=12)
    expired_yesterday(staff_client, staff_a, module)

    assert staff_client.get(quiz_url(module)).status_code == HTTPStatus.OK


# ---------------------------------------------------------------------------
# Recertification
# ---------------------------------------------------------------------------


def require_recertification(module, from_date):
    module.recertify_from = from_date
    module.save_revision().publish()


@pytest.mark.parametrize(
    ("completed_days_ago", "recertify_in_days", "status"),
    [
        pytest.param(60, -1, "expired", id="recertification-started-yesterday"),
        pytest.param(60, 0, "expired", id="recertification-starts-today"),
        pytest.param(60, 10, "expires_soon", id="recertification-in-10-days"),
        pytest.param(60, 90, "passed", id="recertification-in-90-days"),
        pytest.param(5, -10, "passed", id="passed-after-the-recertification-date"),
    ],
)
def test_recertification_expires_earlier_completions_from_its_date(
    staff_client, staff_a, academy, completed_days_ago, recertify_in_days, status
):
    module = factories.module(academy, "Klantbelofte", validity_months=24)
    completion = record_completion(staff_a, module, completed_at=timezone.now() - completed_days_ago * DAY)
    stored_valid_until = completion.valid_until
    require_recertification(module, timezone.localdate() + recertify_in_days * DAY)

    html = academy_page(staff_client, academy)

    assert module_cards(html)["Klantbelofte"] == status
    completion.refresh_from_db()
    assert completion.valid_until == stored_valid_until, "history is kept: the stored validity is not rewritten"


def test_recertification_shows_the_new_end_date(staff_client, staff_a, academy):
    module = factories.module(academy, "Klantbelofte", validity_months=24)
    record_completion(staff_a, module, completed_at=timezone.now() - 60 * DAY)
    from_date = timezone.localdate() + 10 * DAY
    require_recertification(module, from_date)

    text = " ".join(card(academy_page(staff_client, academy), "Klantbelofte").get_text().split())

    assert f"geldig tot {from_date.day} " in text


# ---------------------------------------------------------------------------
# Required and recommended
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requirement", "role", "group"),
    [
        pytest.param({}, "staff_a", "recommended", id="nothing-required"),
        pytest.param({"required_for_staff": True}, "staff_a", "required", id="staff-module-for-staff"),
        pytest.param({"required_for_staff": True}, "manager_a", "recommended", id="staff-module-for-manager"),
        pytest.param({"required_for_managers": True}, "manager_a", "required", id="manager-module-for-manager"),
        pytest.param({"required_for_managers": True}, "staff_a", "recommended", id="manager-module-for-staff"),
        pytest.param({"required_kinds": ["kind_intermediary"]}, "staff_a", "required", id="my-kind"),
        pytest.param({"required_kinds": ["kind_intermediary"]}, "manager_a", "required", id="my-kind-as-manager"),
        pytest.param({"required_kinds": ["kind_courier"]}, "staff_a", "recommended", id="other-kind"),
        pytest.param({"required_kinds": ["kind_courier"]}, "staff_b", "required", id="other-partner-its-kind"),
        pytest.param(
            {"required_for_staff": True, "required_kinds": ["kind_intermediary"]},
            "staff_a",
            "required",
            id="staff-of-my-kind",
        ),
        pytest.param(
            {"required_for_staff": True, "required_kinds": ["kind_intermediary"]},
            "staff_b",
            "recommended",
            id="staff-of-other-kind",
        ),
        pytest.param(
            {"required_for_staff": True, "required_kinds": ["kind_intermediary"]},
            "manager_a",
            "recommended",
            id="manager-of-my-kind-when-staff-only",
        ),
        pytest.param(
            {"required_for_staff": True, "required_for_managers": True},
            "manager_a",
            "required",
            id="both-roles",
        ),
    ],
)
def test_required_or_recommended_on_the_academy_page(client, request, people, academy, requirement, role, group):
    requirement = dict(requirement)
    kinds = [request.getfixturevalue(name) for name in requirement.pop("required_kinds", [])]
    factories.module(academy, "Klantbelofte", required_kinds=kinds, **requirement)
    factories.module(academy, "Vrijblijvend")
    client.force_login(people(role))

    html = academy_page(client, academy)

    other = {"required": "recommended", "recommended": "required"}[group]
    assert "Klantbelofte" in module_cards(html, f"{group}-title")
    assert "Klantbelofte" not in module_cards(html, f"{other}-title")
    assert "Vrijblijvend" in module_cards(html, "recommended-title")
    assert set(module_cards(html, "all-title")) == {"Klantbelofte", "Vrijblijvend"}
    heading = {"required": "Verplicht voor jou", "recommended": "Aanbevolen"}[group]
    assert heading in html


def test_the_academy_shows_only_modules_aimed_at_me(staff_client, academy, kind_intermediary, kind_courier):
    factories.module(academy, "Voor tussenpersonen", audiences=[kind_intermediary])
    factories.module(academy, "Voor koeriers", audiences=[kind_courier])
    factories.module(academy, "Voor iedereen")

    html = academy_page(staff_client, academy)

    assert set(module_cards(html)) == {"Voor tussenpersonen", "Voor iedereen"}


def test_a_module_for_another_kind_is_not_found(staff_client, academy, kind_courier):
    module = factories.module(academy, "Voor koeriers", audiences=[kind_courier])

    assert staff_client.get(module.url).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.get(quiz_url(module)).status_code == HTTPStatus.NOT_FOUND
    assert staff_client.post(lesson_url(module, 1)).status_code == HTTPStatus.NOT_FOUND


# ---------------------------------------------------------------------------
# Lessons read, without JavaScript
# ---------------------------------------------------------------------------


def test_a_lesson_is_a_plain_form_that_posts_back_to_itself(staff_client, academy):
    module = factories.module(academy, "Klantbelofte")

    page = staff_client.get(lesson_url(module, 1))

    assert page.status_code == HTTPStatus.OK
    form = BeautifulSoup(page.content, "html.parser").select_one("main form[method=post]")
    assert form is not None
    assert form.select_one("button[type=submit]").get_text(strip=True) == "Gelezen, volgende les"
    assert form.get("action") in (None, "")  # posts back to the lesson itself


def test_reading_lessons_saves_progress_per_lesson(staff_client, staff_a, academy):
    module = factories.module(
        academy, "Klantbelofte", lessons=[factories.lesson("Welkom"), factories.lesson("De klant")]
    )
    first, second = module.lesson_ids()

    response = staff_client.post(lesson_url(module, 1))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == lesson_url(module, 2)
    assert set(LessonProgress.objects.filter(user=staff_a, module=module).values_list("lesson_id", flat=True)) == {
        first
    }
    overview = BeautifulSoup(staff_client.get(module.url).content, "html.parser")
    read = [item.a.get_text() for item in overview.select(".lesson-list li") if "gelezen" in item.get_text()]
    assert read == ["Welkom"]
    assert overview.select_one("progress")["value"] == "33"

    last = staff_client.post(lesson_url(module, 2))

    assert last["Location"] == quiz_url(module)
    assert set(LessonProgress.objects.filter(user=staff_a, module=module).values_list("lesson_id", flat=True)) == {
        first,
        second,
    }


def test_reading_a_lesson_twice_counts_once(staff_client, staff_a, academy):
    module = factories.module(academy, "Klantbelofte")

    staff_client.post(lesson_url(module, 1))
    staff_client.post(lesson_url(module, 1))

    assert LessonProgress.objects.filter(user=staff_a, module=module).count() == 1


def test_lesson_progress_is_per_person(client, staff_a, manager_a, academy):
    module = factories.module(academy, "Klantbelofte")
    client.force_login(staff_a)
    client.post(lesson_url(module, 1))
    client.force_login(manager_a)

    assert module_cards(academy_page(client, academy)) == {"Klantbelofte": "not_started"}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("number", [0, 3, 99])
def test_a_lesson_number_out_of_range_is_not_found(staff_client, staff_a, academy, method, number):
    module = factories.module(academy, "Klantbelofte")  # two lessons

    response = getattr(staff_client, method)(lesson_url(module, number))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert not LessonProgress.objects.exists()
