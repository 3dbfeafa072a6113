from django.utils.translation import gettext_lazy as _

from partners.reports import register_reports

from .models import Attempt, Completion
from .reports import CompletionsReportView, ExpiringCertificatesReportView, QuestionPassRateReportView

register_reports(
    "training",
    [
        ("completions", CompletionsReportView, _("Behaalde modules"), "success", Completion),
        ("expiring", ExpiringCertificatesReportView, _("Certificaten die verlopen"), "time", Completion),
        ("questions", QuestionPassRateReportView, _("Slagingspercentage per vraag"), "help", Attempt),
    ],
    first_order=900,
)
