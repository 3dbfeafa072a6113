"""The partner's scorecard, the leaderboard and the dashboard section: what each person sees, and nothing of others."""

import uuid
from http import HTTPStatus

import pytest
from django.utils import timezone

from recognition.models import LevelChange, LevelNotice, RecognitionLevel, RecognitionSettings, Standing
from recognition.standing import refresh
from training import factories as training_factories
from training.models import Attempt, Completion

pytestmark = pytest.mark.django_db


def passed(user, module, partner, score=90):
    attempt = Attempt.objects.create(
        user=user, module=module, token=uuid.uuid4(), score=score, pass_mark=80, passed=True
    )
    return Completion.objects.create(user=user, module=module, attempt=attempt, partner=partner, score=score)


@pytest.fixture
def academy(home_page):
    return training_factories.academy(home_page)


@pytest.fixture
def required(academy):
    return training_factories.module(academy, "Klantbelofte", required_for_staff=True, required_for_managers=True)


def test_scorecard_shows_level_metrics_and_what_the_next_level_asks(client, partner_a, staff_a, manager_a, required):
    passed(manager_a, required, partner_a)
    client.force_login(manager_a)

    response = client.get("/erkenning/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Verplichte training" in html
    assert "1 van 2 mensen" in html
    assert "Klantbelofte: 1 van de 2 nog niet geldig behaald" in html
    # A manager sees who lacks the module; the formula of each metric is explained.
    assert staff_a.email in html or staff_a.get_full_name() in html
    assert "(NPS + 100) ÷ 2" in html


def test_staff_see_counts_but_not_names(client, partner_a, staff_a, manager_a, required):
    passed(staff_a, required, partner_a)
    client.force_login(staff_a)

    html = client.get("/erkenning/").content.decode()

    assert "Klantbelofte: 1 van de 2 nog niet geldig behaald" in html
    assert manager_a.get_full_name() not in html and manager_a.email not in html


def test_a_partner_sees_only_its_own_numbers(client, partner_a, partner_b, staff_a, staff_b, manager_b, required):
    passed(staff_b, required, partner_b)
    passed(manager_b, required, partner_b)
    client.force_login(staff_a)

    response = client.get("/erkenning/")

    assert response.context["card"].partner == partner_a
    assert "0 van 1 persoon" in response.content.decode()
    assert "Partner B" not in response.content.decode()


def test_viewing_the_scorecard_records_the_standing(client, partner_a, staff_a):
    client.force_login(staff_a)
    client.get("/erkenning/")
    assert Standing.objects.filter(partner=partner_a).exists()


def test_leaderboard_is_off_by_default_and_shows_names_and_levels_only(
    client, partner_a, partner_b, staff_a, staff_b, manager_b, required
):
    client.force_login(staff_a)
    assert client.get("/erkenning/ranglijst/").status_code == HTTPStatus.NOT_FOUND

    passed(staff_b, required, partner_b)
    passed(manager_b, required, partner_b)
    settings = RecognitionSettings.load()
    settings.show_leaderboard = True
    settings.save()
    refresh()

    response = client.get("/erkenning/ranglijst/")

    assert response.status_code == HTTPStatus.OK
    rows = response.context["rows"]
    assert [row["partner"] for row in rows] == [partner_b, partner_a]  # the higher level first
    html = response.content.decode()
    assert "Partner A" in html and "Partner B" in html
    assert "totaalscore" not in html.lower()


def test_no_partner_no_scorecard(client, brand_team):
    client.force_login(brand_team)
    assert client.get("/erkenning/").status_code == HTTPStatus.FORBIDDEN


def level_drop(partner):
    """Record Goud, then make Goud ask more than the partner has: the next refresh drops it."""
    RecognitionLevel.objects.all().delete()
    low = RecognitionLevel.objects.create(name="Zilver", rank=2, min_overall=10)
    high = RecognitionLevel.objects.create(name="Goud", rank=3, min_overall=10)
    refresh()
    assert Standing.objects.get(partner=partner).level == high
    RecognitionLevel.objects.filter(pk=high.pk).update(min_overall=100)
    refresh()
    assert Standing.objects.get(partner=partner).level == low


def test_a_manager_sees_a_level_change_on_the_dashboard_and_can_hide_it(
    client, partner_a, staff_a, manager_a, required
):
    passed(staff_a, required, partner_a)
    level_drop(partner_a)
    notice = LevelNotice.objects.get(user=manager_a)
    client.force_login(manager_a)

    html = client.get("/").content.decode()
    assert "Jullie niveau is gewijzigd van Goud naar Zilver." in html

    assert client.post(f"/erkenning/meldingen/{notice.pk}/verbergen/").status_code == HTTPStatus.FOUND
    notice.refresh_from_db()
    assert notice.dismissed_at is not None
    assert "Jullie niveau is gewijzigd" not in client.get("/").content.decode()


def test_staff_get_no_notice_and_cannot_hide_a_managers(client, partner_a, staff_a, manager_a, required):
    passed(staff_a, required, partner_a)
    level_drop(partner_a)
    notice = LevelNotice.objects.get(user=manager_a)
    assert not LevelNotice.objects.filter(user=staff_a).exists()
    client.force_login(staff_a)

    assert "Jullie niveau is gewijzigd" not in client.get("/").content.decode()
    assert client.post(f"/erkenning/meldingen/{notice.pk}/verbergen/").status_code == HTTPStatus.NOT_FOUND
    notice.refresh_from_db()
    assert notice.dismissed_at is None
    assert LevelChange.objects.filter(partner=partner_a).count() == 1
    assert timezone.now() >= notice.created_at


def test_a_notice_about_another_partner_stays_off_the_dashboard(client, partner_a, partner_b, manager_a):
    """A manager who moved from B to A reads A's news, not B's."""
    change = LevelChange.objects.create(partner=partner_b, previous_name="Goud", level_name="Zilver")
    LevelNotice.objects.create(user=manager_a, change=change)
    client.force_login(manager_a)

    assert "Jullie niveau is gewijzigd" not in client.get("/").content.decode()
