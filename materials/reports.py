"""The brand team's materials reports in the Wagtail admin, each with CSV and XLSX export."""

import django_filters
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from partners.models import Partner, PartnerKind
from partners.reports import SafeExportMixin

from . import holdings
from .models import Download, MaterialPage, ShareLink


class MaterialsReportView(SafeExportMixin, ReportView):
    permission_policy = ModelPermissionPolicy(Download)
    any_permission_required = ["view"]


class DownloadFilterSet(WagtailFilterSet):
    material = django_filters.ModelChoiceFilter(queryset=MaterialPage.objects.all(), label=_("Materiaal"))
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    kind = django_filters.ModelChoiceFilter(
        queryset=PartnerKind.objects.all(), field_name="partner__kinds", label=_("Partnersoort")
    )
    downloaded_at = django_filters.DateFromToRangeFilter(label=_("Periode"), widget=DateRangePickerWidget)

    class Meta:
        model = Download
        fields = ["material", "partner", "kind", "downloaded_at"]


class DownloadsReportView(MaterialsReportView):
    """Downloads counted per material, partner and version within the chosen period."""

    page_title = _("Downloads per materiaal en partner")
    header_icon = "download"
    index_url_name = "materials_reports:downloads"
    index_results_url_name = "materials_reports:downloads_results"
    filterset_class = DownloadFilterSet
    export_filename = "downloads-per-materiaal-en-partner"
    list_export = ["material_title", "partner_name", "version_label", "downloads", "people", "cobranded", "last"]
    export_headings = {
        "material_title": _("Materiaal"),
        "partner_name": _("Partner"),
        "version_label": _("Versie"),
        "downloads": _("Downloads"),
        "people": _("Personen"),
        "cobranded": _("Waarvan co-branded"),
        "last": _("Laatste download"),
    }
    columns = [
        Column("material_title", label=_("Materiaal")),
        Column("partner_name", label=_("Partner")),
        Column("version_label", label=_("Versie")),
        Column("downloads", label=_("Downloads")),
        Column("people", label=_("Personen")),
        Column("cobranded", label=_("Waarvan co-branded")),
        DateColumn("last", label=_("Laatste download")),
    ]

    def get_queryset(self):
        return Download.objects.filter(partner__isnull=False)

    def get_filtered_queryset(self):
        return (
            self.filter_queryset(self.get_queryset())
            .values("material_id", "partner_id", "version_id")
            .annotate(
                material_title=Max("material__title"),
                partner_name=Max("partner__name"),
                version_label=Max("version__label"),
                downloads=Count("pk"),
                people=Count("user_id", distinct=True),
                cobranded=Count("pk", filter=Q(cobranded=True)),
                last=Max("downloaded_at"),
            )
            .order_by("material_title", "partner_name", "-last")
        )


class HolderFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    material = django_filters.ModelChoiceFilter(queryset=MaterialPage.objects.all(), label=_("Materiaal"))

    class Meta:
        model = Download
        fields = ["partner", "material"]


class WithdrawnHoldersReportView(MaterialsReportView):
    """Partners whose people downloaded a version that is no longer current, and did not fetch the new one since."""

    page_title = _("Partners met ingetrokken versies")
    header_icon = "warning"
    index_url_name = "materials_reports:holders"
    index_results_url_name = "materials_reports:holders_results"
    filterset_class = HolderFilterSet
    export_filename = "partners-met-ingetrokken-versies"
    list_export = ["partner_name", "material_title", "version_label", "people", "last"]
    export_headings = {
        "partner_name": _("Partner"),
        "material_title": _("Materiaal"),
        "version_label": _("Versie"),
        "people": _("Personen"),
        "last": _("Laatst gedownload"),
    }
    columns = [
        Column("partner_name", label=_("Partner")),
        Column("material_title", label=_("Materiaal")),
        Column("version_label", label=_("Versie")),
        Column("people", label=_("Personen")),
        DateColumn("last", label=_("Laatst gedownload")),
    ]

    def get_queryset(self):
        return holdings.downloads()

    def get_filtered_queryset(self):
        return (
            holdings.outdated_held(self.filter_queryset(self.get_queryset()))
            .values("partner_id", "material_id", "version__label")
            .annotate(
                partner_name=Max("partner__name"),
                material_title=Max("material__title"),
                version_label=Max("version__label"),
                people=Count("user_id", distinct=True),
                last=Max("downloaded_at"),
            )
            .order_by("partner_name", "material_title", "version_label")
        )


class UsageFilterSet(WagtailFilterSet):
    ORDER_CHOICES = [("most", _("Meest gebruikt eerst")), ("least", _("Minst gebruikt eerst"))]
    order = django_filters.ChoiceFilter(choices=ORDER_CHOICES, method="filter_order", label=_("Volgorde"))
    period = django_filters.DateFromToRangeFilter(
        label=_("Periode"), method="filter_period", widget=DateRangePickerWidget
    )

    class Meta:
        model = MaterialPage
        fields = ["order", "period"]

    def filter_order(self, queryset, name, value):
        return queryset  # applied after counting, in the view

    def filter_period(self, queryset, name, value):
        return queryset  # applied inside the count, in the view


class UsageReportView(MaterialsReportView):
    """Every live material with its downloads and share-link views in the period, most or least used first."""

    page_title = _("Meest en minst gebruikte materialen")
    header_icon = "order"
    index_url_name = "materials_reports:usage"
    index_results_url_name = "materials_reports:usage_results"
    filterset_class = UsageFilterSet
    export_filename = "gebruik-van-materialen"
    list_export = ["title", "version_label", "downloads", "partners", "share_links"]
    export_headings = {
        "title": _("Materiaal"),
        "version_label": _("Versie"),
        "downloads": _("Downloads"),
        "partners": _("Partners"),
        "share_links": _("Deellinks"),
    }
    columns = [
        Column("title", label=_("Materiaal")),
        Column("version_label", label=_("Versie")),
        Column("downloads", label=_("Downloads")),
        Column("partners", label=_("Partners")),
        Column("share_links", label=_("Deellinks")),
    ]

    def get_queryset(self):
        return MaterialPage.objects.live()

    def get_filtered_queryset(self):
        filters = self.filters
        valid = bool(filters) and filters.is_valid()
        period = filters.form.cleaned_data.get("period") if valid else None
        downloads = Download.objects.filter(material=OuterRef("pk"), partner__isnull=False)
        links = ShareLink.objects.filter(material=OuterRef("pk"))
        if period and period.start:
            downloads = downloads.filter(downloaded_at__gte=period.start)
            links = links.filter(created_at__gte=period.start)
        if period and period.stop:
            downloads = downloads.filter(downloaded_at__lte=period.stop)
            links = links.filter(created_at__lte=period.stop)
        queryset = self.get_queryset().annotate(
            downloads_count=count_of(downloads, "pk"),
            partners_count=count_of(downloads, "partner_id", distinct=True),
            links_count=count_of(links, "pk"),
        )
        least = valid and filters.form.cleaned_data.get("order") == "least"
        order = ("downloads_count", "title") if least else ("-downloads_count", "title")
        return [
            {
                "title": row.title,
                "version_label": row.version_label,
                "downloads": row.downloads_count,
                "partners": row.partners_count,
                "share_links": row.links_count,
            }
            for row in queryset.order_by(*order)
        ]


def count_of(queryset, field, *, distinct=False):
    """A correlated count as a subquery: one row per material, no multiplied joins."""
    counted = queryset.order_by().values("material").annotate(n=Count(field, distinct=distinct)).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


class ShareFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    material = django_filters.ModelChoiceFilter(queryset=MaterialPage.objects.all(), label=_("Materiaal"))
    created_at = django_filters.DateFromToRangeFilter(label=_("Gemaakt in de periode"), widget=DateRangePickerWidget)

    class Meta:
        model = ShareLink
        fields = ["partner", "material", "created_at"]


class ShareLinkReportView(MaterialsReportView):
    page_title = _("Bekeken deellinks")
    header_icon = "link"
    index_url_name = "materials_reports:shares"
    index_results_url_name = "materials_reports:shares_results"
    filterset_class = ShareFilterSet
    export_filename = "deellinks"
    permission_policy = ModelPermissionPolicy(ShareLink)
    list_export = [
        "material.title",
        "partner.name",
        "created_at",
        "expires_at",
        "views",
        "downloads",
        "get_status_display",
    ]
    export_headings = {
        "material.title": _("Materiaal"),
        "partner.name": _("Partner"),
        "created_at": _("Gemaakt"),
        "expires_at": _("Verloopt"),
        "views": _("Bekeken"),
        "downloads": _("Gedownload"),
        "get_status_display": _("Status"),
    }
    columns = [
        Column("material", label=_("Materiaal")),
        Column("partner", label=_("Partner")),
        DateColumn("created_at", label=_("Gemaakt")),
        DateColumn("expires_at", label=_("Verloopt")),
        Column("views", label=_("Bekeken")),
        Column("downloads", label=_("Gedownload")),
        Column("get_status_display", label=_("Status")),
    ]

    def get_queryset(self):
        return (
            ShareLink.objects.select_related("material", "partner")
            .prefetch_related("material__audiences", "partner__kinds")
            .order_by("-views", "-created_at")
        )
