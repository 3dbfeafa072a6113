"""Memberships follow account events: a confirmed address on a partner domain, and logging in from a link."""

from allauth.account.signals import email_confirmed, user_logged_in
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import invitations
from .access import forget_current_membership
from .models import Invitation, Membership, Role, partner_owning

# The invitation whose link was opened in this session; only that one is accepted at login.
SESSION_KEY = "partners_invitation_token"


def join_by_domain(user, email):
    """A verified address on a partner's domain makes a newcomer that partner's staff.

    Only for people who never had a membership: someone a manager removed does not return this way,
    and the brand side never becomes partner staff.
    """
    if user.requires_mfa or Membership.objects.filter(user=user).exists():
        return None
    owner = partner_owning(email)
    if owner is None or not owner.is_active:
        return None
    forget_current_membership(user)
    try:
        with transaction.atomic():
            return Membership.objects.create(user=user, partner=owner, role=Role.STAFF)
    except IntegrityError:
        return None


@receiver(email_confirmed)
def join_partner_on_confirmation(sender, request, email_address, **kwargs):
    join_by_domain(email_address.user, email_address.email)


@receiver(user_logged_in)
def accept_opened_invitation_on_login(sender, request, user, **kwargs):
    token = request.session.pop(SESSION_KEY, None)
    invitation = Invitation.objects.select_related("partner").filter(token=token).first() if token else None
    if invitation is None:
        return
    try:
        membership = invitations.accept(invitation, user)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
        return
    forget_current_membership(user)
    messages.success(request, _("Je bent toegevoegd aan %(partner)s.") % {"partner": membership.partner})
