"""Memberships follow account events: a confirmed address on a partner domain, and every login."""

from allauth.account.signals import email_confirmed, user_logged_in
from django.contrib import messages
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import invitations
from .access import forget_current_membership
from .models import Membership, Role, partner_owning

SESSION_KEY = "partners_invitation_token"


def join_by_domain(user, email):
    """A verified address on a partner's domain makes its owner that partner's staff."""
    if Membership.objects.current().filter(user=user).exists():
        return None
    owner = partner_owning(email)
    if owner is None or not owner.is_active:
        return None
    forget_current_membership(user)
    return Membership.objects.create(user=user, partner=owner, role=Role.STAFF)


@receiver(email_confirmed)
def join_partner_on_confirmation(sender, request, email_address, **kwargs):
    join_by_domain(email_address.user, email_address.email)


@receiver(user_logged_in)
def accept_invitations_on_login(sender, request, user, **kwargs):
    request.session.pop(SESSION_KEY, None)
    joined = invitations.accept_pending_for(user)
    if joined:
        forget_current_membership(user)
        messages.success(request, _("Je bent toegevoegd aan %(partner)s.") % {"partner": joined[-1].partner})
