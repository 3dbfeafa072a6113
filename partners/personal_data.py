"""The partners' part of a person's data: where they work(ed) and the invitations that concern them."""

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import personal_data
from accounts.models import anonymous_email, normalize_email

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
    found = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
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


def end_memberships(user):
    """Team pages drop the person at once; their history stays with the partner it was made for."""
    Membership.objects.current().filter(user=user).update(ended_at=timezone.now())


def erase_invitations(user):
    """Open invitations to the person stop working, and no invitation keeps their address."""
    received = Invitation.objects.filter(email__in=addresses(user))
    received.open().update(revoked_at=timezone.now())
    received.update(email=anonymous_email(user.pk))


def register():
    personal_data.register("memberships", _("Lidmaatschappen"), memberships, erase=end_memberships, order=10)
    personal_data.register("invitations", _("Uitnodigingen"), invitations, erase=erase_invitations, order=11)
