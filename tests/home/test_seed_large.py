"""`seed_demo --size large --scale 0.01`: the benchmark set in small, with the shape, rules and idempotency of the
full one. It is built once for this module, in a transaction rolled back at the end."""

import io
import random
from collections import Counter
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.test import override_settings
from wagtail.models import Page

from accounts.demo import DEMO_PASSWORD
from home.demo_scale import Scale
from journeys.models import FeedbackLink, FeedbackResponse
from materials.models import Download, MaterialIndexPage, MaterialPage, MaterialVersion, OutdatedNotice
from partners.demo_large import BIGGEST_TEAM, team_sizes
from partners.models import Membership, Partner, Role
from recognition.models import Snapshot, Standing
from tools.models import ChecklistRun, ToolUse
from training.models import Attempt, Completion, LessonProgress, TrainingModulePage

# django_db also makes pytest-django create the test database the set lives in; one worker builds it once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seed_large")]

SCALE = 0.01
LARGE = Q(user__email__endswith=".test")  # the large set's people; the demo's have their own story


def seed():
    out = io.StringIO()
    call_command("seed_demo", size="large", scale=SCALE, force=True, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [
            Partner,
            get_user_model(),
            Membership,
            TrainingModulePage,
            Attempt,
            Completion,
            LessonProgress,
            MaterialPage,
            MaterialVersion,
            Download,
            OutdatedNotice,
            ChecklistRun,
            ToolUse,
            FeedbackResponse,
            FeedbackLink,
            Snapshot,
            Page,
        ]
    }


@pytest.fixture(scope="module")
def large(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("seed-large")
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": files / "private"}}
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=files / "media", STORAGES={**settings.STORAGES, "private": private}),
        transaction.atomic(),
    ):
        yield seed()
        transaction.set_rollback(True)


def test_prints_the_time_of_each_part_and_the_total(large):
    assert "Grote dataset, partners en mensen:" in large
    assert "Grote dataset, materialen:" in large
    assert "Totaal:" in large


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("partners", lambda: Partner.objects),
        ("users", lambda: get_user_model().objects),
        ("modules", lambda: TrainingModulePage.objects.live()),
        ("attempts", lambda: Attempt.objects),
        ("completions", lambda: Completion.objects),
        ("materials", lambda: MaterialPage.objects.live()),
        ("downloads", lambda: Download.objects),
        ("checklist_runs", lambda: ChecklistRun.objects),
        ("calculations", lambda: ToolUse.objects.filter(kind=ToolUse.Kind.CALCULATION)),
        ("feedback", lambda: FeedbackResponse.objects),
    ],
)
def test_sizes_scale_down(large, name, rows):
    assert rows().count() == Scale(SCALE).size(name)


def test_the_small_set_still_fills_more_than_a_page_of_each_list(large):
    assert Partner.objects.count() > 20  # the admin's partner listing
    assert MaterialPage.objects.live().count() > settings.MATERIALS_PER_PAGE
    teams = Counter(Membership.objects.current().values_list("partner_id", flat=True))
    assert max(teams.values()) > 50  # the team page
    assert len(set(teams.values())) > 5  # teams of varied size


def test_people_have_a_membership_and_partners_about_one_manager(large):
    people = get_user_model().objects.filter(email__endswith=".test")
    assert not people.exclude(Exists(Membership.objects.filter(user=OuterRef("pk")))).exists()
    partners = Partner.objects.filter(email_domains__domain__endswith=".test")
    managers = Membership.objects.filter(partner__in=partners, role=Role.MANAGER).count()
    assert partners.count() <= managers <= 1.3 * partners.count()
    assert not partners.exclude(Exists(Membership.objects.filter(partner=OuterRef("pk"), role=Role.MANAGER))).exists()


def test_every_completion_has_its_passed_attempt(large):
    completions = Completion.objects.select_related("attempt", "module")
    assert not completions.exclude(attempt__passed=True).exists()
    assert not completions.exclude(attempt__user=F("user"), attempt__module=F("module")).exists()
    assert not completions.exclude(completed_at=F("attempt__submitted_at"), score=F("attempt__score")).exists()
    assert not Attempt.objects.filter(LARGE, passed=True, completion__isnull=True).exists()
    for completion in completions.filter(LARGE):
        assert completion.valid_until == completion.module.valid_until(completion.completed_at)
        assert completion.attempt.score >= completion.attempt.pass_mark


def test_attempts_are_scored_as_the_quiz_scores_them(large):
    for attempt in Attempt.objects.filter(LARGE).select_related("module")[:300]:
        questions = attempt.module.quiz_questions()
        right = {question.id for question in questions if set(attempt.answers[question.id]) == question.correct}
        assert sorted(right) == attempt.correct_questions
        assert attempt.score == 100 * len(right) // len(questions)
        assert attempt.passed == (attempt.score >= attempt.pass_mark)


@pytest.mark.parametrize(
    ("model", "moment"),
    [
        (Completion, "completed_at"),
        (Download, "downloaded_at"),
        (ChecklistRun, "created_at"),
        (ToolUse, "used_at"),
    ],
)
def test_the_partner_of_an_event_is_the_one_the_person_worked_for_then(large, model, moment):
    working = Membership.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gte=OuterRef(moment)),
        user=OuterRef("user"),
        partner=OuterRef("partner"),
        started_at__lte=OuterRef(moment),
    )
    rows = model.objects.filter(LARGE)
    assert rows.exists()
    assert not rows.exclude(Exists(working)).exists()


def test_events_happen_after_what_they_need_was_published(large):
    assert not Attempt.objects.filter(LARGE, submitted_at__lt=F("module__first_published_at")).exists()
    assert not Download.objects.filter(downloaded_at__lt=F("version__published_at")).filter(LARGE).exists()
    assert not Download.objects.filter(LARGE, version__superseded_at__lte=F("downloaded_at")).exists()
    assert not Download.objects.filter(LARGE, version__withdrawn_at__lte=F("downloaded_at")).exists()


def test_people_only_use_what_is_aimed_at_their_partner(large):
    kinds = {
        partner.pk: {kind.pk for kind in partner.kinds.all()} for partner in Partner.objects.prefetch_related("kinds")
    }
    aimed = {
        page.pk: {kind.pk for kind in page.audiences.all()}
        for page in MaterialPage.objects.prefetch_related("audiences")
    }
    for material_id, partner_id in Download.objects.filter(LARGE).values_list("material_id", "partner_id"):
        assert not aimed[material_id] or aimed[material_id] & kinds[partner_id]
    answers = FeedbackResponse.objects.filter(partner__email_domains__domain__endswith=".test").select_related("step")
    assert answers.exists()
    for answer in answers:
        assert answer.step.owner_id in kinds[answer.partner_id]
        assert FeedbackLink.objects.filter(step=answer.step, partner=answer.partner_id).exists()


def test_checklist_runs_are_counted_as_the_real_flow_counts_them(large):
    runs = ChecklistRun.objects.filter(LARGE)
    started = Exists(ToolUse.objects.filter(run=OuterRef("pk"), kind=ToolUse.Kind.CHECKLIST_STARTED))
    completed = Exists(ToolUse.objects.filter(run=OuterRef("pk"), kind=ToolUse.Kind.CHECKLIST_COMPLETED))
    assert not runs.exclude(started).exists()
    assert runs.filter(completed_at__isnull=False).exists()
    assert not runs.filter(completed_at__isnull=False).exclude(completed).exists()
    assert not runs.filter(completed_at__isnull=True).filter(completed).exists()


def test_the_page_tree_is_valid(large):
    assert Page.find_problems() == ([], [], [], [], [])
    library = MaterialIndexPage.objects.get()
    assert library.numchild == library.get_children().count() == MaterialPage.objects.count()
    for page in MaterialPage.objects.live().select_related("live_revision"):
        assert page.url_path == f"{library.url_path}{page.slug}/"
        assert page.live_revision.as_object().title == page.title
        assert page.versions.get(superseded_at__isnull=True).document_id == page.document_id


def test_new_materials_are_found_by_the_library_search(large):
    assert MaterialPage.objects.live().filter(title__startswith="Folder").count() > 1
    assert len(MaterialPage.objects.live().search("Folder")) > 1


def test_recognition_records_every_active_partner(large):
    active = Partner.objects.filter(is_active=True)
    assert Standing.objects.filter(partner__in=active).count() == active.count()
    assert Snapshot.objects.filter(partner__email_domains__domain__endswith=".test").count() > active.count()


def test_running_again_adds_nothing(large):
    before = counts()

    output = seed()

    assert "De grote dataset is al aanwezig" in output
    assert counts() == before


@pytest.mark.parametrize("url", ["/", "/academie/", "/academie/onze-belofte/", "/bibliotheek/", "/erkenning/"])
def test_the_demo_login_still_sees_the_portal(large, client, url):
    assert client.login(email="sanne@vandijk-assurantien.example", password=DEMO_PASSWORD)

    assert client.get(url).status_code == HTTPStatus.OK


def test_team_sizes_vary_add_up_and_leave_nobody_alone():
    sizes = team_sizes(random.Random(1), 238, 25)

    assert sum(sizes) == 238
    assert min(sizes) >= 1
    assert max(sizes) >= BIGGEST_TEAM
    assert len(set(sizes)) > 5
