from django.utils.translation import gettext_lazy as _

from partners.reports import register_reports

from .models import ToolUse
from .reports import ToolUsageReportView

register_reports(
    "tools",
    [("usage", ToolUsageReportView, _("Gebruik van hulpmiddelen"), "clipboard-list", ToolUse)],
    first_order=960,
)
