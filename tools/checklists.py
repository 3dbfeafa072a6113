"""Checklist runs: progress against the checklist as it is now, and completion counted once per run."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from partners.access import current_membership

from .forms import RunStartForm
from .models import ChecklistRun, ToolUse


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    required_done: int
    required_total: int

    @property
    def is_complete(self):
        return self.required_done == self.required_total

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def required_open(self):
        return self.required_total - self.required_done


def progress(run, items):
    done = [item for item in items if run.answer(item.id)[0]]
    return Progress(
        done=len(done),
        total=len(items),
        required_done=sum(1 for item in done if item.required),
        required_total=sum(1 for item in items if item.required),
    )


def my_runs(user, partner):
    return ChecklistRun.objects.filter(user=user, partner=partner)


def with_progress(runs):
    """Pair runs with their progress; each checklist's items are read once, however many runs it has."""
    items_by_checklist = {}
    rows = []
    for run in runs:
        if run.checklist_id not in items_by_checklist:
            items_by_checklist[run.checklist_id] = run.checklist.items()
        rows.append((run, progress(run, items_by_checklist[run.checklist_id])))
    return rows


def page_context(request, checklist):
    membership = current_membership(request.user)
    if membership is None:  # the brand team looks at the checklist itself
        return {"items": checklist.grouped_items(), "runs": [], "start_form": None}
    runs = my_runs(request.user, membership.partner).filter(checklist=checklist).select_related("checklist")
    return {
        "items": checklist.grouped_items(),
        "runs": with_progress(runs[:20]),
        "start_form": RunStartForm(),
    }


@transaction.atomic
def start_run(checklist, user, partner, label):
    run = ChecklistRun.objects.create(checklist=checklist, user=user, partner=partner, label=label)
    ToolUse.objects.create(
        tool=checklist, kind=ToolUse.Kind.CHECKLIST_STARTED, partner=partner, user=user, run=run, used_at=run.created_at
    )
    return run


@transaction.atomic
def save_answers(run, items, answers):
    """Store the answers; the first time every required item is ticked, the run is complete and counted."""
    run.answers = answers
    run.updated_at = timezone.now()
    state = progress(run, items)
    if state.is_complete and run.completed_at is None:
        run.completed_at = run.updated_at
    elif not state.is_complete:
        run.completed_at = None
    run.save(update_fields=["answers", "updated_at", "completed_at"])
    if run.completed_at is not None:
        ToolUse.objects.get_or_create(
            run=run,
            kind=ToolUse.Kind.CHECKLIST_COMPLETED,
            defaults={
                "tool_id": run.checklist_id,
                "partner_id": run.partner_id,
                "user_id": run.user_id,
                "used_at": run.completed_at,
            },
        )
    return state
