"""The brand team's tool usage report in the Wagtail admin, with CSV and XLSX export."""

import django_filters
from django.db.models import Count, DateField, Max, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from partners.reports import SafeExportMixin, UsageFilterSet, UsageReportMixin

from .models import CalculatorPage, ChecklistPage, ToolUse


def tool_pages():
    return Page.objects.type(CalculatorPage, ChecklistPage).order_by("title")


class ToolUseFilterSet(UsageFilterSet):
    tool = django_filters.ModelChoiceFilter(queryset=lambda request: tool_pages(), label=_("Hulpmiddel"))
    used_at = django_filters.DateFromToRangeFilter(label=_("Periode"), widget=DateRangePickerWidget)

    class Meta:
        model = ToolUse
        fields = ["tool", "partner", "kind", "used_at"]


class ToolUsageReportView(UsageReportMixin, SafeExportMixin, ReportView):
    """Calculations and started and completed checklist runs per tool and partner, over the period or per month.

    A calculation is a stretch of work with one calculator (see `usage.record_calculation`).
    """

    page_title = _("Gebruik van hulpmiddelen")
    header_icon = "clipboard-list"
    index_url_name = "tools_reports:usage"
    index_results_url_name = "tools_reports:usage_results"
    filterset_class = ToolUseFilterSet
    export_filename = "gebruik-van-hulpmiddelen"
    permission_policy = ModelPermissionPolicy(ToolUse)
    any_permission_required = ["view"]
    export_headings = {
        "tool_title": _("Hulpmiddel"),
        "partner_name": _("Partner"),
        "month": _("Maand"),
        "calculations": _("Berekeningen"),
        "started": _("Gestarte checklists"),
        "checklists": _("Afgeronde checklists"),
        "people": _("Personen"),
        "last": _("Laatst gebruikt"),
    }

    @property
    def list_export(self):
        month = ["month"] if self.per_month else []
        return ["tool_title", "partner_name", *month, "calculations", "started", "checklists", "people", "last"]

    def get_queryset(self):
        return ToolUse.objects.filter(partner__isnull=False)

    def get_filtered_queryset(self):
        grouping = ["tool_id", "partner_id"]
        queryset = self.filter_queryset(self.get_queryset())
        if self.per_month:
            queryset = queryset.annotate(month=TruncMonth("used_at", output_field=DateField()))
            grouping.append("month")
        return (
            queryset.values(*grouping)
            .annotate(
                tool_title=Max("tool__title"),
                partner_name=Max("partner__name"),
                calculations=Count("pk", filter=Q(kind=ToolUse.Kind.CALCULATION)),
                started=Count("pk", filter=Q(kind=ToolUse.Kind.CHECKLIST_STARTED)),
                checklists=Count("pk", filter=Q(kind=ToolUse.Kind.CHECKLIST_COMPLETED)),
                people=Count("user_id", distinct=True),
                last=Max("used_at"),
            )
            .order_by(*(["-month"] if self.per_month else []), "tool_title", "partner_name")
        )
