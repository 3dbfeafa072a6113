from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from partners.reports import register_reports

from .models import Download, ShareLink
from .reports import DownloadsReportView, ShareLinkReportView, UsageReportView, WithdrawnHoldersReportView

register_reports(
    "materials",
    [
        ("downloads", DownloadsReportView, _("Downloads per materiaal"), "download", Download),
        ("holders", WithdrawnHoldersReportView, _("Ingetrokken versies in omloop"), "warning", Download),
        ("usage", UsageReportView, _("Gebruik van materialen"), "order", Download),
        ("shares", ShareLinkReportView, _("Bekeken deellinks"), "link", ShareLink),
    ],
    first_order=950,
)


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    """Wagtail's own document URL: a logged-in person outside a private collection's groups gets a 403.

    (Wagtail would send them to the login page they already passed.) Partners get files through the material
    views, which check audience and validity and record the download.
    """
    if request.user.is_authenticated:
        restrictions = document.collection.get_view_restrictions()
        if not all(restriction.accept_request(request) for restriction in restrictions):
            raise PermissionDenied
