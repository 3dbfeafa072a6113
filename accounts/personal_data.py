"""Personal data (AVG/GDPR): everything the portal holds on one person, as an export and as an erasure.

`accounts` is the lowest floor and may not import the feature apps, so each app registers its own
sections here from its AppConfig.ready(): what it exports and, where something identifying must go,
what it erases. Erasure anonymises rather than deletes the account: the row stays, so foreign keys hold
and the reports of the past count the same before and after.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from .models import ANONYMOUS_NAME, anonymous_email
from .sessions import end_sessions

# Bump when a key of the export changes meaning, so whoever reads an old file can tell.
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Section:
    key: str
    label: Any  # a lazy Dutch string, shown in the reader's language
    collect: Any  # user -> list[dict] | dict of JSON-safe values
    erase: Any = None  # user -> None; removes what identifies the person and must not outlive the account
    order: int = 100


_sections = {}

LAST_SUPERUSER = _(
    "Dit is het enige actieve superuser-account. Maak eerst een ander account superuser; "
    "daarna kan dit account worden verwijderd."
)


class ErasureRefused(Exception):
    """The account cannot be anonymised now; the message says why, for the person asking."""


def register(key, label, collect, *, erase=None, order=100):
    """Add an app's section; registering a key again replaces it, so a second ready() changes nothing."""
    _sections[key] = Section(key, label, collect, erase, order)


def sections():
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def iso(value):
    """Dates and moments as ISO 8601 (moments in the portal's time zone, with the offset); None stays None."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def profile(user):
    """The account itself; which second factors are in use, never their secrets."""
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "admin_access": user.is_staff,
        "administrator": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "mfa": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "sessions": [
            {
                "logged_in_at": iso(session.created_at),
                "last_active_at": iso(session.last_seen_at),
                "ip": session.ip,
                "browser": session.user_agent,
            }
            for session in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }


def export(user):
    """Everything about this person, as JSON-safe data.

    Not wrapped in a transaction: it only reads, and on SQLite (transaction_mode IMMEDIATE) an atomic
    block would take the write lock for the whole export.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": iso(timezone.now()),
        "profile": profile(user),
        "sections": {
            section.key: {"label": str(section.label), "items": section.collect(user)} for section in sections()
        },
    }


def is_last_superuser(user):
    """Someone must be able to reach the admin afterwards."""
    User = get_user_model()
    return user.is_superuser and not User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk).exists()


def anonymise(user):
    """Erase the person, all or nothing: a section that fails leaves every row as it was.

    The sections erase first, while the account still has its own address (invitations are found by it).
    Returns the anonymised user.
    """
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_superuser:  # two superusers leaving at once must not both see the other one stay
            list(User.objects.select_for_update().filter(is_superuser=True, is_active=True))
        if is_last_superuser(user):
            raise ErasureRefused(LAST_SUPERUSER)
        for section in sections():
            if section.erase is not None:
                section.erase(user)
        end_sessions(user)
        forget_admin_traces(user)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        with translation.override(settings.LANGUAGE_CODE):
            user.first_name = str(ANONYMOUS_NAME)  # raw readers of the name fields see it too
        user.last_name = ""
        user.email = anonymous_email(user.pk)
        user.language = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
    return user


def forget_admin_traces(user):
    """Wagtail's own rows about the person: profile (with avatar), editing sessions, unsaved forms, log titles."""
    profile = UserProfile.objects.filter(user=user).first()
    if profile is not None:
        if profile.avatar:
            avatar = profile.avatar
            transaction.on_commit(lambda: avatar.storage.delete(avatar.name))
        profile.delete()
    EditingSession.objects.filter(user=user).delete()
    FormState.objects.filter(user=user).delete()
    # The audit log keeps who did what, but the entries about this account stop carrying the old name.
    with translation.override(settings.LANGUAGE_CODE):
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user, for_concrete_model=False), object_id=str(user.pk)
        ).update(label=str(ANONYMOUS_NAME))
