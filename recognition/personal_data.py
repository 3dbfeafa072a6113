"""Recognition's part of a person's data: the level changes a manager was told about.

The notices are the manager's own dashboard messages and go on erasure; the changes themselves are the partner's.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.personal_data import iso

from .models import LevelNotice


def level_notices(user):
    rows = LevelNotice.objects.filter(user=user).select_related("change__partner").order_by("created_at")
    return [
        {
            "partner": notice.change.partner.name,
            "previous_level": notice.change.previous_name,
            "level": notice.change.level_name,
            "changed_at": iso(notice.change.changed_at),
            "created_at": iso(notice.created_at),
            "emailed_at": iso(notice.emailed_at),
            "dismissed_at": iso(notice.dismissed_at),
        }
        for notice in rows
    ]


def delete_notices(user):
    LevelNotice.objects.filter(user=user).delete()


def register():
    personal_data.register(
        "level_notices", _("Meldingen over het erkenningsniveau"), level_notices, erase=delete_notices, order=70
    )
