"""The brand team manages partners, kinds, memberships and invitations in the Wagtail admin."""

from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse

from partners.factories import InvitationFactory, PartnerFactory
from partners.models import Invitation, Partner, Role


@pytest.fixture
def editor(client, admin_user, login_with_mfa, home_page):
    return login_with_mfa(client, admin_user)


def admin_url(model, action, *args):
    return reverse(f"wagtailsnippets_partners_{model}:{action}", args=args)


def test_brand_team_invites_a_manager_and_the_email_goes_out(editor, partner_a):
    response = editor.post(
        admin_url("invitation", "add"),
        {"partner": partner_a.pk, "email": " Chef@Partner-A.example ", "role": Role.MANAGER},
    )
    assert response.status_code == HTTPStatus.FOUND
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.partner) == ("chef@partner-a.example", "manager", partner_a)
    assert mail.outbox[0].to == ["chef@partner-a.example"]


def test_admin_refuses_an_address_that_belongs_to_another_partner(editor, partner_a, staff_b):
    response = editor.post(
        admin_url("invitation", "add"), {"partner": partner_a.pk, "email": staff_b.email, "role": Role.MANAGER}
    )
    assert response.status_code == HTTPStatus.OK
    assert "hoort al bij een andere partner" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_made_meanwhile_is_refused_with_a_message(editor, partner_a, monkeypatch):
    """Validation passed, then someone else invited the address before this one was saved."""
    from partners import admin_views, invitations

    def raced(*args):
        raise invitations.InvitationError("Voor dit adres staat al een uitnodiging open.")

    monkeypatch.setattr(admin_views.invitations, "invite", raced)

    response = editor.post(
        admin_url("invitation", "add"), {"partner": partner_a.pk, "email": "nieuw@partner-a.example", "role": "staff"}
    )

    assert response.status_code == HTTPStatus.OK
    assert "Voor dit adres staat al een uitnodiging open." in response.content.decode()
    assert not Invitation.objects.exists()


def test_admin_resend_and_revoke(editor, partner_a):
    invitation = InvitationFactory(partner=partner_a, email="chef@partner-a.example")
    token = invitation.token
    assert editor.get(admin_url("invitation", "resend", invitation.pk)).status_code == HTTPStatus.OK
    editor.post(admin_url("invitation", "resend", invitation.pk))
    invitation.refresh_from_db()
    assert invitation.token != token and len(mail.outbox) == 1

    editor.post(admin_url("invitation", "revoke", invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_listing_shows_resend_and_revoke_for_open_invitations(editor, partner_a):
    invitation = InvitationFactory(partner=partner_a)
    page = editor.get(admin_url("invitation", "list")).content.decode()
    assert admin_url("invitation", "resend", invitation.pk) in page
    assert admin_url("invitation", "revoke", invitation.pk) in page


def test_partner_listing_search_and_filters(editor, partner_a, partner_b, kind_courier):
    PartnerFactory(name="Gestopt BV", is_active=False)
    page = editor.get(admin_url("partner", "list"), {"q": "Partner A"}).content.decode()
    assert "Partner A" in page and "Partner B" not in page
    page = editor.get(admin_url("partner", "list"), {"kinds": kind_courier.pk}).content.decode()
    assert "Partner B" in page and "Partner A" not in page
    page = editor.get(admin_url("partner", "list"), {"is_active": "false"}).content.decode()
    assert "Gestopt BV" in page and "Partner A" not in page


def test_create_partner_with_email_domains(editor, kind_courier):
    data = {
        "name": "Snel Koeriers",
        "slug": "snel-koeriers",
        "kinds": [kind_courier.pk],
        "is_active": "on",
        "email_domains-TOTAL_FORMS": "1",
        "email_domains-INITIAL_FORMS": "0",
        "email_domains-MIN_NUM_FORMS": "0",
        "email_domains-MAX_NUM_FORMS": "1000",
        "email_domains-0-domain": "@Snel-Koeriers.example",
        "email_domains-0-ORDER": "1",
        "email_domains-0-id": "",
        "email_domains-0-DELETE": "",
    }
    response = editor.post(admin_url("partner", "add"), data)
    assert response.status_code == HTTPStatus.FOUND
    partner = Partner.objects.get(slug="snel-koeriers")
    assert list(partner.email_domains.values_list("domain", flat=True)) == ["snel-koeriers.example"]


def test_membership_listing_filters_by_partner(editor, staff_a, staff_b, partner_a):
    page = editor.get(admin_url("membership", "list"), {"partner": partner_a.pk}).content.decode()
    assert staff_a.email in page or str(staff_a) in page
    assert str(staff_b) not in page


def test_wagtail_user_admin_works_with_email_logins(editor, staff_a):
    assert staff_a.email in editor.get("/admin/users/").content.decode()
    assert editor.get(f"/admin/users/edit/{staff_a.pk}/").status_code == HTTPStatus.OK
    # Accounts come only from invitations and domain signup, never from a password typed in the admin.
    assert editor.get("/admin/users/add/").status_code == HTTPStatus.NOT_FOUND
