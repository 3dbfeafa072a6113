"""Where a person stands in each module: one query per kind of fact, never one per module."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.access import current_membership
from partners.audience_cache import cached_for_partner
from partners.models import Role

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
    read_ids: frozenset = frozenset()

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


def required_q(role, partner):
    """A condition on modules: required of someone in this role at this partner (by role, partner kind, or both).

    The one place the rule lives. `partner` is a partner's pk, or an expression for it, such as
    `OuterRef(OuterRef("partner_id"))` when the modules are themselves a subquery.
    """
    kinds = TrainingModulePage.required_kinds.through
    names_kinds = Exists(kinds.objects.filter(trainingmodulepage_id=OuterRef("pk")))
    names_partner_kind = Exists(
        kinds.objects.filter(trainingmodulepage_id=OuterRef("pk"), partnerkind__partners=partner)
    )
    names_roles = Q(required_for_staff=True) | Q(required_for_managers=True)
    names_role = Q(required_for_managers=True) if role == Role.MANAGER else Q(required_for_staff=True)
    return (names_roles | names_kinds) & (~names_roles | names_role) & (~names_kinds | names_partner_kind)


def required_condition(membership, role=None):
    """`required_q` for this member, or for another `role` at the same partner."""
    return required_q(role or membership.role, membership.partner_id)


def visible_modules(user, index=None):
    """Live modules this person may see, each with `is_required` for them, in the academy's order."""
    membership = current_membership(user)
    modules = TrainingModulePage.objects.live().visible_to(user)
    if index is not None:
        modules = modules.child_of(index)
    if membership is not None and membership.partner.is_active:
        required = ExpressionWrapper(required_condition(membership), output_field=BooleanField())
    else:
        required = Value(False, output_field=BooleanField())
    return modules.annotate(is_required=required).order_by("path")


def with_latest_completion(modules, user):
    """Annotate each module with the person's newest completion and last attempt, inside the same query."""
    latest = Completion.objects.filter(user=user, module_id=OuterRef("pk")).order_by("-completed_at")
    last_attempt = Attempt.objects.filter(user=user, module_id=OuterRef("pk")).order_by("-submitted_at")
    return modules.annotate(
        completion_pk=Subquery(latest.values("pk")[:1]),
        completed_at=Subquery(latest.values("completed_at")[:1]),
        completion_valid_until=Subquery(latest.values("valid_until")[:1]),
        completion_revoked_at=Subquery(latest.values("revoked_at")[:1]),
        completion_score=Subquery(latest.values("score")[:1]),
        completion_code=Subquery(latest.values("certificate_code")[:1]),
        last_attempt_passed=Subquery(last_attempt.values("passed")[:1]),
    )


def latest_completion(module):
    """The Completion behind a module's annotations (see `with_latest_completion`), or None."""
    if module.completed_at is None:
        return None
    return Completion(
        pk=getattr(module, "completion_pk", None),
        module=module,
        completed_at=module.completed_at,
        valid_until=module.completion_valid_until,
        revoked_at=module.completion_revoked_at,
        score=getattr(module, "completion_score", 0) or 0,
        certificate_code=getattr(module, "completion_code", "") or "",
    )


def progress_for(user, modules):
    """ModuleProgress for each module of a `visible_modules` queryset: two queries, whatever the sizes."""
    modules = list(with_latest_completion(modules, user))
    read = {}
    lessons = LessonProgress.objects.filter(user=user, module_id__in=[module.pk for module in modules])
    for row in lessons.values("module_id", "lesson_id"):
        read.setdefault(row["module_id"], set()).add(row["lesson_id"])
    now = timezone.now()
    result = []
    for module in modules:
        read_ids = frozenset(read.get(module.pk, set()) & set(module.lesson_ids()))
        completion = latest_completion(module)
        last_attempt = None if module.last_attempt_passed is None else {"passed": module.last_attempt_passed}
        result.append(
            ModuleProgress(
                module=module,
                status=status_of(completion, last_attempt, len(read_ids), module, now),
                lessons_read=len(read_ids),
                required=module.is_required,
                completion=completion,
                read_ids=read_ids,
            )
        )
    return result


def academy_groups(user, index=None):
    everything = progress_for(user, visible_modules(user, index))
    return {
        "required": [item for item in everything if item.required],
        "recommended": [item for item in everything if not item.required],
        "all": everything,
    }


def required_module_ids(membership):
    """The live modules required of this member that they may see, in the academy's order: the same for everyone
    in this role at this partner, so worked out once per partner, role and content generation."""

    def ids():
        modules = TrainingModulePage.objects.live().aimed_at(membership.partner_id)
        return list(modules.filter(required_condition(membership)).order_by("path").values_list("pk", flat=True))

    return cached_for_partner(f"training:required:{membership.role}", membership.partner_id, ids)


def required_modules(user):
    """The live modules required of this person, with their latest completion, in one query (for the dashboard)."""
    membership = current_membership(user)
    if membership is None or not membership.partner.is_active:
        return TrainingModulePage.objects.none()
    modules = TrainingModulePage.objects.filter(pk__in=required_module_ids(membership)).order_by("path")
    return with_latest_completion(modules, user)


def dashboard_summary(user):
    """Required modules with a status, and the certificates among them that expire within 30 days."""
    now = timezone.now()
    rows = []
    for module in required_modules(user):
        completion = latest_completion(module)
        status = status_of(completion, None, 0, module, now) if completion else "todo"
        rows.append({"module": module, "status": status, "label": STATUS_LABELS[status], "completion": completion})
    done = sum(1 for row in rows if row["status"] in ("passed", "expires_soon"))
    return {
        "required": rows,
        "done": done,
        "total": len(rows),
        "percent": round(100 * done / len(rows)) if rows else 100,
        "expiring": [row for row in rows if row["status"] == "expires_soon"],
    }
