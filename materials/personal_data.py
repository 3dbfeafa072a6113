"""The library's part of a person's data. Downloads stay (the reports count them, per partner and version);
the person's own notices and last visit go, and managers' notices stop naming them.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.models import ANONYMOUS_NAME
from accounts.personal_data import iso

from .models import Download, LibraryVisit, OutdatedNotice, ShareLink
from .versions import HOLDER_SEPARATOR, holder_name


def downloads(user):
    rows = Download.objects.filter(user=user).select_related("material", "version", "partner").order_by("downloaded_at")
    return [
        {
            "material": download.material.title,
            "version": download.version.label,
            "partner": download.partner.name if download.partner else None,
            "cobranded": download.cobranded,
            "downloaded_at": iso(download.downloaded_at),
        }
        for download in rows
    ]


def share_links(user):
    """The links the person made; not their tokens: whoever holds this file should not be able to open them."""
    rows = ShareLink.objects.filter(created_by=user).select_related("material", "partner").order_by("created_at")
    return [
        {
            "material": link.material.title,
            "partner": link.partner.name,
            "created_at": iso(link.created_at),
            "expires_at": iso(link.expires_at),
            "revoked_at": iso(link.revoked_at),
            "views": link.views,
            "downloads": link.downloads,
        }
        for link in rows
    ]


def notices(user):
    """The person's own notices; who else on the team held the version is colleagues' data, so it is left out."""
    rows = OutdatedNotice.objects.filter(user=user).select_related("version__material").order_by("created_at")
    return [
        {
            "material": notice.version.material.title,
            "version": notice.version.label,
            "reason": notice.reason,
            "created_at": iso(notice.created_at),
            "emailed_at": iso(notice.emailed_at),
            "dismissed_at": iso(notice.dismissed_at),
        }
        for notice in rows
    ]


def library_visit(user):
    visit = LibraryVisit.objects.filter(user=user).first()
    return {"seen_at": iso(visit.seen_at)} if visit else {}


def erase_notices(user):
    """The person's notices are for their dashboard alone; in managers' notices their name is replaced."""
    OutdatedNotice.objects.filter(user=user).delete()
    LibraryVisit.objects.filter(user=user).delete()
    name = holder_name(user.first_name, user.last_name, user.email)
    with translation.override(settings.LANGUAGE_CODE):
        neutral = str(ANONYMOUS_NAME)
    held = Download.objects.filter(user=user).values("material_id")
    for notice in OutdatedNotice.objects.filter(version__material__in=held, team_holders__contains=name):
        holders = [neutral if holder == name else holder for holder in notice.team_holders.split(HOLDER_SEPARATOR)]
        notice.team_holders = HOLDER_SEPARATOR.join(holders)
        notice.save(update_fields=["team_holders"])


def register():
    personal_data.register("downloads", _("Downloads"), downloads, order=30)
    personal_data.register("share_links", _("Deellinks"), share_links, order=31)
    personal_data.register("material_notices", _("Meldingen over materialen"), notices, erase=erase_notices, order=32)
    personal_data.register("library_visit", _("Laatste bezoek aan de bibliotheek"), library_visit, order=33)
