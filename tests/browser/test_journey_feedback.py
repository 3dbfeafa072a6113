"""Closing the loop: a customer rates a partner's step through its link, the partner's manager sees the NPS move,
the brand team records what it did about it, and the partner sees that on the journey and the dashboard."""

import re

from playwright.sync_api import expect

from journeys.factories import journey, journey_index, step
from journeys.models import FeedbackResponse, ImprovementAction
from tests.browser.pages import log_in
from tests.browser.test_materials import BRAND_EMAIL, log_in_with_code, screenshot

PASSWORD = "Partnerportaal-2026"
MANAGER_EMAIL = "beheerder@partner-a.example"
SAID = "Klanten hoorden na de melding dagen niets."
DID = "De hersteller belt nu binnen een werkdag na de melding."


def nps_of(page, step_name):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=step_name))


def rate(context, url, score, comment=""):
    """An anonymous customer, without JavaScript, answers the NPS question on the partner's link."""
    customer = context.new_page()
    customer.goto(url)
    expect(customer.get_by_role("heading", level=1)).to_have_text("Herstel")
    scale = customer.get_by_role("group", name=re.compile("Hoe waarschijnlijk is het dat u ons aanbeveelt"))
    scale.get_by_role("radio", name=str(score), exact=True).check()
    if comment:
        customer.get_by_label("Wilt u uw score toelichten? (niet verplicht)").fill(comment)
    customer.get_by_role("button", name="Verstuur").click()
    expect(customer.get_by_role("heading", level=1)).to_have_text("Bedankt!")
    expect(customer.locator("blockquote")).to_contain_text("Binnen een werkdag een afspraak")
    customer.close()


def test_a_customer_rates_a_step_the_manager_sees_the_nps_and_the_brand_records_what_it_did(
    portal, home_page, partner_a, manager_a, brand_team, with_mfa, settings, page, browser, new_context
):
    settings.MFA_TOTP_TOLERANCE = 1
    kind = partner_a.kinds.first()
    car = journey(
        journey_index(home_page),
        "Autoschade",
        steps=[
            step("Schade melden", handover="Dossiernummer en foto's."),
            step("Herstel", owner=kind, promise="Binnen een werkdag een afspraak, en de auto op tijd terug."),
            step("Afhandeling"),
        ],
        audiences=[kind],
    )

    # The manager finds the journey, their own step marked, and the link for customers.
    log_in(page, portal, MANAGER_EMAIL, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Klantreizen").click()
    page.get_by_role("link", name=re.compile("^Autoschade")).click()
    own = page.locator(".journey-step--own")
    expect(own).to_have_count(1)
    expect(own).to_contain_text("jouw stap")
    expect(own).to_contain_text("nog geen antwoorden")
    expect(page.locator(".journey-handover--mine")).to_contain_text("Dossiernummer en foto's.")
    own.get_by_text("Feedbacklink en QR-code voor klanten").click()
    link = own.get_by_label("Link").input_value()
    assert re.fullmatch(rf"{re.escape(portal)}/f/[a-z2-9]{{8}}/", link)
    expect(own.get_by_role("img", name=re.compile("^QR-code naar"))).to_be_visible()

    # Two customers answer, without logging in and without JavaScript.
    customers = browser.new_context(java_script_enabled=False)
    rate(customers, link, 9, "Netjes op tijd klaar.")
    page.goto(f"{portal}/klantreizen/nps/")
    expect(nps_of(page, "Herstel")).to_contain_text("100")
    rate(customers, link, 3, "Niemand belde me terug.")
    page.reload()
    row = nps_of(page, "Herstel")
    expect(row.get_by_role("cell").nth(1)).to_have_text("0")  # one promoter, one detractor
    expect(row.get_by_role("cell").nth(2)).to_have_text("2")
    expect(page.get_by_role("region", name="Om op te volgen: lage scores en opmerkingen")).to_contain_text(
        "Niemand belde me terug."
    )
    customers.close()
    assert FeedbackResponse.objects.filter(partner=partner_a).count() == 2

    # The brand team records the month's improvement, linked to that comment.
    with_mfa(brand_team)
    brand = new_context().new_page()
    log_in_with_code(brand, portal, BRAND_EMAIL)
    brand.goto(f"{portal}/admin/journeys/improvementaction/new/")
    brand.get_by_role("textbox", name="Maand").fill("2026-12-01")
    brand.get_by_role("combobox", name="Stap").select_option(label="Autoschade · Herstel")
    brand.get_by_role("textbox", name="Wat klanten zeiden").fill(SAID)
    brand.get_by_role("textbox", name="Wat we deden").fill(DID)
    brand.get_by_role("checkbox", name=re.compile("Niemand belde me terug")).check()
    brand.get_by_role("button", name="Toevoegen").click()
    expect(brand.get_by_text(re.compile("aangemaakt|toegevoegd"))).to_be_visible()
    action = ImprovementAction.objects.get()
    assert action.journey_id == car.pk
    assert [answer.comment for answer in action.feedback.all()] == ["Niemand belde me terug."]

    # The partner sees it on the journey and on the dashboard.
    page.goto(car.full_url if car.full_url.startswith(portal) else f"{portal}{car.url}")
    actions = page.get_by_role("region", name="Jullie zeiden, wij deden")
    expect(actions).to_contain_text(SAID)
    expect(actions).to_contain_text(DID)
    page.goto(f"{portal}/")
    expect(page.get_by_role("region", name="Klantreizen")).to_contain_text(DID)
    screenshot(page, "journeys-dashboard.png")
