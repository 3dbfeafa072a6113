"""The tools' part of a person's data.

Checklist runs are deleted on erasure, not blanked: only their owner ever sees them, and their label and notes
are free text that often names a customer. Their uses (`ToolUse`) stay, with `run` set to null, so the counts in
the reports and on the team overview are the same before and after.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.personal_data import iso

from .models import ChecklistRun, ToolUse


def checklist_runs(user):
    rows = ChecklistRun.objects.filter(user=user).select_related("checklist", "partner").order_by("created_at")
    texts = {}
    result = []
    for run in rows:
        if run.checklist_id not in texts:
            texts[run.checklist_id] = {item.id: item.text for item in run.checklist.items()}
        items = texts[run.checklist_id]
        # Every answer, also to items the editor removed later: they are still what the person wrote.
        answers = [
            {
                "item": items.get(item_id, item_id),
                "done": bool((answer or {}).get("done")),
                "note": str((answer or {}).get("note") or ""),
            }
            for item_id, answer in run.answers.items()
        ]
        result.append(
            {
                "checklist": run.checklist.title,
                "partner": run.partner.name,
                "label": run.label,
                "created_at": iso(run.created_at),
                "updated_at": iso(run.updated_at),
                "completed_at": iso(run.completed_at),
                "answers": answers,
            }
        )
    return result


def tool_uses(user):
    rows = ToolUse.objects.filter(user=user).select_related("tool").order_by("used_at")
    return [{"tool": use.tool.title, "kind": use.kind, "used_at": iso(use.used_at)} for use in rows]


def delete_runs(user):
    ChecklistRun.objects.filter(user=user).delete()


def register():
    personal_data.register("checklist_runs", _("Checklistrondes"), checklist_runs, erase=delete_runs, order=40)
    personal_data.register("tool_uses", _("Gebruik van hulpmiddelen"), tool_uses, order=41)
