from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import normalize_email

from . import invitations
from .access import get_for_my_partner, manager_required
from .forms import InviteForm, RoleForm
from .models import Invitation, Membership, Role
from .signals import SESSION_KEY

MEMBERS_PER_PAGE = 50


def _team_context(request, invite_form=None):
    partner = request.membership.partner
    members = Membership.objects.team(partner)
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("pagina"))
    open_invitations = Invitation.objects.open().filter(partner=partner).order_by("email")
    return {
        "partner": partner,
        "page": page,
        "invitations": open_invitations,
        "invite_form": invite_form or InviteForm(),
        "role_choices": Role.choices,
    }


@require_GET
@manager_required
def team(request):
    return render(request, "partners/team.html", _team_context(request))


@require_POST
@manager_required
def invite(request):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitations.invite(
                request.membership.partner, form.cleaned_data["email"], form.cleaned_data["role"], request.user
            )
        except invitations.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": invitation.email})
            return redirect("partners:team")
    return render(request, "partners/team.html", _team_context(request, form), status=400)


def _invitation_action(request, pk, action, done_message):
    invitation = get_for_my_partner(Invitation.objects.all(), request, pk=pk)
    try:
        action(invitation)
    except invitations.InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message % {"email": invitation.email})
    return redirect("partners:team")


@require_POST
@manager_required
def resend_invitation(request, pk):
    return _invitation_action(request, pk, invitations.resend, _("Uitnodiging opnieuw verstuurd naar %(email)s."))


@require_POST
@manager_required
def revoke_invitation(request, pk):
    return _invitation_action(request, pk, invitations.revoke, _("Uitnodiging voor %(email)s ingetrokken."))


def _other_managers(membership):
    return (
        Membership.objects.current()
        .filter(partner=membership.partner, role=Role.MANAGER)
        .exclude(pk=membership.pk)
        .exists()
    )


@require_POST
@manager_required
def change_role(request, pk):
    membership = get_for_my_partner(Membership.objects.current().select_related("user"), request, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige rol."))
    elif form.cleaned_data["role"] != Role.MANAGER and membership.is_manager and not _other_managers(membership):
        messages.error(request, _("Een partner houdt minstens één beheerder. Maak eerst iemand anders beheerder."))
    else:
        membership.role = form.cleaned_data["role"]
        membership.save(update_fields=["role"])
        messages.success(
            request,
            _("%(name)s is nu %(role)s.") % {"name": membership.user, "role": membership.get_role_display()},
        )
    return redirect("partners:team")


@require_http_methods(["GET", "POST"])
@manager_required
def remove_member(request, pk):
    """Ask first (GET), then end the membership (POST); the person keeps their account and history."""
    membership = get_for_my_partner(Membership.objects.current().select_related("user"), request, pk=pk)
    if request.method == "GET":
        return render(request, "partners/remove_member.html", {"membership": membership})
    if membership.user_id == request.user.pk:
        messages.error(request, _("Je kunt jezelf niet verwijderen. Vraag een andere beheerder."))
    else:
        membership.ended_at = timezone.now()
        membership.save(update_fields=["ended_at"])
        messages.success(request, _("%(name)s is uit het team verwijderd.") % {"name": membership.user})
    return redirect("partners:team")


@login_not_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """The link from the email: signs a newcomer up, or lets a logged-in person accept with one click."""
    try:
        invitation = invitations.find_usable(token)
    except invitations.InvitationError as error:
        return _invitation_problem(request, error, status=404 if error.unknown else 410)

    if request.user.is_authenticated:
        if request.method == "GET":
            if normalize_email(request.user.email) != invitation.email:
                error = invitations.InvitationError(
                    _("Deze uitnodiging is voor een ander e-mailadres dan waarmee je bent ingelogd.")
                )
                return _invitation_problem(request, error, status=409)
            return render(request, "partners/invitation_accept.html", {"invitation": invitation})
        try:
            invitations.accept(invitation, request.user)
        except invitations.InvitationError as error:
            return _invitation_problem(request, error, status=409)
        messages.success(request, _("Welkom bij %(partner)s.") % {"partner": invitation.partner})
        return redirect("/")

    request.session[SESSION_KEY] = invitation.token
    if get_user_model().objects.filter(email=invitation.email).exists():
        messages.info(
            request,
            _("Je hebt al een account. Log in om de uitnodiging van %(partner)s te accepteren.")
            % {"partner": invitation.partner},
        )
        return redirect(reverse("account_login"))
    # The link reached this address, so the address counts as verified.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect(reverse("account_signup"))


def _invitation_problem(request, error, status):
    return render(request, "partners/invitation_invalid.html", {"message": str(error)}, status=status)
