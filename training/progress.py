"""Where a person stands in each module: one query per kind of fact, never one per module."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.access import current_membership

from .models import Attempt, Completion, LessonProgress, TrainingModulePage

EXPIRES_SOON = timedelta(days=30)

STATUS_LABELS = {
    "not_started": _("Niet begonnen"),
    "in_progress": _("Bezig"),
    "passed": _("Behaald"),
    "expires_soon": _("Verloopt binnenkort"),
    "expired": _("Verlopen"),
    "failed": _("Niet gehaald"),
}


@dataclass
class ModuleProgress:
    module: TrainingModulePage
    status: str
    lessons_read: int
    required: bool
    completion: Completion | None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def lessons_total(self):
        return len(self.module.lessons)

    @property
    def percent(self):
        if self.status in ("passed", "expires_soon"):
            return 100
        steps = self.lessons_total + 1  # the lessons, then the quiz
        return round(100 * min(self.lessons_read, self.lessons_total) / steps)

    @property
    def counts(self):
        return self.status in ("passed", "expires_soon")


def status_of(completion, last_attempt, lessons_read, module, now):
    if completion is not None:
        state = completion.status(now, module)
        if state == "valid":
            until = completion.effective_valid_until(module)
            return "expires_soon" if until and until - now <= EXPIRES_SOON else "passed"
        return "expired"
    if last_attempt is not None and not last_attempt["passed"]:
        return "failed"
    if lessons_read or last_attempt is not None:
        return "in_progress"
    return "not_started"


def progress_for(user, modules):
    """ModuleProgress for each module, in order, for this user."""
    modules = list(modules)
    ids = [module.pk for module in modules]
    now = timezone.now()
    latest_completion = {}
    for completion in Completion.objects.filter(user=user, module_id__in=ids).order_by("module_id", "-completed_at"):
        latest_completion.setdefault(completion.module_id, completion)
    last_attempt = {}
    attempts = Attempt.objects.filter(user=user, module_id__in=ids).order_by("module_id", "-submitted_at")
    for attempt in attempts.values("module_id", "passed", "submitted_at"):
        last_attempt.setdefault(attempt["module_id"], attempt)
    read = {}
    for row in LessonProgress.objects.filter(user=user, module_id__in=ids).values("module_id", "lesson_id"):
        read.setdefault(row["module_id"], set()).add(row["lesson_id"])

    membership = current_membership(user)
    kind_ids = set(membership.partner.kinds.values_list("pk", flat=True)) if membership else set()
    result = []
    for module in modules:
        lessons_read = len(read.get(module.pk, set()) & set(module.lesson_ids()))
        result.append(
            ModuleProgress(
                module=module,
                status=status_of(
                    latest_completion.get(module.pk), last_attempt.get(module.pk), lessons_read, module, now
                ),
                lessons_read=lessons_read,
                required=bool(membership) and module.is_required_for(membership, kind_ids),
                completion=latest_completion.get(module.pk),
            )
        )
    return result


def visible_modules(user, index=None):
    modules = TrainingModulePage.objects.live().visible_to(user).prefetch_related("required_kinds")
    if index is not None:
        modules = modules.child_of(index)
    return modules.order_by("path")


def academy_groups(user, index=None):
    everything = progress_for(user, visible_modules(user, index))
    return {
        "required": [item for item in everything if item.required],
        "recommended": [item for item in everything if not item.required],
        "all": everything,
    }
