"""Where a person stands in each module: one query per kind of fact, never one per module."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, Subquery
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
    "todo": _("Nog te doen"),
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


def required_modules(user):
    """The live modules required of this person, each annotated with their latest completion, in one query.

    For the dashboard, which has room for one query per section.
    """
    membership = current_membership(user)
    if membership is None or not membership.partner.is_active:
        return TrainingModulePage.objects.none()
    kinds = TrainingModulePage.required_kinds.through
    partner_kinds = membership.partner.kinds.through.objects.filter(partner_id=membership.partner_id)
    names_kinds = Exists(kinds.objects.filter(trainingmodulepage_id=OuterRef("pk")))
    names_my_kind = Exists(
        kinds.objects.filter(
            trainingmodulepage_id=OuterRef("pk"), partnerkind_id__in=partner_kinds.values("partnerkind_id")
        )
    )
    names_roles = Q(required_for_staff=True) | Q(required_for_managers=True)
    names_my_role = Q(required_for_managers=True) if membership.is_manager else Q(required_for_staff=True)
    latest = Completion.objects.filter(user=user, module_id=OuterRef("pk")).order_by("-completed_at")
    return (
        TrainingModulePage.objects.live()
        .visible_to(user)
        .filter((names_roles | names_kinds) & (~names_roles | names_my_role) & (~names_kinds | names_my_kind))
        .annotate(
            completed_at=Subquery(latest.values("completed_at")[:1]),
            completion_valid_until=Subquery(latest.values("valid_until")[:1]),
            completion_revoked_at=Subquery(latest.values("revoked_at")[:1]),
        )
        .order_by("path")
    )


def dashboard_summary(user):
    """Required modules with a status, and the certificates among them that expire within 30 days."""
    now = timezone.now()
    rows = []
    for module in required_modules(user):
        completion = None
        if module.completed_at is not None:
            completion = Completion(
                module=module,
                completed_at=module.completed_at,
                valid_until=module.completion_valid_until,
                revoked_at=module.completion_revoked_at,
            )
        status = status_of(completion, None, 0, module, now) if completion else "todo"
        rows.append({"module": module, "status": status, "label": STATUS_LABELS[status], "completion": completion})
    done = sum(1 for row in rows if row["status"] in ("passed", "expires_soon"))
    # A module's URL ends in its slug; what comes before is its academy's (no query needed).
    academy_url = rows[0]["module"].url[: -len(rows[0]["module"].slug) - 1] if rows else None
    return {
        "academy_url": academy_url,
        "required": rows,
        "done": done,
        "total": len(rows),
        "percent": round(100 * done / len(rows)) if rows else 100,
        "expiring": [row for row in rows if row["status"] == "expires_soon"],
    }
