"""Invitations: made, resent, revoked and accepted, and every way a link can be wrong."""

import re
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts.factories import UserFactory
from partners import invitations
from partners.factories import InvitationFactory, MembershipFactory
from partners.models import Invitation, Membership, Role

User = get_user_model()


def link_in(message):
    return re.search(r"/uitnodiging/[\w-]+/", message.body).group(0)


def test_invite_sends_a_single_use_link_valid_for_seven_days(partner_a, manager_a, home_page):
    invitation = invitations.invite(partner_a, "  Nieuw@Partner-A.example ", Role.STAFF, manager_a)

    assert invitation.email == "nieuw@partner-a.example"
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@partner-a.example"]
    assert "Partner A" in message.subject
    assert link_in(message) == invitation.get_accept_url()
    assert invitation.get_accept_url() in message.alternatives[0][0]


def test_resend_gives_a_new_link_and_the_old_one_stops_working(client, partner_a, manager_a, home_page):
    invitation = invitations.invite(partner_a, "nieuw@partner-a.example", Role.STAFF, manager_a)
    old_url = invitation.get_accept_url()
    invitation.expires_at = timezone.now() - timedelta(days=1)
    invitation.save()

    invitation = invitations.resend(invitation)

    assert len(mail.outbox) == 2
    assert link_in(mail.outbox[1]) == invitation.get_accept_url() != old_url
    assert invitation.is_pending
    assert client.get(old_url).status_code == HTTPStatus.NOT_FOUND


def test_invite_refuses_a_second_open_invitation(partner_a, manager_a):
    invitations.invite(partner_a, "nieuw@partner-a.example", Role.STAFF, manager_a)
    with pytest.raises(invitations.InvitationError, match="openstaande uitnodiging"):
        invitations.invite(partner_a, "NIEUW@partner-a.example", Role.MANAGER, manager_a)
    assert Invitation.objects.count() == 1


def test_invite_refuses_a_member_of_another_partner(partner_a, manager_a, staff_b):
    with pytest.raises(invitations.InvitationError, match="hoort al bij een andere partner"):
        invitations.invite(partner_a, staff_b.email.upper(), Role.STAFF, manager_a)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invite_refuses_an_address_on_another_partners_domain(partner_a, partner_b, manager_a):
    with pytest.raises(invitations.InvitationError, match="andere partner"):
        invitations.invite(partner_a, "iemand@partner-b.example", Role.STAFF, manager_a)
    assert not Invitation.objects.exists()


def test_invite_refuses_someone_already_in_the_team(partner_a, manager_a, staff_a):
    with pytest.raises(invitations.InvitationError, match="is al lid van Partner A"):
        invitations.invite(partner_a, staff_a.email, Role.STAFF, manager_a)


def test_invite_refuses_for_a_deactivated_partner(partner_a, manager_a):
    partner_a.is_active = False
    partner_a.save()
    with pytest.raises(invitations.InvitationError, match="gedeactiveerd"):
        invitations.invite(partner_a, "nieuw@partner-a.example", Role.STAFF, manager_a)


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, HTTPStatus.GONE, "verlopen"),
        ({"accepted_at": timezone.now()}, HTTPStatus.GONE, "al gebruikt"),
        ({"revoked_at": timezone.now()}, HTTPStatus.GONE, "ingetrokken"),
    ],
    ids=["expired", "used", "revoked"],
)
def test_unusable_links_explain_themselves_and_create_nothing(client, partner_a, change, status, message):
    invitation = InvitationFactory(partner=partner_a, email="nieuw@partner-a.example")
    Invitation.objects.filter(pk=invitation.pk).update(**change)

    response = client.get(invitation.get_accept_url())

    assert response.status_code == status
    assert message in response.content.decode()
    assert not User.objects.filter(email="nieuw@partner-a.example").exists()
    assert "partners_invitation_token" not in client.session


@pytest.mark.parametrize("token", ["x" * 43, "", "onzin", "a" * 500])
def test_tampered_links_are_not_found(client, partner_a, token):
    invitation = InvitationFactory(partner=partner_a)
    response = client.get(f"/uitnodiging/{token or invitation.token[:-1]}/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "ongeldig" in response.content.decode()


def test_new_person_accepts_by_signing_up_and_joins_in_the_role(client, partner_a, home_page):
    invitation = InvitationFactory(partner=partner_a, email="nieuw@partner-a.example", role=Role.MANAGER)

    response = client.get(invitation.get_accept_url())
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/account/signup/"

    form_page = client.get("/account/signup/")
    assert "Partner A" in form_page.content.decode()
    response = client.post(
        "/account/signup/",
        {
            # A tampered address in the POST is ignored: the field is fixed to the invitation.
            "email": "iemand-anders@partner-a.example",
            "first_name": "Nina",
            "last_name": "de Vries",
            "password1": "Een-lang-wachtwoord-1",
            "password2": "Een-lang-wachtwoord-1",
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    user = User.objects.get(email="nieuw@partner-a.example")
    assert not User.objects.filter(email="iemand-anders@partner-a.example").exists()
    assert user.emailaddress_set.get().verified
    membership = Membership.objects.get(user=user)
    assert (membership.partner, membership.role) == (partner_a, Role.MANAGER)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert client.get("/").status_code == HTTPStatus.OK
    # The link is single-use.
    client.logout()
    assert client.get(invitation.get_accept_url()).status_code == HTTPStatus.GONE


def test_existing_account_joins_after_logging_in_without_a_second_account(client, partner_a, home_page):
    person = UserFactory(email="bestaand@partner-a.example")
    invitation = InvitationFactory(partner=partner_a, email="Bestaand@Partner-A.example")

    response = client.get(invitation.get_accept_url())
    assert response["Location"] == "/account/login/"

    response = client.post(
        "/account/login/", {"login": " BESTAAND@partner-a.example ", "password": "Partnerportaal-2026"}
    )
    assert response.status_code == HTTPStatus.FOUND
    assert User.objects.filter(email__iexact="bestaand@partner-a.example").count() == 1
    assert Membership.objects.get(user=person).partner == partner_a
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_logged_in_invitee_accepts_directly(client, partner_a, home_page):
    person = UserFactory(email="los@partner-a.example")
    invitation = InvitationFactory(partner=partner_a, email=person.email)
    client.force_login(person)

    confirm = client.get(invitation.get_accept_url())
    assert confirm.status_code == HTTPStatus.OK
    assert "Uitnodiging accepteren" in confirm.content.decode()
    assert not Membership.objects.filter(user=person).exists()  # a GET changes nothing

    response = client.post(invitation.get_accept_url(), follow=True)
    assert "Welkom bij Partner A" in response.content.decode()
    assert Membership.objects.get(user=person).partner == partner_a


def test_invitation_for_someone_else_does_not_touch_the_logged_in_account(client, partner_a, staff_b):
    invitation = InvitationFactory(partner=partner_a, email="nieuw@partner-a.example")
    client.force_login(staff_b)

    response = client.get(invitation.get_accept_url())

    assert response.status_code == HTTPStatus.CONFLICT
    assert "ander e-mailadres" in response.content.decode()
    assert list(Membership.objects.filter(user=staff_b).values_list("partner__name", flat=True)) == ["Partner B"]
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_member_of_another_partner_cannot_accept(partner_a, staff_b):
    invitation = Invitation.objects.create(partner=partner_a, email=staff_b.email)
    with pytest.raises(invitations.InvitationError, match="andere partner"):
        invitations.accept(invitation, staff_b)
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert Membership.objects.filter(user=staff_b).count() == 1


def test_revoke_stops_the_link(client, partner_a):
    invitation = InvitationFactory(partner=partner_a)
    invitations.revoke(invitation)
    assert client.get(invitation.get_accept_url()).status_code == HTTPStatus.GONE
    with pytest.raises(invitations.InvitationError):
        invitations.resend(invitation)


def test_accepting_as_manager_promotes_an_existing_member(partner_a, staff_a):
    invitation = Invitation.objects.create(partner=partner_a, email=staff_a.email, role=Role.MANAGER)
    invitations.accept(invitation, staff_a)
    assert Membership.objects.current().get(user=staff_a).role == Role.MANAGER


def test_removed_member_can_be_invited_back_and_keeps_history(partner_a, manager_a):
    old = MembershipFactory(partner=partner_a, user=UserFactory(email="terug@partner-a.example"))
    old.ended_at = timezone.now()
    old.save()
    invitation = invitations.invite(partner_a, "terug@partner-a.example", Role.STAFF, manager_a)
    invitations.accept(invitation, old.user)
    assert Membership.objects.filter(user=old.user).count() == 2
    assert Membership.objects.current().filter(user=old.user).count() == 1


def test_a_nul_byte_in_the_link_is_not_found_not_a_crash(client, db):
    response = client.get("/uitnodiging/abc%00def/")
    assert response.status_code == HTTPStatus.NOT_FOUND
