"""The brand team's customer feedback reports in the Wagtail admin: NPS per step, and the answers to follow up."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from partners.reports import SafeExportMixin, UsageFilterSet, UsageReportMixin

from .feedback import step_table
from .models import FeedbackResponse, JourneyPage
from .nps import HIGHEST, LOWEST, PASSIVE_FROM, PROMOTER_FROM

SCORE_BANDS = {
    "detractors": (LOWEST, PASSIVE_FROM - 1),
    "passives": (PASSIVE_FROM, PROMOTER_FROM - 1),
    "promoters": (PROMOTER_FROM, HIGHEST),
}


def journeys():
    return JourneyPage.objects.order_by("title")


class FeedbackFilterSet(UsageFilterSet):
    journey = django_filters.ModelChoiceFilter(queryset=lambda request: journeys(), label=_("Klantreis"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Periode"), widget=DateRangePickerWidget)

    class Meta:
        model = FeedbackResponse
        fields = ["journey", "partner", "kind", "created_at"]


class FollowUpFilterSet(FeedbackFilterSet):
    grouping = None  # one row per answer
    band = django_filters.ChoiceFilter(
        label=_("Score"),
        choices=[
            ("detractors", _("criticasters (0 tot en met 6)")),
            ("passives", _("neutraal (7 en 8)")),
            ("promoters", _("promotors (9 en 10)")),
        ],
        method="filter_band",
        empty_label=_("alle scores"),
    )

    class Meta(FeedbackFilterSet.Meta):
        fields = [*FeedbackFilterSet.Meta.fields, "band"]

    def filter_band(self, queryset, name, value):
        low, high = SCORE_BANDS[value]
        return queryset.filter(score__gte=low, score__lte=high)


class NpsReportView(UsageReportMixin, SafeExportMixin, ReportView):
    """Answers and NPS per journey and step, over the period or per month; counted in the database."""

    page_title = _("NPS per stap")
    header_icon = "table"
    index_url_name = "journeys_reports:nps"
    index_results_url_name = "journeys_reports:nps_results"
    filterset_class = FeedbackFilterSet
    export_filename = "nps-per-stap"
    permission_policy = ModelPermissionPolicy(FeedbackResponse)
    any_permission_required = ["view"]
    export_headings = {
        "journey_title": _("Klantreis"),
        "step_title": _("Stap"),
        "month": _("Maand"),
        "answers": _("Antwoorden"),
        "promoters": _("Promotors"),
        "passives": _("Neutraal"),
        "detractors": _("Criticasters"),
        "score": _("NPS"),
        "last": _("Laatste antwoord"),
    }

    @property
    def list_export(self):
        month = ["month"] if self.per_month else []
        return [
            "journey_title",
            "step_title",
            *month,
            "answers",
            "promoters",
            "passives",
            "detractors",
            "score",
            "last",
        ]

    def get_queryset(self):
        return FeedbackResponse.objects.all()

    def get_filtered_queryset(self):
        rows = step_table(self.filter_queryset(self.get_queryset()), per_month=self.per_month)
        return [{**row, "answers": row["nps"].answers, "score": row["nps"].score} for row in rows]


class FollowUpReportView(SafeExportMixin, ReportView):
    """Single answers with a low score or a comment, newest first: the ones to read and follow up."""

    page_title = _("Lage scores en opmerkingen")
    header_icon = "comment"
    index_url_name = "journeys_reports:follow-up"
    index_results_url_name = "journeys_reports:follow-up_results"
    filterset_class = FollowUpFilterSet
    export_filename = "lage-scores-en-opmerkingen"
    permission_policy = ModelPermissionPolicy(FeedbackResponse)
    any_permission_required = ["view"]
    list_export = ["created_at", "journey.title", "step_name", "partner.name", "score", "comment"]
    export_headings = {
        "created_at": _("Datum"),
        "journey.title": _("Klantreis"),
        "step_name": _("Stap"),
        "partner.name": _("Partner"),
        "score": _("Score"),
        "comment": _("Toelichting"),
    }

    @property
    def columns(self):
        kinds = {"created_at": DateColumn}
        return [kinds.get(name, Column)(name, label=self.export_headings[name]) for name in self.list_export]

    def get_queryset(self):
        return (
            FeedbackResponse.objects.low_or_commented()
            .select_related("journey", "partner")
            .order_by("-created_at", "-pk")
        )
