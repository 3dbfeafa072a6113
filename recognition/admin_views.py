"""The brand team's recognition pages in the admin.

One partner's scorecard: each metric and what it counts, what the next level asks, the training gaps and outdated
material behind the numbers, the monthly trend and the log of level changes. And the dashboard panel with the
network's figures.
"""

from collections import Counter
from datetime import datetime, time, timedelta

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy

from journeys.feedback import nps_by_month, nps_total
from journeys.models import FeedbackResponse
from materials.holdings import outdated_versions
from partners.models import Partner
from training.coverage import gaps

from . import advice, charts, presenting
from .metrics import HOLDING_DAYS, PERIOD_DAYS, percent
from .models import Standing
from .reports import NO_LEVEL
from .scorecards import network, rules, scorecards

NPS_MONTHS = 6


class PartnerScorecardView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "recognition/admin/partner.html"
    permission_policy = ModelPermissionPolicy(Standing)
    any_permission_required = ["view"]
    header_icon = "group"

    @cached_property
    def partner(self):
        return get_object_or_404(Partner.objects.prefetch_related("kinds"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.partner.name

    def get_page_subtitle(self):
        return gettext_lazy("Erkenning")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("recognition_reports:overview"), "label": _("Partners en erkenning")},
            {"url": "", "label": self.partner.name},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partner = self.partner
        now = timezone.now()
        levels, weights, critical = rules()
        card = scorecards([partner], now, with_rules=(levels, weights, critical))[0]
        trend = presenting.trend(card, now)
        context.update(
            {
                "partner": partner,
                "card": card,
                "standing": Standing.objects.filter(partner=partner).select_related("level").first(),
                "metrics": presenting.metric_rows(card, weights, critical),
                # What the next level asks, as the partner reads it; the modules and versions behind it follow below.
                "shortfalls": advice.steps(card),
                "gaps": [gap for gap in gaps(partner, now) if gap.required_of],
                "outdated": outdated_versions(partner, since=now - timedelta(days=HOLDING_DAYS)),
                "trend": trend,
                "trend_chart": charts.line_chart([(row["label"], row["overall"]) for row in trend]),
                "changes": list(partner.level_changes.order_by("-changed_at", "-pk")),
                "overview_url": reverse("recognition_reports:overview"),
            }
        )
        return context


def monthly_nps(months):
    """[(month, Nps)] over the network's answers in these months (oldest first), in one query."""
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    by_month = nps_by_month(FeedbackResponse.objects.filter(created_at__gte=start))
    return [(month, by_month.get(month)) for month in months]


def holds_outdated(card):
    value = card.values.get("holdings")
    return value is not None and value < 100


def network_figures(now=None):
    """What the dashboard shows of the whole network, from one round of scorecards and two NPS queries."""
    now = now or timezone.now()
    levels, weights, critical = rules()
    cards = scorecards(network(), now, with_rules=(levels, weights, critical))
    per_level = Counter(card.level.pk if card.level else None for card in cards)
    level_rows = [(_("geen niveau"), per_level[None], NO_LEVEL)] + [
        (level.name, per_level[level.pk], level.pk) for level in levels
    ]
    people = sum(card.people for card in cards)
    trained = sum(card.counts["training"][0] for card in cards)
    months = presenting.last_months(NPS_MONTHS, now)
    nps_rows = [
        {
            "label": date_format(month, "F Y"),
            "short": date_format(month, "M"),
            "score": nps.score if nps else None,
            "answers": nps.answers if nps else 0,
        }
        for month, nps in monthly_nps(months)
    ]
    return {
        "partners": len(cards),
        "levels": charts.bars(level_rows, len(cards)),
        "people": people,
        "trained": trained,
        "trained_percent": percent(trained, people),
        "outdated_partners": sum(1 for card in cards if holds_outdated(card)),
        "nps": nps_total(FeedbackResponse.objects.in_period(PERIOD_DAYS)),
        "nps_days": PERIOD_DAYS,
        "nps_months": nps_rows,
        "nps_chart": charts.line_chart([(row["short"], row["score"]) for row in nps_rows], low=-100, high=100),
    }


class NetworkPanel(Component):
    """The dashboard's recognition panel for the brand team: levels, training, outdated material and NPS."""

    name = "recognition_network"
    template_name = "recognition/admin/network_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        return {
            **network_figures(),
            "overview_url": reverse("recognition_reports:overview"),
            "holders_url": reverse("materials_reports:holders"),
        }
