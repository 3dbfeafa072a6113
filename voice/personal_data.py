"""The tone of voice's part of a person's data. The teksttoets never stores a text, so there is nothing to erase;
keys the person made belong to their partner and stay until a manager revokes them.
"""

from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.personal_data import iso

from .models import ApiToken, TextCheck


def text_checks(user):
    rows = TextCheck.objects.filter(user=user).order_by("checked_at")
    return [
        {
            "via": check.via,
            "form": check.form,
            "detected": check.detected,
            "words": check.words,
            "errors": check.errors,
            "warnings": check.warnings,
            "checked_at": iso(check.checked_at),
        }
        for check in rows
    ]


def api_keys(user):
    """The keys the person made; not even the start of the key, since this file may travel."""
    rows = ApiToken.objects.filter(created_by=user).select_related("partner").order_by("created_at")
    return [
        {
            "name": token.name,
            "partner": token.partner.name,
            "created_at": iso(token.created_at),
            "last_used_at": iso(token.last_used_at),
            "revoked_at": iso(token.revoked_at),
        }
        for token in rows
    ]


def register():
    personal_data.register("text_checks", _("Gebruik van de teksttoets"), text_checks, order=50)
    personal_data.register("api_keys", _("Gemaakte API-sleutels"), api_keys, order=51)
