"""The partners' part of a person's data: where they work(ed) and the invitations that concern them."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from accounts import personal_data
from accounts.models import ANONYMOUS_NAME, anonymous_email, normalize_email

from .models import Invitation, Membership


def memberships(user):
    return [
        {
            "partner": membership.partner.name,
            "role": membership.role,
            "started_at": personal_data.iso(membership.started_at),
            "ended_at": personal_data.iso(membership.ended_at),
        }
        for membership in Membership.objects.filter(user=user).select_related("partner").order_by("started_at")
    ]


def addresses(user):
    """The addresses the person proved are theirs: anyone can add an unverified one, even a stranger's."""
    found = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {normalize_email(email) for email in [user.email, *found]}


def invitations(user):
    """Invitations to the person's addresses and the ones they sent (without the invitee's address: not theirs)."""
    received = Invitation.objects.filter(email__in=addresses(user)).select_related("partner").order_by("sent_at")
    sent = Invitation.objects.filter(invited_by=user).select_related("partner").order_by("sent_at")
    return [
        {
            "direction": direction,
            "partner": invitation.partner.name,
            "role": invitation.role,
            "sent_at": personal_data.iso(invitation.sent_at),
            "status": invitation.status,
            **({"email": invitation.email} if direction == "received" else {}),
        }
        for direction, rows in (("received", received), ("sent", sent))
        for invitation in rows
    ]


def history_of(instance):
    """The admin's log entries about this snippet (Wagtail keeps each entry's title as it was)."""
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False), object_id=str(instance.pk)
    )


def end_memberships(user):
    """Team pages drop the person at once; their history stays with the partner it was made for, nameless."""
    Membership.objects.current().filter(user=user).update(ended_at=timezone.now())
    with translation.override(settings.LANGUAGE_CODE):
        for membership in Membership.objects.filter(user=user).select_related("partner"):
            history_of(membership).update(label=membership.describe(ANONYMOUS_NAME))


def erase_invitations(user):
    """Open invitations to the person stop working, and no invitation (nor its history) keeps their address."""
    received = Invitation.objects.filter(email__in=addresses(user))
    received.open().update(revoked_at=timezone.now())
    received.update(email=anonymous_email(user.pk))
    for invitation in Invitation.objects.filter(email=anonymous_email(user.pk)).select_related("partner"):
        history_of(invitation).update(label=str(invitation))


def register():
    personal_data.register("memberships", _("Lidmaatschappen"), memberships, erase=end_memberships, order=10)
    personal_data.register("invitations", _("Uitnodigingen"), invitations, erase=erase_invitations, order=11)
