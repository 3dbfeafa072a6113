"""How tools are used: counting, the dashboard section, and the manager's team overview (counts only)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from partners.access import current_membership

from .checklists import my_runs, with_progress
from .models import CalculatorPage, ChecklistPage, ChecklistRun, ToolUse

DASHBOARD_TOOLS = 6
DASHBOARD_OPEN_RUNS = 3


def record_calculation(request, calculator):
    """Count one calculation; the brand side trying its own calculator is not partner use."""
    membership = current_membership(request.user)
    if membership is not None:
        ToolUse.objects.create(
            tool=calculator, kind=ToolUse.Kind.CALCULATION, partner=membership.partner, user=request.user
        )


def dashboard_summary(request):
    """The tools a person may use and their checklist runs still open (three queries)."""
    membership = current_membership(request.user)
    if membership is None:
        return {}
    calculators = CalculatorPage.objects.live().visible_to(request.user).order_by("path")[:DASHBOARD_TOOLS]
    checklists = ChecklistPage.objects.live().visible_to(request.user).order_by("path")[:DASHBOARD_TOOLS]
    open_runs = (
        my_runs(request.user, membership.partner)
        .filter(completed_at__isnull=True, checklist__live=True)
        .select_related("checklist")[:DASHBOARD_OPEN_RUNS]
    )
    return {
        "calculators": list(calculators),
        "checklists": list(checklists),
        "open_runs": with_progress(open_runs),
    }


def team_usage(partner, days=None):
    """Per person of the partner: calculations and checklist runs (started, completed) per tool, no contents."""
    since = timezone.now() - timedelta(days=days) if days else None
    uses = ToolUse.objects.filter(partner=partner)
    runs = ChecklistRun.objects.filter(partner=partner)
    if since:
        uses = uses.filter(used_at__gte=since)
        runs = runs.filter(created_at__gte=since)
    calculations = (
        uses.filter(kind=ToolUse.Kind.CALCULATION)
        .values("user_id", "tool_id", "tool__title")
        .annotate(count=Count("pk"))
        .order_by()
    )
    run_counts = (
        runs.values("user_id", "checklist_id", "checklist__title")
        .annotate(started=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    return list(calculations), list(run_counts)
