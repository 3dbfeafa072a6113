"""A partner's own scorecard, the optional leaderboard (names and levels only), and dismissing a level notice."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from journeys.feedback import on_visible_journeys, step_table
from journeys.models import FeedbackResponse
from materials.holdings import outdated_versions
from partners.access import membership_required
from training.coverage import gaps

from . import advice, presenting
from .metrics import HOLDING_DAYS, PERIOD_DAYS
from .models import LevelNotice, RecognitionSettings, Standing
from .scorecards import network, rules, scorecards
from .standing import record


@require_GET
@membership_required
def scorecard(request):
    """Our level, each metric and how it is counted, what the next level asks, and the trend."""
    partner = request.membership.partner
    now = timezone.now()
    config = RecognitionSettings.load()
    levels, weights, critical = rules(config)
    card = scorecards([partner], now, with_rules=(levels, weights, critical))[0]
    record([card], now=now)  # a change shows here and reaches the managers at once
    is_manager = request.membership.is_manager
    answers = on_visible_journeys(
        FeedbackResponse.objects.filter(partner=partner, created_at__gte=now - timedelta(days=PERIOD_DAYS))
    )
    context = {
        "card": card,
        "standing": card.standing,
        "levels": levels,
        "rows": presenting.metric_rows(card, weights, critical),
        "steps": advice.steps(
            card,
            gaps=gaps(partner, now),
            outdated=outdated_versions(partner, since=now - timedelta(days=HOLDING_DAYS)),
        ),
        "show_names": is_manager,  # who lacks which module: a manager sees names, as in the team's progress
        "trend": presenting.trend(card, now),
        "nps_steps": step_table(answers),
        "period_days": PERIOD_DAYS,
        "leaderboard": config.show_leaderboard,
    }
    return render(request, "recognition/scorecard.html", context)


@require_GET
@membership_required
def leaderboard(request):
    """Every active partner's name and level, when the brand shows it; never their numbers."""
    if not RecognitionSettings.load().show_leaderboard:
        raise Http404
    standings = {standing.partner_id: standing.level for standing in Standing.objects.select_related("level")}
    rows = [{"partner": partner, "level": standings.get(partner.pk)} for partner in network()]
    rows.sort(key=lambda row: (-(row["level"].rank if row["level"] else 0), row["partner"].name.lower()))
    return render(request, "recognition/leaderboard.html", {"rows": rows, "mine": request.membership.partner_id})


@require_POST
@membership_required
def dismiss_notice(request, pk):
    notice = get_object_or_404(LevelNotice, pk=pk, user=request.user)
    if notice.dismissed_at is None:
        notice.dismissed_at = timezone.now()
        notice.save(update_fields=["dismissed_at"])
    return redirect("/")
