"""How tools are used: counting, the dashboard section, and the manager's team overview (counts only)."""

from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from partners.access import current_membership
from partners.audience_cache import cached_for_partner

from .checklists import my_runs, with_progress
from .models import CalculatorPage, ChecklistPage, ToolUse

WORK_PAUSE = 300  # seconds
DASHBOARD_TOOLS = 6
DASHBOARD_OPEN_RUNS = 3


def record_calculation(request, calculator):
    """Count a calculation: one per person and calculator per stretch of work with pauses under five minutes.

    Live results while typing, a press on "Bereken" and a PDF all count the same way, so figures with and
    without JavaScript compare. The brand side trying its own calculator is not partner use.
    """
    membership = current_membership(request.user)
    if membership is None:
        return
    key = f"tools:calculating:{request.user.pk}:{calculator.pk}"
    if not cache.add(key, True, WORK_PAUSE):
        cache.touch(key, WORK_PAUSE)  # still at it: the stretch goes on
        return
    ToolUse.objects.create(
        tool=calculator, kind=ToolUse.Kind.CALCULATION, partner=membership.partner, user=request.user
    )


def tool_links(request):
    """The first calculators and checklists the partner may use, as {"title", "url"}: the same for its whole team."""

    def links(model):
        tools = model.objects.live().visible_to(request.user).order_by("path")[:DASHBOARD_TOOLS]
        return [{"title": tool.title, "url": tool.get_url(request)} for tool in tools]

    return {"calculators": links(CalculatorPage), "checklists": links(ChecklistPage)}


def dashboard_summary(request):
    """The tools a person may use (per partner, from the shared cache) and their checklist runs still open."""
    membership = current_membership(request.user)
    if membership is None:
        return {}
    tools = cached_for_partner("tools:dashboard", membership.partner_id, lambda: tool_links(request))
    open_runs = (
        my_runs(request.user, membership.partner)
        .filter(completed_at__isnull=True, checklist__live=True)
        .select_related("checklist")[:DASHBOARD_OPEN_RUNS]
    )
    return {**tools, "open_runs": with_progress(open_runs)}


def team_usage(partner, days=None):
    """Per person and tool of the partner: calculations, checklist runs started and completed; never contents.

    Counted from the `ToolUse` events, when they happened, so a run deleted later still counts.
    """
    uses = ToolUse.objects.filter(partner=partner, user__isnull=False)
    if days:
        uses = uses.filter(used_at__gte=timezone.now() - timedelta(days=days))
    return list(
        uses.values("user_id", "tool_id", "tool__title")
        .annotate(
            calculations=Count("pk", filter=Q(kind=ToolUse.Kind.CALCULATION)),
            started=Count("pk", filter=Q(kind=ToolUse.Kind.CHECKLIST_STARTED)),
            completed=Count("pk", filter=Q(kind=ToolUse.Kind.CHECKLIST_COMPLETED)),
        )
        .order_by()
    )
