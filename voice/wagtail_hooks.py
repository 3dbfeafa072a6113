from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.reports import register_reports

from .editor import add_voice_checks
from .models import TextCheck, WordRule
from .reports import TextCheckReportView


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "comment"
    menu_label = _("Woordregels")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["phrase", "replacements", "severity", "active"]
    list_filter = ["severity", "active"]
    list_export = ["phrase", "replacements", "reason", "severity", "active"]
    search_fields = ["phrase", "replacements"]
    search_backend_name = None
    ordering = ["phrase"]


register_snippet(WordRuleViewSet)

register_reports(
    "voice",
    [("usage", TextCheckReportView, _("Gebruik van de teksttoets"), "pilcrow", TextCheck)],
    first_order=970,
)

# The tone of voice in the editor's checks panel, in previews and on live pages.
hooks.register("construct_wagtail_userbar", add_voice_checks)
