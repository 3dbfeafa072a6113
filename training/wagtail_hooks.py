from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import Attempt, Completion
from .reports import CompletionsReportView, ExpiringCertificatesReportView, QuestionPassRateReportView

REPORTS = [
    ("completions", CompletionsReportView, _("Behaalde modules"), "success", Completion),
    ("expiring", ExpiringCertificatesReportView, _("Certificaten die verlopen"), "time", Completion),
    ("questions", QuestionPassRateReportView, _("Slagingspercentage per vraag"), "help", Attempt),
]


def report_urls():
    urls = []
    for name, view, _label, _icon, _model in REPORTS:
        urls += [
            path(f"{name}/", view.as_view(), name=name),
            path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results"),
        ]
    return urls


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/training/", include((report_urls(), "training_reports"), namespace="training_reports"))]


class ReportMenuItem(MenuItem):
    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        self.model = model

    def is_shown(self, request):
        return request.user.has_perm(f"training.view_{self.model._meta.model_name}")


def make_menu_item(name, label, icon, model, order):
    def item():
        return ReportMenuItem(
            label,
            reverse(f"training_reports:{name}"),
            name=f"training-{name}",
            icon_name=icon,
            order=order,
            model=model,
        )

    return item


for order, (name, _view, label, icon, model) in enumerate(REPORTS, start=900):
    hooks.register("register_reports_menu_item", make_menu_item(name, label, icon, model, order))
