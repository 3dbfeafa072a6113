"""Inviting people to a partner: create, resend, revoke and accept, each all-or-nothing."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import normalize_email

from .models import Invitation, Membership, Role, new_token, partner_owning
from .tasks import send_invitation_email

TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


class InvitationError(Exception):
    """A reason, in the user's language, why an invitation cannot be made or used."""

    def __init__(self, message, *, unknown=False):
        super().__init__(message)
        self.unknown = unknown


def check_invitable(partner, email, role):
    """Raise InvitationError when this address cannot be invited to this partner in this role."""
    email = normalize_email(email)
    if role not in Role.values:
        raise InvitationError(_("Kies een geldige rol."))
    if not partner.is_active:
        raise InvitationError(_("Deze partner is gedeactiveerd; uitnodigen kan niet."))
    user = get_user_model().objects.filter(email=email).first()
    if user is not None:
        if user.requires_mfa:
            # Brand team and administrators are never partner staff.
            raise InvitationError(
                _("%(email)s hoort bij het merkteam en kan geen partnerlid worden.") % {"email": email}
            )
        membership = Membership.objects.current().filter(user=user).select_related("partner").first()
        if membership and membership.partner_id == partner.pk:
            raise InvitationError(_("%(email)s is al lid van %(partner)s.") % {"email": email, "partner": partner})
        if membership:
            raise InvitationError(_("%(email)s hoort al bij een andere partner.") % {"email": email})
    owner = partner_owning(email)
    if owner is not None and owner != partner:
        raise InvitationError(
            _("Het domein van %(email)s is geregistreerd door een andere partner.") % {"email": email}
        )
    if Invitation.objects.open().filter(partner=partner, email=email).exists():
        raise InvitationError(
            _("%(email)s heeft al een openstaande uitnodiging. Verstuur die opnieuw.") % {"email": email}
        )


def invite(partner, email, role, invited_by):
    email = normalize_email(email)
    check_invitable(partner, email, role)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(partner=partner, email=email, role=role, invited_by=invited_by)
            send_invitation_email.enqueue(invitation.pk)
    except IntegrityError as error:
        raise InvitationError(_("%(email)s heeft al een openstaande uitnodiging.") % {"email": email}) from error
    return invitation


def _locked(invitation):
    return Invitation.objects.select_for_update().select_related("partner").get(pk=invitation.pk)


@transaction.atomic
def resend(invitation):
    """A fresh link with a fresh term; the old link stops working."""
    invitation = _locked(invitation)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    now = timezone.now()
    invitation.token = new_token()
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.save(update_fields=["token", "sent_at", "expires_at"])
    send_invitation_email.enqueue(invitation.pk)
    return invitation


@transaction.atomic
def revoke(invitation):
    invitation = _locked(invitation)
    if invitation.accepted_at:
        raise InvitationError(_("Deze uitnodiging is al geaccepteerd."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def usable_or_error(invitation):
    """The invitation itself, or an InvitationError that says why its link cannot be used."""
    if invitation is None:
        raise InvitationError(
            _("Deze uitnodigingslink is ongeldig. Controleer de link of vraag een nieuwe aan."), unknown=True
        )
    if invitation.accepted_at:
        raise InvitationError(_("Deze uitnodiging is al gebruikt. Log in met je account."))
    if invitation.revoked_at:
        raise InvitationError(_("Deze uitnodiging is ingetrokken. Vraag je contactpersoon om een nieuwe."))
    if invitation.is_expired:
        raise InvitationError(_("Deze uitnodiging is verlopen. Vraag je contactpersoon om een nieuwe."))
    if not invitation.partner.is_active:
        raise InvitationError(_("De partner van deze uitnodiging is gedeactiveerd."))
    return invitation


def find_usable(token):
    """The invitation behind a link, or an InvitationError that says why it cannot be used."""
    found = None
    if token and TOKEN_FORMAT.match(token):
        found = Invitation.objects.select_related("partner").filter(token=token).first()
    return usable_or_error(found)


@transaction.atomic
def accept(invitation, user):
    """Bind the user to the invitation's partner and role; the link cannot be used again."""
    invitation = usable_or_error(_locked(invitation))
    if normalize_email(user.email) != invitation.email:
        raise InvitationError(_("Deze uitnodiging is voor een ander e-mailadres dan waarmee je bent ingelogd."))
    if user.requires_mfa:
        raise InvitationError(_("Je account hoort bij het merkteam en kan geen partnerlid worden."))
    current = Membership.objects.select_for_update().current().filter(user=user).first()
    if current and current.partner_id != invitation.partner_id:
        raise InvitationError(_("Je account hoort al bij een andere partner."))
    if current:
        if invitation.role == Role.MANAGER and current.role != Role.MANAGER:
            current.role = Role.MANAGER
            current.save(update_fields=["role"])
        membership = current
    else:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(user=user, partner=invitation.partner, role=invitation.role)
        except IntegrityError as error:
            # Another request gave this person a membership a moment ago.
            raise InvitationError(_("Je account hoort al bij een partner.")) from error
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
