from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.reports import register_reports

from .admin_views import NetworkPanel, PartnerScorecardView
from .models import RecognitionLevel, Standing
from .reports import OverviewReportView

VIEW_STANDING = "recognition.view_standing"


class RecognitionLevelViewSet(SnippetViewSet):
    """The brand team names the levels and sets their minima; saving one works out every partner's level again."""

    model = RecognitionLevel
    icon = "pick"
    menu_label = _("Erkenningsniveaus")
    add_to_admin_menu = True
    menu_order = 330
    copy_view_enabled = False
    list_display = ["name", "rank", "min_overall", "min_critical"]
    ordering = ["rank"]


register_snippet(RecognitionLevelViewSet)


@hooks.register("register_admin_urls")
def register_partner_scorecard_url():
    return [path("recognition/partners/<int:pk>/", PartnerScorecardView.as_view(), name="recognition_partner")]


@hooks.register("insert_global_admin_css")
def recognition_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("recognition/admin.css"))


@hooks.register("construct_homepage_panels")
def add_network_panel(request, panels):
    if request.user.has_perm(VIEW_STANDING):
        panels.append(NetworkPanel())


register_reports(
    "recognition",
    [("overview", OverviewReportView, _("Partners en erkenning"), "group", Standing)],
    first_order=990,
)
