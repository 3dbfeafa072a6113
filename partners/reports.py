"""What every app's brand-team reports share: spreadsheet-safe exports and their place in the admin menu.

Each app registers its own Wagtail `ReportView`s; this module keeps their exports and registration alike.
"""

from datetime import date, datetime

from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(value):
    """Spreadsheet programs run cells that start like a formula; a leading quote keeps them text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeExportMixin:
    """Exports people can open safely and read: formula-like CSV cells stay text (Wagtail does this for XLSX),
    and moments are in local time, written as Dutch dates in CSV."""

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
