"""End-to-end journeys a partner's people take in a real browser."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from partners.models import Invitation, Membership, Role
from tests.browser.pages import log_in

PASSWORD = "Partnerportaal-2026"
MANAGER_EMAIL = "beheerder@partner-a.example"
NEW_EMAIL = "nieuw@partner-a.example"
NEW_PASSWORD = "Zonnige-Dinsdag-4812"


def invite_colleague(page, email, role_label):
    # Django's labels end in a colon; anchor the names so "Rol" does not also match "Rol van <member>".
    page.get_by_label(re.compile(r"^E-mailadres:?$")).fill(email)
    page.get_by_label(re.compile(r"^Rol:?$")).select_option(label=role_label)
    page.get_by_role("button", name="Uitnodiging versturen").click()


def expect_dashboard_of_partner_a(page, base_url):
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("main")).to_contain_text("Je werkt hier als medewerker voor Partner A.")


def test_manager_invites_colleague_who_signs_up_and_logs_in_again(
    portal, partner_a, manager_a, page, new_context, accept_path
):
    """A manager invites a colleague, who signs up through the emailed link, joins the team and can log in again."""
    log_in(page, portal, MANAGER_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{portal}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Team").click()
    expect(page).to_have_url(f"{portal}/team/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Team van Partner A")

    invite_colleague(page, NEW_EMAIL, "medewerker")
    expect(page).to_have_url(f"{portal}/team/")
    expect(page.get_by_role("status")).to_contain_text(f"Uitnodiging verstuurd naar {NEW_EMAIL}.")
    open_invitations = page.get_by_role("region", name="Openstaande uitnodigingen")
    expect(open_invitations.get_by_role("row", name=NEW_EMAIL)).to_contain_text("medewerker")

    invitee = new_context().new_page()
    invitee.goto(portal + accept_path(NEW_EMAIL))
    expect(invitee).to_have_url(f"{portal}/account/signup/")
    expect(invitee.get_by_role("main")).to_contain_text("Je bent uitgenodigd voor het team van Partner A.")
    email = invitee.locator("input[name=email]")
    expect(email).to_have_value(NEW_EMAIL)
    expect(email).to_be_disabled()
    invitee.locator("input[name=first_name]").fill("Noor")
    invitee.locator("input[name=last_name]").fill("Visser")
    invitee.locator("input[name=password1]").fill(NEW_PASSWORD)
    invitee.locator("input[name=password2]").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Account aanmaken").click()

    expect_dashboard_of_partner_a(invitee, portal)
    expect(invitee.get_by_role("heading", level=1)).to_contain_text("Noor")

    invitee.get_by_role("button", name="Uitloggen").click()
    expect(invitee).to_have_url(re.compile(re.escape(f"{portal}/account/login/")))
    expect(invitee.get_by_role("button", name="Uitloggen")).to_have_count(0)
    log_in(invitee, portal, NEW_EMAIL, NEW_PASSWORD)
    expect_dashboard_of_partner_a(invitee, portal)

    page.reload()
    expect(page.get_by_role("row", name="Noor Visser")).to_contain_text("medewerker")
    expect(open_invitations).to_contain_text("Er staan geen uitnodigingen open.")
    invitee.goto(portal + accept_path(NEW_EMAIL))
    expect(invitee.get_by_role("alert")).to_have_text("Deze uitnodiging is al gebruikt. Log in met je account.")

    user = get_user_model().objects.get(email=NEW_EMAIL)
    assert (user.first_name, user.last_name) == ("Noor", "Visser")
    memberships = Membership.objects.filter(user=user)
    assert [(m.partner, m.role) for m in memberships] == [(partner_a, Role.STAFF)]
    invitation = Invitation.objects.get(email=NEW_EMAIL)
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == user


def test_signup_with_unregistered_domain_is_refused(portal, page):
    """Someone outside every partner cannot make an account and keeps what they typed."""
    page.goto(f"{portal}/account/signup/")
    page.locator("input[name=email]").fill("iemand@onbekend.example")
    page.locator("input[name=first_name]").fill("Iemand")
    page.locator("input[name=last_name]").fill("Anders")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Account aanmaken").click()

    expect(page.get_by_role("main")).to_contain_text(
        "Aanmelden kan alleen met een e-mailadres van een aangesloten partner"
    )
    expect(page).to_have_url(f"{portal}/account/signup/")
    expect(page.locator("input[name=email]")).to_have_value("iemand@onbekend.example")
    expect(page.locator("input[name=first_name]")).to_have_value("Iemand")
    expect(page.locator("input[name=last_name]")).to_have_value("Anders")
    assert not get_user_model().objects.filter(email="iemand@onbekend.example").exists()


def test_first_tab_on_login_page_reaches_skip_link(portal, page):
    """Keyboard users can jump past the header: the first Tab lands on the skip link, Enter moves to the content."""
    page.goto(f"{portal}/account/login/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def test_team_invite_works_without_javascript(portal, manager_a, new_context, mailoutbox):
    """With JavaScript off a manager can still log in and invite a colleague."""
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, portal, MANAGER_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{portal}/")
    page.goto(f"{portal}/team/")
    invite_colleague(page, NEW_EMAIL, "beheerder")
    expect(page.get_by_role("status")).to_contain_text(f"Uitnodiging verstuurd naar {NEW_EMAIL}.")
    assert [message.to for message in mailoutbox] == [[NEW_EMAIL]]
    assert Invitation.objects.get(email=NEW_EMAIL).role == Role.MANAGER
