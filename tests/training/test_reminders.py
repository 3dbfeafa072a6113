"""Monthly reminders: once per module and period, in each person's language, with a digest for the managers."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from partners.models import Membership
from training import factories
from training.models import Reminder
from training.tasks import send_training_reminders

from .helpers import ago, record_completion


@pytest.fixture
def required(home_page):
    return factories.module(
        factories.academy(home_page), "Belofte", slug="belofte", required_for_staff=True, validity_months=12
    )


def sent_to(email):
    return [message for message in mail.outbox if message.to == [email]]


def test_missing_module_reminder_and_manager_digest(required, staff_a, manager_a, staff_b):
    call_command("send_training_reminders")
    (reminder,) = sent_to(staff_a.email)
    assert "Belofte: Nog te doen" in reminder.body
    assert "Deze verplichte modules vragen je aandacht" in reminder.body
    (digest,) = sent_to(manager_a.email)
    assert staff_a.get_full_name() in digest.body
    assert digest.subject == "Trainingsoverzicht van Partner A"
    assert len(sent_to(staff_b.email)) == 1  # partner B's own staff, own email


def test_running_again_in_the_same_month_sends_nothing(required, staff_a, manager_a):
    call_command("send_training_reminders")
    count = len(mail.outbox)
    call_command("send_training_reminders")
    assert len(mail.outbox) == count
    assert Reminder.objects.filter(user=staff_a).count() == 1


def test_expiring_and_expired_are_reminded_passed_is_not(required, staff_a, staff_b, manager_a, partner_a, partner_b):
    record_completion(staff_a, required, partner=partner_a, completed_at=ago(350))  # expires within 30 days
    record_completion(staff_b, required, partner=partner_b, completed_at=ago(20))  # passed, nothing to say
    call_command("send_training_reminders")
    assert "Verloopt binnenkort" in sent_to(staff_a.email)[0].body
    assert sent_to(staff_b.email) == []


def test_no_reminders_for_deactivated_partners_or_people_who_left(required, staff_a, manager_a, partner_a):
    Membership.objects.filter(user=staff_a).update(ended_at=timezone.now())
    call_command("send_training_reminders")
    assert sent_to(staff_a.email) == []
    partner_a.is_active = False
    partner_a.save()
    mail.outbox.clear()
    Reminder.objects.all().delete()
    call_command("send_training_reminders")
    assert mail.outbox == []


def test_a_failed_mail_leaves_no_record_so_the_next_run_retries(required, staff_a, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr("accounts.mail.send_mail", broken)
    with pytest.raises(CommandError, match="konden niet worden verstuurd"):
        call_command("send_training_reminders")
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    call_command("send_training_reminders")
    assert sent_to(staff_a.email)


def test_also_runs_as_a_task(required, staff_a):
    result = send_training_reminders.enqueue()
    assert result.return_value["personal"] >= 1
    assert sent_to(staff_a.email)


def test_each_person_is_reminded_in_their_own_language(required, staff_a, staff_b):
    staff_a.language = "en"
    staff_a.save()
    call_command("send_training_reminders")
    (english,) = sent_to(staff_a.email)
    (dutch,) = sent_to(staff_b.email)
    assert english.subject == "Your training on the partner portal"
    assert dutch.subject == "Je trainingen bij het partnerportaal"
