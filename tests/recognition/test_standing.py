"""Recording where partners stand: level changes and who hears of them, the monthly snapshot, the nightly command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from partners.models import Role
from recognition.models import LevelChange, LevelNotice, RecognitionLevel, RecognitionSettings, Snapshot, Standing
from recognition.scorecards import network
from recognition.standing import month_of, refresh, take_snapshot
from recognition.tasks import send_level_notice_email

RISE_SUBJECT = "Gefeliciteerd: jullie niveau is omhoog gegaan"


@pytest.fixture
def team(partner_a, partner_b, staff_a, manager_a, staff_b, manager_b, person, use_tool):
    """Partner A: staff_a and manager_a used a tool, a second manager did not; an ex-manager and a manager whose
    account is switched off do not count. No training is required, so everyone holds all of it.
    A: training 100, tools 2/3 -> 67, voice 0, the rest not measured: (3 × 100 + 67 + 0) / 5 = 73.4 -> 73, Zilver.
    B: training 100, tools 0, voice 0: 300 / 5 = 60, Zilver. Goud asks 75."""
    manager_a.language = "en"
    manager_a.save()
    use_tool(staff_a, partner_a)
    use_tool(manager_a, partner_a)
    return {
        "second_manager": person(partner_a, Role.MANAGER, email="tweede@partner-a.example", first_name="Iris"),
        "ex_manager": person(partner_a, Role.MANAGER, ended=True),
        "inactive_manager": person(partner_a, Role.MANAGER, is_active=False),
    }


def standings():
    return {standing.partner.name: (standing.level.name, standing.overall) for standing in Standing.objects.all()}


def save_level(capture, name, **minima):
    """Edit a level as the brand team does; the refresh runs once the edit is committed."""
    level = RecognitionLevel.objects.get(name=name)
    for field, value in minima.items():
        setattr(level, field, value)
    with capture(execute=True):
        level.save()
    return level


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_the_first_refresh_records_levels_without_changes(team, mailoutbox):
    assert refresh() == []

    assert standings() == {"Partner A": ("Zilver", 73), "Partner B": ("Zilver", 60)}
    assert Standing.objects.get(partner__name="Partner A").values["tools"] == 67
    assert not LevelChange.objects.exists()
    assert not LevelNotice.objects.exists()
    assert mailoutbox == []


def test_a_partner_without_people_stands_at_no_level(partner_a):
    refresh()

    standing = Standing.objects.get(partner=partner_a)
    assert standing.level is None
    assert standing.values["training"] is None


def test_editing_a_level_changes_levels_and_tells_current_managers(
    team, partner_a, manager_a, django_capture_on_commit_callbacks, mailoutbox
):
    refresh()
    before = Standing.objects.get(partner=partner_a).since

    save_level(django_capture_on_commit_callbacks, "Goud", min_overall=70)

    # A's 73 now reaches Goud; B's 60 does not.
    assert standings() == {"Partner A": ("Goud", 73), "Partner B": ("Zilver", 60)}
    change = LevelChange.objects.get()
    assert (change.partner, change.previous_name, change.level_name, change.overall, change.cause) == (
        partner_a,
        "Zilver",
        "Goud",
        73,
        LevelChange.Cause.LEVELS,
    )
    assert change.is_rise
    assert Standing.objects.get(partner=partner_a).since > before
    # Current managers with an active account; not staff, not the ex-manager, not partner B's manager.
    assert {notice.user for notice in LevelNotice.objects.filter(change=change)} == {manager_a, team["second_manager"]}
    assert recipients(mailoutbox) == sorted([manager_a.email, team["second_manager"].email])
    assert all(notice.emailed_at for notice in LevelNotice.objects.all())


def test_each_manager_is_told_in_their_own_language(team, manager_a, django_capture_on_commit_callbacks, mailoutbox):
    refresh()

    save_level(django_capture_on_commit_callbacks, "Goud", min_overall=70)

    (dutch,) = [mail for mail in mailoutbox if mail.to == [team["second_manager"].email]]
    assert dutch.subject == RISE_SUBJECT
    assert dutch.body.startswith("Beste Iris,")
    assert "Jullie niveau is gewijzigd van Zilver naar Goud." in dutch.body
    (english,) = [mail for mail in mailoutbox if mail.to == [manager_a.email]]
    with translation.override("en"):
        assert english.subject == translation.gettext(RISE_SUBJECT)
    assert english.subject != dutch.subject
    assert "Zilver" in english.body and "Goud" in english.body


def test_refreshing_again_changes_nothing(team, django_capture_on_commit_callbacks, mailoutbox):
    refresh()
    save_level(django_capture_on_commit_callbacks, "Goud", min_overall=70)

    with django_capture_on_commit_callbacks(execute=True):
        assert refresh() == []
    save_level(django_capture_on_commit_callbacks, "Goud", description="Sterk.")  # saved, same minima

    assert LevelChange.objects.count() == 1
    assert LevelNotice.objects.count() == 2
    assert len(mailoutbox) == 2


def test_a_notice_is_emailed_once(team, django_capture_on_commit_callbacks, mailoutbox):
    refresh()
    save_level(django_capture_on_commit_callbacks, "Goud", min_overall=70)
    notice = LevelNotice.objects.first()

    send_level_notice_email.call(notice.pk)

    assert len(mailoutbox) == 2


def test_changed_scores_change_the_level(
    team, partner_a, staff_a, manager_a, use_tool, django_capture_on_commit_callbacks, mailoutbox
):
    refresh()
    use_tool(team["second_manager"], partner_a)

    # Everyone at A used a tool: (300 + 100 + 0) / 5 = 80 -> Goud.
    with django_capture_on_commit_callbacks(execute=True):
        (change,) = refresh()
    assert (change.previous_name, change.level_name, change.cause) == ("Zilver", "Goud", LevelChange.Cause.SCORES)

    staff_a.memberships.update(ended_at=timezone.now())
    manager_a.memberships.update(ended_at=timezone.now())

    # Only the second manager is left, with a tool used: still 80, so nothing changes; then Goud asks 85.
    assert refresh() == []
    save_level(django_capture_on_commit_callbacks, "Goud", min_overall=85)
    change = LevelChange.objects.first()
    assert (change.previous_name, change.level_name, change.is_rise) == ("Goud", "Zilver", False)
    # manager_a left A, so only the second manager hears of the drop.
    assert [notice.user for notice in change.notices.all()] == [team["second_manager"]]
    assert mailoutbox[-1].subject == "Jullie niveau is gewijzigd"


def test_changed_weights_change_levels(team, django_capture_on_commit_callbacks):
    refresh()
    config = RecognitionSettings.load()
    config.voice_weight = 0

    with django_capture_on_commit_callbacks(execute=True):
        config.save()

    # Without the teksttoets: A (300 + 67) / 4 = 91.75 -> 92, Ster; B 300 / 4 = 75, Goud.
    assert standings() == {"Partner A": ("Ster", 92), "Partner B": ("Goud", 75)}
    assert sorted(LevelChange.objects.values_list("level_name", "cause")) == [
        ("Goud", LevelChange.Cause.LEVELS),
        ("Ster", LevelChange.Cause.LEVELS),
    ]


def test_settings_made_with_their_defaults_on_first_read_are_no_edit(team, django_capture_on_commit_callbacks):
    RecognitionSettings.objects.all().delete()

    with django_capture_on_commit_callbacks() as callbacks:
        RecognitionSettings.load()

    assert callbacks == []  # no refresh of every partner for a read


def test_refresh_of_one_partner_leaves_the_others_alone(team, partner_a):
    refresh([partner_a])

    assert standings() == {"Partner A": ("Zilver", 73)}


def test_inactive_partners_are_not_in_the_network(team, partner_a, partner_b):
    partner_b.is_active = False
    partner_b.save()

    refresh()

    assert list(network()) == [partner_a]
    assert take_snapshot() == 1
    assert standings() == {"Partner A": ("Zilver", 73)}
    assert list(Snapshot.objects.values_list("partner__name", flat=True)) == ["Partner A"]


def test_the_snapshot_is_taken_once_a_month(team, partner_a, use_tool):
    first = timezone.now()
    assert take_snapshot(first) == 2
    use_tool(team["second_manager"], partner_a)
    later = first + timedelta(seconds=1)

    assert take_snapshot(later) == 2

    # Still one row per partner this month, with the latest scores: A at 80 and Goud now.
    assert Snapshot.objects.count() == 2
    snapshot = Snapshot.objects.get(partner=partner_a)
    assert (snapshot.month, snapshot.level_name, snapshot.rank, snapshot.overall) == (month_of(first), "Goud", 3, 80)
    assert snapshot.values["tools"] == 100
    assert snapshot.taken_at == later

    next_month = first + timedelta(days=32)
    take_snapshot(next_month)

    assert Snapshot.objects.count() == 4
    assert list(Snapshot.objects.filter(partner=partner_a).values_list("month", flat=True)) == [
        month_of(next_month),
        month_of(first),
    ]


def test_the_nightly_command_records_levels_and_the_snapshot(team):
    out = StringIO()
    call_command("recognition_refresh", stdout=out)

    assert out.getvalue().strip() == "0 niveauwijziging(en); maandstand van 2 partner(s) vastgelegd."
    assert Standing.objects.count() == 2
    assert Snapshot.objects.count() == 2

    RecognitionLevel.objects.filter(name="Goud").update(min_overall=70)  # no signal: the command must find it
    out = StringIO()
    call_command("recognition_refresh", stdout=out)

    assert out.getvalue().strip() == "1 niveauwijziging(en); maandstand van 2 partner(s) vastgelegd."
    assert LevelChange.objects.get().level_name == "Goud"
    assert Snapshot.objects.count() == 2
    assert Snapshot.objects.get(partner__name="Partner A").level_name == "Goud"


def test_deleting_the_level_a_partner_stood_at_is_a_drop(
    team, partner_a, django_capture_on_commit_callbacks, mailoutbox
):
    RecognitionLevel.objects.filter(name="Goud").update(min_overall=70)
    refresh()  # A at Goud (73)

    with django_capture_on_commit_callbacks(execute=True):
        RecognitionLevel.objects.get(name="Goud").delete()

    # A falls back to Zilver: a drop, told as one.
    change = LevelChange.objects.get()
    assert (change.previous_name, change.level_name, change.is_rise) == ("Goud", "Zilver", False)
    # Told as a change, not a congratulation, in each manager's language (manager_a reads English).
    assert {mail.subject for mail in mailoutbox} == {"Jullie niveau is gewijzigd", "Your level has changed"}


def test_deleting_the_level_a_partner_reaches_no_longer_is_a_change_too(team, partner_a):
    RecognitionLevel.objects.exclude(name="Goud").delete()
    RecognitionLevel.objects.filter(name="Goud").update(min_overall=70)
    refresh()  # A at Goud, the only level

    RecognitionLevel.objects.get(name="Goud").delete()
    refresh()

    change = LevelChange.objects.get()
    assert (change.previous_name, change.level_name, change.is_rise) == ("Goud", "", False)
    assert refresh() == []
