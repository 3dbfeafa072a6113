"""What every app's brand-team reports share: spreadsheet-safe exports and their place in the admin menu.

Each app registers its own Wagtail `ReportView`s; this module keeps their exports and registration alike.
"""

from datetime import date, datetime

import django_filters
from django.db.models import QuerySet
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn

from .models import Partner, PartnerKind

FORMULA_STARTS = ("=", "+", "-", "@")
# Exports read their rows from the database this many at a time, as they are written.
EXPORT_CHUNK = 2000
# Usage reports group per month or (the empty choice) over the whole period together.
GROUPINGS = [("month", _("per maand"))]


class MonthColumn(Column):
    """The first day of a month, shown as the month: "november 2026"."""

    def get_value(self, instance):
        month = super().get_value(instance)
        return date_format(month, "F Y") if month else ""


def safe_cell(value):
    """Spreadsheet programs run cells that start like a formula; a leading quote keeps them text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class UsageFilterSet(WagtailFilterSet):
    """What every usage report filters on: partner, partner kind, and per month or the whole period."""

    partner = django_filters.ModelChoiceFilter(queryset=Partner.objects.all(), label=_("Partner"))
    kind = django_filters.ModelChoiceFilter(
        queryset=PartnerKind.objects.all(), field_name="partner__kinds", label=_("Partnersoort")
    )
    grouping = django_filters.ChoiceFilter(
        choices=GROUPINGS, method="keep", label=_("Indeling"), empty_label=_("de hele periode samen")
    )

    def keep(self, queryset, name, value):
        return queryset  # read by the view: it changes the grouping, not the rows


class UsageReportMixin:
    """A usage report's rows cover the whole period, or one month each when the filter asks for it.

    The view lists its columns in `list_export`, with "month" and "last" (a moment) among them where they apply.
    """

    @property
    def per_month(self):
        filters = self.filters
        return bool(filters) and filters.is_valid() and filters.form.cleaned_data.get("grouping") == "month"

    @property
    def columns(self):
        kinds = {"month": MonthColumn, "last": DateColumn}
        return [kinds.get(name, Column)(name, label=self.export_headings[name]) for name in self.list_export]


class Chunked:
    """A queryset read in chunks when iterated, so a full export never holds all its rows at once."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.model = queryset.model  # for the column headings

    def __iter__(self):
        return self.queryset.iterator(chunk_size=EXPORT_CHUNK)


class SafeExportMixin:
    """Exports people can open safely and read: formula-like CSV cells stay text (Wagtail does this for XLSX),
    and moments are in local time, written as Dutch dates in CSV. Rows stream from the database in chunks:
    a CSV export of 150,000 rows starts at once and stays small in memory."""

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        # Wagtail builds the whole listing's context before it exports and counts the rows with len(), which
        # loads every row at once; an export needs only the filtered rows.
        self.object_list = rows = self.export_rows()
        return self.as_spreadsheet(rows, request.GET.get("export"))

    def export_rows(self):
        if hasattr(self, "get_filtered_queryset"):  # a report
            return self.decorate_paginated_queryset(self.get_filtered_queryset())
        return self.get_queryset()  # a model listing: filtered, searched and ordered there

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if isinstance(queryset, QuerySet):
            queryset = Chunked(queryset)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime):
            value = timezone.localtime(value)
            if export_format == self.FORMAT_CSV:
                return value.strftime("%d-%m-%Y %H:%M")
            return value.replace(tzinfo=None)
        if isinstance(value, date) and export_format == self.FORMAT_CSV:
            return value.strftime("%d-%m-%Y")
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV and isinstance(value, str) else value


class ReportMenuItem(MenuItem):
    """Shown to those who may view the report's model."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


def register_reports(namespace, reports, *, first_order):
    """Admin URLs under reports/<namespace>/ and a menu item for each report.

    `reports`: (name, view class, menu label, icon, model) for each report.
    """

    def urls():
        patterns = []
        for name, view, _label, _icon, _model in reports:
            patterns += [
                path(f"{name}/", view.as_view(), name=name),
                path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results"),
            ]
        return [path(f"reports/{namespace}/", include((patterns, f"{namespace}_reports")))]

    hooks.register("register_admin_urls", urls)
    for order, (name, _view, label, icon, model) in enumerate(reports, start=first_order):
        permission = f"{model._meta.app_label}.view_{model._meta.model_name}"

        def item(name=name, label=label, icon=icon, order=order, permission=permission):
            return ReportMenuItem(
                label,
                reverse(f"{namespace}_reports:{name}"),
                name=f"{namespace}-{name}",
                icon_name=icon,
                order=order,
                permission=permission,
            )

        hooks.register("register_reports_menu_item", item)
