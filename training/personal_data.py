"""The academy's part of a person's data. Nothing is erased: scores and certificates are not identifying once
the account is anonymised, and the reports of the past (pass rates, completions per partner) keep counting them.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.personal_data import iso

from .models import Attempt, Completion, LessonProgress, Reminder


def completions(user):
    rows = Completion.objects.filter(user=user).select_related("module", "partner").order_by("completed_at")
    return [
        {
            "module": completion.module.title,
            "partner": completion.partner.name if completion.partner else None,
            "completed_at": iso(completion.completed_at),
            "score": completion.score,
            "valid_until": iso(completion.effective_valid_until()),
            "status": completion.status(),
            "revoked_at": iso(completion.revoked_at),
            "certificate_code": completion.certificate_code,
        }
        for completion in rows
    ]


def attempts(user):
    rows = Attempt.objects.filter(user=user).select_related("module").order_by("submitted_at")
    return [
        {
            "module": attempt.module.title,
            "submitted_at": iso(attempt.submitted_at),
            "score": attempt.score,
            "pass_mark": attempt.pass_mark,
            "passed": attempt.passed,
            "questions_answered": len(attempt.answers),
            "questions_correct": len(attempt.correct_questions),
        }
        for attempt in rows
    ]


def lesson_progress(user):
    rows = LessonProgress.objects.filter(user=user).select_related("module").order_by("read_at")
    titles = {}
    result = []
    for progress in rows:
        if progress.module_id not in titles:
            # From the raw stream, like lesson_ids(): the lessons' images and documents need not load.
            titles[progress.module_id] = {
                block["id"]: block["value"].get("title", "") for block in progress.module.lessons.raw_data
            }
        result.append(
            {
                "module": progress.module.title,
                "lesson": titles[progress.module_id].get(progress.lesson_id, progress.lesson_id),
                "read_at": iso(progress.read_at),
            }
        )
    return result


def reminders(user):
    rows = Reminder.objects.filter(user=user).select_related("module").order_by("sent_at")
    return [
        {
            "kind": reminder.kind,
            "module": reminder.module.title if reminder.module else None,
            "period": reminder.period,
            "sent_at": iso(reminder.sent_at),
        }
        for reminder in rows
    ]


def register():
    personal_data.register("completions", _("Behaalde modules en certificaten"), completions, order=20)
    personal_data.register("quiz_attempts", _("Toetspogingen"), attempts, order=21)
    personal_data.register("lesson_progress", _("Gelezen lessen"), lesson_progress, order=22)
    personal_data.register("training_reminders", _("Verstuurde herinneringen"), reminders, order=23)
