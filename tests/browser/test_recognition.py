"""Recognition end to end: the brand team raises a level's minimum in the admin, a partner drops a level, and its
manager sees the change on the dashboard, gets an email, and reads on the scorecard what is needed to get back."""

import re

from playwright.sync_api import expect

from recognition.models import LevelNotice, RecognitionLevel, Standing
from recognition.standing import refresh
from tests.browser.pages import log_in
from tests.browser.test_materials import BRAND_EMAIL, log_in_with_code, screenshot
from tests.recognition.test_views import passed
from training import factories as training_factories

PASSWORD = "Partnerportaal-2026"
MANAGER_EMAIL = "beheerder@partner-a.example"


def test_the_brand_raises_a_minimum_and_the_manager_sees_the_drop_and_what_is_needed(
    portal, home_page, partner_a, staff_a, manager_a, brand_team, with_mfa, settings, page, mailoutbox
):
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed at the end of its 30 seconds still counts
    staff_a.first_name, staff_a.last_name = "Mila", "de Vries"
    staff_a.save()
    module = training_factories.module(
        training_factories.academy(home_page), "Klantbelofte", required_for_staff=True, required_for_managers=True
    )
    passed(manager_a, module, partner_a)  # one of the two people holds the required certificate: 50
    RecognitionLevel.objects.all().delete()
    RecognitionLevel.objects.create(name="Zilver", rank=2)
    gold = RecognitionLevel.objects.create(name="Goud", rank=3, min_training=50)
    refresh()  # (saving the levels above recorded them already: each save is a refresh)
    assert Standing.objects.get(partner=partner_a).level == gold
    LevelNotice.objects.all().delete()
    mailoutbox.clear()
    with_mfa(brand_team)

    # The brand team asks every person to hold the required training for Goud.
    log_in_with_code(page, portal, BRAND_EMAIL)
    page.goto(f"{portal}/admin/snippets/recognition/recognitionlevel/edit/{gold.pk}/")
    page.get_by_role("spinbutton", name="Verplichte training", exact=True).fill("100")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Goud")
    page.context.clear_cookies()

    # Partner A's manager hears it by email and on the dashboard.
    [email] = [message for message in mailoutbox if MANAGER_EMAIL in message.to]
    assert "Jullie niveau is gewijzigd van Goud naar Zilver." in email.body
    log_in(page, portal, MANAGER_EMAIL, PASSWORD)
    section = page.get_by_role("region", name="Erkenning")
    expect(section).to_contain_text("Jullie niveau is gewijzigd van Goud naar Zilver.")
    expect(section).to_contain_text("Jullie niveau is Zilver")
    section.get_by_role("link", name="Bekijk wat nodig is").click()

    # The scorecard says what it takes to get Goud back, and who still lacks the module.
    expect(page.get_by_role("heading", level=2, name="Jullie niveau: Zilver")).to_be_visible()
    needed = page.get_by_role("region", name="Wat nodig is voor Goud")
    expect(needed).to_contain_text("Nog 1 persoon moet alle verplichte modules geldig behalen.")
    expect(needed).to_contain_text("Klantbelofte: 1 van de 2 nog niet geldig behaald")
    expect(needed).to_contain_text("Mila de Vries")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("Verplichte training")))
    expect(row).to_contain_text("1 van 2 mensen")
    expect(row).to_contain_text("nog niet")
    screenshot(page, "recognition-scorecard.png")

    # Once read, the notice can go.
    page.goto(f"{portal}/")
    page.get_by_role("button", name=re.compile("^Verbergen")).click()
    expect(page.get_by_role("region", name="Erkenning")).not_to_contain_text("gewijzigd")
