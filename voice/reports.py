"""The brand team's teksttoets usage report in the Wagtail admin, with CSV and XLSX export."""

import django_filters
from django.db.models import Count, DateField, Max, Q, Sum, Value
from django.db.models.functions import NullIf, TruncMonth
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from partners.reports import SafeExportMixin, UsageFilterSet, UsageReportMixin

from .models import TextCheck


def percentage(part, whole):
    """100 * part / whole rounded half up, in whole numbers; NULL when whole is 0.

    Integer arithmetic, so SQLite and PostgreSQL round alike (PostgreSQL rounds floats half to even).
    """
    return (Value(200) * part + whole) / NullIf(Value(2) * whole, 0)


class TextCheckFilterSet(UsageFilterSet):
    checked_at = django_filters.DateFromToRangeFilter(label=_("Periode"), widget=DateRangePickerWidget)

    class Meta:
        model = TextCheck
        fields = ["partner", "kind", "checked_at"]


class TextCheckReportView(UsageReportMixin, SafeExportMixin, ReportView):
    """Checks via the page and the API per partner, over the period or per month; never the texts themselves.

    People are those logged in: a call with an API key is a partner's system, not a person.
    """

    page_title = _("Gebruik van de teksttoets")
    header_icon = "pilcrow"
    index_url_name = "voice_reports:usage"
    index_results_url_name = "voice_reports:usage_results"
    filterset_class = TextCheckFilterSet
    export_filename = "gebruik-van-de-teksttoets"
    permission_policy = ModelPermissionPolicy(TextCheck)
    any_permission_required = ["view"]
    export_headings = {
        "partner_name": _("Partner"),
        "month": _("Maand"),
        "page_checks": _("Via de teksttoets"),
        "api_checks": _("Via de API"),
        "people": _("Personen"),
        "words": _("Woorden"),
        "mixed": _("U en jij door elkaar"),
        "without_errors": _("Zonder fouten (%)"),
        "last": _("Laatste toets"),
    }

    @property
    def list_export(self):
        month = ["month"] if self.per_month else []
        return [
            "partner_name",
            *month,
            "page_checks",
            "api_checks",
            "people",
            "words",
            "mixed",
            "without_errors",
            "last",
        ]

    def get_queryset(self):
        # Without a partner a check is the brand team's own or a deleted partner's: neither is a partner's use.
        return TextCheck.objects.filter(partner__isnull=False)

    def get_filtered_queryset(self):
        grouping = ["partner_id"]
        queryset = self.filter_queryset(self.get_queryset())
        if self.per_month:
            queryset = queryset.annotate(month=TruncMonth("checked_at", output_field=DateField()))
            grouping.append("month")
        return (
            queryset.values(*grouping)
            .annotate(
                partner_name=Max("partner__name"),
                page_checks=Count("pk", filter=Q(via=TextCheck.Via.PAGE)),
                api_checks=Count("pk", filter=Q(via=TextCheck.Via.API)),
                people=Count("user_id", distinct=True),
                words=Sum("words"),
                mixed=Count("pk", filter=Q(detected="mixed")),
                without_errors=percentage(Count("pk", filter=Q(errors=0)), Count("pk")),
                last=Max("checked_at"),
            )
            .order_by(*(["-month"] if self.per_month else []), "partner_name")
        )
