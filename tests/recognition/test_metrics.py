"""Each scorecard metric against numbers worked out by hand, and the queries behind them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journeys import factories as journey_factories
from journeys.nps import Nps
from materials import factories as material_factories
from materials.holdings import outdated_versions
from materials.models import Download
from materials.versions import current_version
from partners.factories import PartnerFactory
from partners.models import Role
from recognition.metrics import HOLDING_DAYS, KEYS, measure, nps_value, percent
from tests.training.helpers import ago, record_attempt, record_completion
from training import factories as training_factories
from training.coverage import gaps


def values_of(partner, now=None):
    return measure([partner.pk], now)[partner.pk].values


@pytest.fixture
def academy(home_page):
    return training_factories.academy(home_page)


@pytest.fixture
def library(home_page):
    return material_factories.library(home_page)


@pytest.fixture
def journey_steps(home_page):
    """One step of a journey for every partner, and one of a journey aimed at couriers only."""
    index = journey_factories.journey_index(home_page)
    everyone = journey_factories.journey(index, "Auto verzekeren", steps=[journey_factories.step("Advies")])
    return everyone.steps.get()


def download(user, partner, material, *, days_ago=1):
    """A download of the material's version that is current at this moment."""
    return Download.objects.create(
        user=user, partner=partner, material=material, version=current_version(material), downloaded_at=ago(days_ago)
    )


# ---------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(2, 3, 67), (1, 3, 33), (1, 8, 13), (3, 8, 38), (0, 4, 0), (4, 4, 100), (0, 0, None)],
)
def test_percent_rounds_halves_up(part, whole, expected):
    assert percent(part, whole) == expected


# ---------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------


def test_training_is_the_share_of_people_holding_every_required_certificate(
    academy, partner_a, staff_a, manager_a, person
):
    basics = training_factories.module(academy, "Basis", required_for_staff=True, required_for_managers=True)
    other = person(partner_a)
    record_completion(staff_a, basics)
    record_completion(manager_a, basics)

    # 3 people, 2 hold the one required certificate: 2/3 -> 67.
    assert values_of(partner_a)["training"] == 67
    record_completion(other, basics)
    assert values_of(partner_a)["training"] == 100


def test_training_asks_each_role_its_own_modules(academy, partner_a, staff_a, manager_a):
    for_staff = training_factories.module(academy, "Voor medewerkers", required_for_staff=True)
    for_managers = training_factories.module(academy, "Voor beheerders", required_for_managers=True)
    record_completion(staff_a, for_staff)
    record_completion(manager_a, for_staff)  # not what a manager needs

    # staff_a holds all a staff member needs; manager_a lacks "Voor beheerders": 1/2 -> 50.
    assert values_of(partner_a)["training"] == 50
    record_completion(manager_a, for_managers)
    assert values_of(partner_a)["training"] == 100


def test_training_asks_each_partner_kind_its_own_modules(
    academy, partner_a, partner_b, staff_a, manager_a, staff_b, kind_intermediary
):
    advice = training_factories.module(academy, "Advies", required_kinds=[kind_intermediary])
    leading = training_factories.module(
        academy, "Advies leiden", required_kinds=[kind_intermediary], required_for_managers=True
    )
    record_completion(staff_a, advice)
    record_completion(manager_a, advice)

    # A (intermediary): staff_a holds "Advies"; manager_a also needs "Advies leiden" (kind and role): 1/2 -> 50.
    # B (courier): nothing is required of couriers, so staff_b holds everything: 1/1 -> 100.
    assert values_of(partner_a)["training"] == 50
    assert values_of(partner_b)["training"] == 100
    record_completion(manager_a, leading)
    assert values_of(partner_a)["training"] == 100


def test_training_ignores_modules_aimed_at_another_kind_or_not_live(
    academy, partner_a, partner_b, staff_a, staff_b, kind_courier
):
    training_factories.module(academy, "Bezorgen", audiences=[kind_courier], required_for_staff=True)
    training_factories.module(academy, "Concept", required_for_staff=True, publish=False, live=False)

    # "Bezorgen" is aimed at couriers only and "Concept" is not live: A asks nothing of staff_a (1/1 -> 100),
    # B asks "Bezorgen" of staff_b, who lacks it (0/1 -> 0).
    assert values_of(partner_a)["training"] == 100
    assert values_of(partner_b)["training"] == 0


def test_training_counts_only_valid_certificates(academy, partner_a, staff_a, person):
    module = training_factories.module(academy, "Basis", required_for_staff=True, validity_months=12)
    expired, revoked, before_recertification = person(partner_a), person(partner_a), person(partner_a)
    record_completion(staff_a, module, completed_at=ago(2))
    record_completion(expired, module, completed_at=ago(400))
    record_completion(revoked, module, completed_at=ago(2), revoked_at=ago(1))
    record_completion(before_recertification, module, completed_at=ago(20))
    module.recertify_from = timezone.localdate() - timedelta(days=10)
    module.save_revision().publish()

    # 4 people; only staff_a's certificate (2 days old, after the recertification date) still counts: 1/4 -> 25.
    assert values_of(partner_a)["training"] == 25


def test_training_counts_only_current_people_with_an_active_account(academy, partner_a, staff_a, person):
    module = training_factories.module(academy, "Basis", required_for_staff=True)
    record_completion(staff_a, module)
    person(partner_a, ended=True)  # left, without the certificate
    person(partner_a, is_active=False)  # account switched off, without the certificate

    # Only staff_a counts: 1/1 -> 100 (not 1/3).
    measurement = measure([partner_a.pk])[partner_a.pk]
    assert measurement.people == 1
    assert measurement.values["training"] == 100


def test_partner_without_people_has_nothing_to_measure(partner_a):
    measurement = measure([partner_a.pk])[partner_a.pk]
    assert measurement.people == 0
    assert measurement.values == dict.fromkeys(KEYS)


def test_gaps_explain_the_training_number_module_by_module(
    academy, partner_a, staff_a, manager_a, staff_b, django_assert_num_queries
):
    basics = training_factories.module(academy, "Basis", required_for_staff=True, required_for_managers=True)
    leading = training_factories.module(academy, "Leiden", required_for_managers=True)
    training_factories.module(academy, "Extra")  # recommended, required of nobody
    record_completion(staff_a, basics)

    with django_assert_num_queries(4):
        found = [(gap.module.pk, gap.required_of, gap.lacking) for gap in gaps(partner_a)]

    assert found == [(basics.pk, 2, [manager_a]), (leading.pk, 1, [manager_a])]


# ---------------------------------------------------------------------------
# Quiz
# ---------------------------------------------------------------------------


def test_quiz_is_the_mean_score_of_recent_attempts_by_current_people(
    academy, partner_a, partner_b, staff_a, manager_a, staff_b, person
):
    module = training_factories.module(academy, "Basis")
    record_attempt(staff_a, module, passed=True, score=80, submitted_at=ago(5))
    record_attempt(staff_a, module, passed=True, score=90, submitted_at=ago(80))
    record_attempt(manager_a, module, passed=False, score=65, submitted_at=ago(30))
    record_attempt(staff_a, module, passed=False, score=0, submitted_at=ago(95))  # before the 90 days
    record_attempt(person(partner_a, ended=True), module, passed=False, score=0)  # an ex-colleague
    record_attempt(staff_b, module, passed=False, score=10)  # partner B's

    # (80 + 90 + 65) / 3 = 78.3 -> 78.
    assert values_of(partner_a)["quiz"] == 78
    assert values_of(partner_b)["quiz"] == 10


def test_quiz_mean_rounds_halves_up(academy, partner_a, staff_a):
    module = training_factories.module(academy, "Basis")
    record_attempt(staff_a, module, passed=True, score=80)
    record_attempt(staff_a, module, passed=True, score=85)

    # (80 + 85) / 2 = 82.5 -> 83.
    assert values_of(partner_a)["quiz"] == 83


def test_quiz_without_recent_attempts_is_not_measured(academy, partner_a, staff_a):
    record_attempt(staff_a, training_factories.module(academy, "Basis"), passed=True, score=90, submitted_at=ago(91))

    assert values_of(partner_a)["quiz"] is None


# ---------------------------------------------------------------------------
# Downloads and holdings
# ---------------------------------------------------------------------------


def test_downloads_is_the_share_of_recent_downloads_still_current(
    library, partner_a, partner_b, staff_a, manager_a, staff_b, brand_team
):
    folder = material_factories.material(library, "Folder")
    poster = material_factories.material(library, "Poster")
    download(staff_a, partner_a, folder, days_ago=10)
    download(staff_b, partner_b, folder, days_ago=10)
    download(staff_a, partner_a, folder, days_ago=100)  # before the 90 days
    download(brand_team, None, folder)  # no partner: counts nowhere
    folder = material_factories.publish_changes(folder, version_label="2")
    download(staff_a, partner_a, folder)
    download(manager_a, partner_a, poster)

    # A's downloads in 90 days: folder 1 (now replaced), folder 2, poster 1: 2 of 3 current -> 67.
    # B's: folder 1 only: 0 of 1 -> 0.
    assert values_of(partner_a)["downloads"] == 67
    assert values_of(partner_b)["downloads"] == 0

    poster = material_factories.publish_changes(poster, withdrawal_reason="Verkeerde tarieven")

    # The poster was withdrawn after it was downloaded: 1 of 3 -> 33.
    assert values_of(partner_a)["downloads"] == 33


def test_downloads_without_recent_downloads_is_not_measured(library, partner_a, staff_a):
    download(staff_a, partner_a, material_factories.material(library, "Folder"), days_ago=91)

    assert values_of(partner_a)["downloads"] is None


@pytest.fixture
def held(library, partner_a, partner_b, staff_a, manager_a, staff_b):
    """In the last year partner A downloaded four materials:
    Folder, version 1 by staff_a and manager_a, then version 2 came, which only staff_a fetched;
    Poster, by staff_a, then withdrawn; Kaart, by manager_a, still current;
    Flyer, version 1 by staff_a, then version 2, which staff_a fetched.
    Oud was downloaded 400 days ago and replaced since: out of the year.
    staff_b downloaded Flyer 1 for partner B and never fetched version 2."""
    folder = material_factories.material(library, "Folder")
    poster = material_factories.material(library, "Poster")
    kaart = material_factories.material(library, "Kaart")
    flyer = material_factories.material(library, "Flyer")
    oud = material_factories.material(library, "Oud")
    download(staff_a, partner_a, folder, days_ago=200)
    download(manager_a, partner_a, folder, days_ago=150)
    download(staff_a, partner_a, poster, days_ago=100)
    download(manager_a, partner_a, kaart, days_ago=20)
    download(staff_a, partner_a, flyer, days_ago=300)
    download(staff_a, partner_a, oud, days_ago=400)
    download(staff_b, partner_b, flyer, days_ago=300)
    folder_1 = current_version(folder)
    poster_1 = current_version(poster)
    folder = material_factories.publish_changes(folder, version_label="2")
    poster = material_factories.publish_changes(poster, withdrawal_reason="Verkeerde tarieven")
    flyer = material_factories.publish_changes(flyer, version_label="2")
    material_factories.publish_changes(oud, version_label="2")
    download(staff_a, partner_a, folder, days_ago=5)
    download(staff_a, partner_a, flyer, days_ago=5)
    return {"folder": folder, "folder_1": folder_1, "poster_1": poster_1}


def test_holdings_is_the_share_of_materials_nobody_holds_outdated(held, partner_a, partner_b, manager_a):
    # Of Folder, Poster, Kaart and Flyer, manager_a still holds Folder 1 and staff_a the withdrawn Poster:
    # 2 of 4 clean -> 50. B: staff_b still holds Flyer 1 (staff_a's renewal is not theirs): 0 of 1 -> 0.
    assert values_of(partner_a)["holdings"] == 50
    assert values_of(partner_b)["holdings"] == 0

    download(manager_a, partner_a, held["folder"])

    # Fetching the current Folder clears manager_a's copy: 3 of 4 -> 75.
    assert values_of(partner_a)["holdings"] == 75


def test_outdated_versions_lists_what_the_partner_still_holds(held, partner_a, manager_a):
    year = ago(HOLDING_DAYS)

    # The versions behind the holdings number: Oud's was downloaded before the year and is left out.
    assert outdated_versions(partner_a, year) == [held["folder_1"], held["poster_1"]]
    assert [version.material.title for version in outdated_versions(partner_a, year)] == ["Folder", "Poster"]

    download(manager_a, partner_a, held["folder"])

    assert outdated_versions(partner_a, year) == [held["poster_1"]]


def test_holdings_without_downloads_in_the_year_is_not_measured(library, partner_a, staff_a):
    download(staff_a, partner_a, material_factories.material(library, "Folder"), days_ago=366)

    assert values_of(partner_a)["holdings"] is None


# ---------------------------------------------------------------------------
# Tools and the teksttoets
# ---------------------------------------------------------------------------


@pytest.fixture(params=["tools", "voice"])
def activity(request):
    """The metric, and how to record its event: a tool used or a text checked."""
    return request.param, request.getfixturevalue("use_tool" if request.param == "tools" else "check_text")


def test_activity_is_the_share_of_people_active_in_the_period(
    activity, partner_a, partner_b, staff_a, manager_a, staff_b, person
):
    key, record = activity
    idle = person(partner_a)
    record(staff_a, partner_a, days_ago=1)
    record(staff_a, partner_a, days_ago=2)
    record(manager_a, partner_a, days_ago=91)  # before the 90 days
    record(person(partner_a, ended=True), partner_a)  # an ex-colleague
    record(person(partner_a, is_active=False), partner_a)  # an account switched off
    record(staff_b, partner_b)

    # A has staff_a, manager_a and idle; only staff_a was active in the period: 1/3 -> 33.
    assert values_of(partner_a)[key] == 33
    assert values_of(partner_b)[key] == 100
    record(idle, partner_a)
    record(manager_a, partner_a)
    assert values_of(partner_a)[key] == 100


def test_activity_for_another_partner_does_not_count(activity, partner_a, partner_b, staff_a, person):
    key, record = activity
    mover = person(partner_a)
    record(mover, partner_b)  # done for partner B, where mover no longer works

    # A: staff_a and mover, neither active for A: 0/2 -> 0. B has no people: nothing to measure.
    assert values_of(partner_a)[key] == 0
    assert values_of(partner_b)[key] is None


# ---------------------------------------------------------------------------
# Customer rating (NPS)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nps", "expected"),
    [
        (Nps(promoters=5, passives=2, detractors=3), 60),  # NPS 20 -> (20 + 100) / 2 = 60
        (Nps(promoters=7, passives=7, detractors=6), 53),  # NPS 5 -> 52.5 -> 53
        (Nps(promoters=6, passives=7, detractors=7), 48),  # NPS -5 -> 47.5 -> 48
        (Nps(promoters=4, passives=0, detractors=3), 57),  # NPS 14.29 -> 57.14 -> 57
        (Nps(promoters=5), 100),
        (Nps(detractors=5), 0),
        (Nps(promoters=4), None),  # four answers are too few
        (None, None),
    ],
)
def test_nps_value(nps, expected):
    assert nps_value(nps) == expected


def test_nps_counts_recent_answers_on_journeys_the_partner_sees(home_page, journey_steps, partner_a, partner_b):
    step = journey_steps
    courier_journey = journey_factories.journey(
        journey_factories.journey_index(home_page),
        "Pakket bezorgen",
        audiences=[partner_b.kinds.get()],
        steps=[journey_factories.step("Bezorgen")],
    )
    journey_factories.responses(step, partner_a, [10, 9, 9, 10, 9, 8, 7, 3, 0, 6])
    journey_factories.responses(step, partner_a, [0, 0, 0], at=ago(91))  # before the 90 days
    # Answers given through A on a journey now aimed at couriers only.
    journey_factories.responses(courier_journey.steps.get(), partner_a, [0, 0, 0])
    journey_factories.responses(step, partner_b, [0, 0, 0, 0, 0])

    # A: 5 promoters, 2 passives, 3 detractors of 10: NPS 20 -> 60. B: NPS -100 -> 0.
    measurement = measure([partner_a.pk, partner_b.pk])
    assert measurement[partner_a.pk].values["nps"] == 60
    assert measurement[partner_a.pk].counts["nps"] == Nps(promoters=5, passives=2, detractors=3)
    assert measurement[partner_b.pk].values["nps"] == 0


def test_nps_needs_five_answers(journey_steps, partner_a):
    journey_factories.responses(journey_steps, partner_a, [10, 10, 10, 10])
    journey_factories.responses(journey_steps, partner_a, [10], at=ago(91))

    assert values_of(partner_a)["nps"] is None
    journey_factories.response(journey_steps, partner_a, 10)
    assert values_of(partner_a)["nps"] == 100


def test_nps_ignores_answers_on_a_journey_no_longer_live(journey_steps, partner_a):
    journey_factories.responses(journey_steps, partner_a, [10, 10, 10, 10, 10])
    journey_steps.journey.unpublish()

    assert values_of(partner_a)["nps"] is None


# ---------------------------------------------------------------------------
# All metrics at once
# ---------------------------------------------------------------------------


@pytest.fixture
def busy_partners(academy, library, journey_steps, person, use_tool, check_text, kind_intermediary):
    """make(count): that many partners, each with two people and every kind of event the metrics count."""
    module = training_factories.module(academy, "Basis", required_for_staff=True, required_for_managers=True)
    folder = material_factories.material(library, "Folder")

    def make(count):
        partners = []
        for _ in range(count):
            partner = PartnerFactory(kinds=[kind_intermediary])
            staff, manager = person(partner), person(partner, Role.MANAGER)
            record_completion(staff, module, partner=partner)
            record_attempt(manager, module, passed=False, score=50)
            download(staff, partner, folder)
            use_tool(staff, partner)
            check_text(manager, partner)
            journey_factories.responses(journey_steps, partner, [10, 9, 8, 7, 3])
            partners.append(partner)
        return partners

    return make


@pytest.mark.parametrize("count", [1, 5])
def test_measure_takes_six_queries_for_any_number_of_partners(busy_partners, django_assert_num_queries, count):
    partners = busy_partners(count)
    now = timezone.now()

    with django_assert_num_queries(6):
        measured = measure([partner.pk for partner in partners], now)

    # Every partner: 2 people, 1 trained, quiz (90 + 50) / 2, the one download current, nothing held outdated,
    # 1 of 2 used a tool and 1 of 2 the teksttoets, NPS (2 - 1) / 5 = 20 -> 60.
    expected = {"training": 50, "quiz": 70, "downloads": 100, "holdings": 100, "tools": 50, "voice": 50, "nps": 60}
    assert {partner.pk: measured[partner.pk].values for partner in partners} == {
        partner.pk: expected for partner in partners
    }


def test_downloading_the_replacement_clears_a_holding(library, partner_a, staff_a):
    old = material_factories.material(library, "Poster 2025")
    download(staff_a, partner_a, old, days_ago=30)
    new = material_factories.material(library, "Poster 2026")
    material_factories.publish_changes(old, replaced_by=new)

    # staff_a holds the replaced Poster 2025: 0 of 1 clean.
    assert values_of(partner_a)["holdings"] == 0

    download(staff_a, partner_a, new)

    # Poster 2026 is what replaced it: both materials clean, 2 of 2.
    assert values_of(partner_a)["holdings"] == 100
    assert outdated_versions(partner_a) == []
