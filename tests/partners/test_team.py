"""The team page: a manager sees and manages their own partner's people, nobody else's."""

from http import HTTPStatus

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.factories import UserFactory
from partners.factories import InvitationFactory, MembershipFactory
from partners.models import Invitation, Membership, Role

User = get_user_model()


@pytest.fixture
def manager_client(client, manager_a, home_page):
    client.force_login(manager_a)
    return client


def test_team_lists_own_members_with_details(manager_client, manager_a, staff_a, staff_b):
    page = manager_client.get("/team/").content.decode()
    assert staff_a.email in page
    assert staff_a.get_full_name() in page
    assert "medewerker" in page and "beheerder" in page
    assert "nog niet" in page  # staff_a never logged in
    assert staff_b.email not in page


def test_team_leaves_out_removed_members(manager_client, partner_a):
    gone = MembershipFactory(partner=partner_a, user=UserFactory(email="weg@partner-a.example"))
    manager_client.post(f"/team/leden/{gone.pk}/verwijderen/")
    assert "weg@partner-a.example" not in manager_client.get("/team/").content.decode()


def test_invite_from_the_team_page(manager_client, partner_a):
    response = manager_client.post("/team/uitnodigen/", {"email": " Collega@Partner-A.example ", "role": "manager"})
    assert response.status_code == HTTPStatus.FOUND
    invitation = Invitation.objects.get()
    assert (invitation.partner, invitation.email, invitation.role) == (
        partner_a,
        "collega@partner-a.example",
        "manager",
    )
    assert len(mail.outbox) == 1
    page = manager_client.get("/team/").content.decode()
    assert "Uitnodiging verstuurd naar collega@partner-a.example" in page
    assert "collega@partner-a.example" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "role": "staff"}, "Vul een e-mailadres in."),
        ({"email": "geen-adres", "role": "staff"}, "Vul een geldig e-mailadres in"),
        ({"email": ("a" * 250) + "@partner-a.example", "role": "staff"}, "hoogstens 254 tekens"),
        ({"email": "ok@partner-a.example", "role": "baas"}, "Selecteer een geldige keuze"),
        ({"email": "medewerker@partner-b.example", "role": "staff"}, "hoort al bij een andere partner"),
        ({"email": "iemand@partner-b.example", "role": "staff"}, "geregistreerd door een andere partner"),
    ],
    ids=["empty", "malformed", "too-long", "bad-role", "other-partners-member", "other-partners-domain"],
)
def test_bad_invitations_explain_keep_input_and_write_nothing(manager_client, staff_b, data, message):
    response = manager_client.post("/team/uitnodigen/", data)
    page = response.content.decode()
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert message in page
    if data["email"] and len(data["email"]) < 100:
        assert f'value="{data["email"]}"' in page
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_resend_and_revoke_from_the_team_page(manager_client, partner_a):
    invitation = InvitationFactory(partner=partner_a, email="wacht@partner-a.example")
    old_token = invitation.token

    manager_client.post(f"/team/uitnodigingen/{invitation.pk}/opnieuw/")
    invitation.refresh_from_db()
    assert invitation.token != old_token
    assert mail.outbox[0].to == ["wacht@partner-a.example"]

    manager_client.post(f"/team/uitnodigingen/{invitation.pk}/intrekken/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "Er staan geen uitnodigingen open." in manager_client.get("/team/").content.decode()


def test_change_role(manager_client, staff_a):
    membership = Membership.objects.get(user=staff_a)
    manager_client.post(f"/team/leden/{membership.pk}/rol/", {"role": "manager"})
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


def test_invalid_role_changes_nothing(manager_client, staff_a):
    membership = Membership.objects.get(user=staff_a)
    response = manager_client.post(f"/team/leden/{membership.pk}/rol/", {"role": "baas"}, follow=True)
    assert "Kies een geldige rol." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.STAFF


def test_the_last_manager_stays_a_manager(client, partner_a):
    only = MembershipFactory(partner=partner_a, role=Role.MANAGER)
    other = MembershipFactory(partner=partner_a, role=Role.MANAGER)
    client.force_login(other.user)
    client.post(f"/team/leden/{only.pk}/rol/", {"role": "staff"})
    only.refresh_from_db()
    assert only.role == Role.STAFF
    client.force_login(only.user)
    response = client.post(f"/team/leden/{other.pk}/rol/", {"role": "staff"}, follow=True)
    assert "minstens één beheerder" not in response.content.decode()  # staff cannot act at all
    assert response.status_code == HTTPStatus.FORBIDDEN
    other.refresh_from_db()
    assert other.role == Role.MANAGER


def test_a_manager_cannot_demote_themselves_as_the_only_manager(manager_client, manager_a):
    membership = Membership.objects.get(user=manager_a)
    response = manager_client.post(f"/team/leden/{membership.pk}/rol/", {"role": "staff"}, follow=True)
    assert "minstens één beheerder" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.MANAGER


def test_remove_ends_the_membership_and_keeps_history(manager_client, staff_a):
    membership = Membership.objects.get(user=staff_a)
    response = manager_client.post(f"/team/leden/{membership.pk}/verwijderen/", follow=True)
    assert "is uit het team verwijderd" in response.content.decode()
    membership.refresh_from_db()
    assert membership.ended_at is not None
    assert User.objects.filter(pk=staff_a.pk).exists()


def test_a_manager_cannot_remove_themselves(manager_client, manager_a):
    membership = Membership.objects.get(user=manager_a)
    manager_client.post(f"/team/leden/{membership.pk}/verwijderen/")
    membership.refresh_from_db()
    assert membership.ended_at is None


def test_another_partners_people_and_invitations_do_not_exist(manager_client, staff_b, partner_b):
    membership = Membership.objects.get(user=staff_b)
    invitation = InvitationFactory(partner=partner_b)
    for url in (
        f"/team/leden/{membership.pk}/verwijderen/",
        f"/team/leden/{membership.pk}/rol/",
        f"/team/uitnodigingen/{invitation.pk}/intrekken/",
        f"/team/uitnodigingen/{invitation.pk}/opnieuw/",
    ):
        assert manager_client.post(url, {"role": "manager"}).status_code == HTTPStatus.NOT_FOUND
    membership.refresh_from_db()
    invitation.refresh_from_db()
    assert membership.ended_at is None and membership.role == Role.STAFF
    assert invitation.revoked_at is None


def test_deactivated_partner_shows_a_message_instead_of_the_team(manager_client, partner_a):
    partner_a.is_active = False
    partner_a.save()
    response = manager_client.get("/team/")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "Je organisatie is niet meer actief" in response.content.decode()


def add_members(partner, count):
    users = User.objects.bulk_create(
        [User(email=f"lid{i}@{partner.slug}.example", first_name="Lid", last_name=str(i)) for i in range(count)]
    )
    Membership.objects.bulk_create([Membership(user=user, partner=partner) for user in users])


@pytest.mark.parametrize("size", [5, 500])
def test_team_page_query_budget(manager_client, partner_a, django_assert_max_num_queries, size):
    add_members(partner_a, size)
    InvitationFactory.create_batch(3, partner=partner_a)
    with django_assert_max_num_queries(10):
        response = manager_client.get("/team/")
    assert response.status_code == HTTPStatus.OK
    assert "lid1@partner-a.example" in response.content.decode()
