"""The brand team's tool usage report in the Wagtail admin, with CSV and XLSX export."""

import django_filters
from django.db.models import Count, DateField, Max, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from partners.models import Partner, PartnerKind
from partners.reports import SafeExportMixin

from .models import CalculatorPage, ChecklistPage, ToolUse

GROUPINGS = [("month", _("per maand"))]  # the empty choice: the whole period together


def tool_pages():
    return Page.objects.type(CalculatorPage, ChecklistPage).order_by("title")


class ToolUseFilterSet(WagtailFilterSet):
    tool = django_filters.ModelChoiceFilter(queryset=lambda request: tool_pages(), label=_("Hulpmiddel"))
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    kind = django_filters.ModelChoiceFilter(
        queryset=PartnerKind.objects.all(), field_name="partner__kinds", label=_("Partnersoort")
    )
    used_at = django_filters.DateFromToRangeFilter(label=_("Periode"), widget=DateRangePickerWidget)
    grouping = django_filters.ChoiceFilter(
        choices=GROUPINGS, method="keep", label=_("Indeling"), empty_label=_("de hele periode samen")
    )

    class Meta:
        model = ToolUse
        fields = ["tool", "partner", "kind", "used_at"]

    def keep(self, queryset, name, value):
        return queryset  # read by the view: it changes the grouping, not the rows


class MonthColumn(Column):
    """The first day of a month, shown as the month: "november 2026"."""

    def get_value(self, instance):
        month = super().get_value(instance)
        return date_format(month, "F Y") if month else ""


class ToolUsageReportView(SafeExportMixin, ReportView):
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
    def per_month(self):
        filters = self.filters
        return bool(filters) and filters.is_valid() and filters.form.cleaned_data.get("grouping") == "month"

    @property
    def list_export(self):
        month = ["month"] if self.per_month else []
        return ["tool_title", "partner_name", *month, "calculations", "started", "checklists", "people", "last"]

    @property
    def columns(self):
        kinds = {"month": MonthColumn, "last": DateColumn}
        return [kinds.get(name, Column)(name, label=self.export_headings[name]) for name in self.list_export]

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
