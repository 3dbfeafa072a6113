"""The teksttoets journey: partner staff find the writing guide, paste a mixed text and see every outlier marked."""

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.pages import log_in
from voice.demo import WORD_RULES, guide_body
from voice.factories import guide, word_rule
from voice.models import TextCheck

# Set SCREENSHOTS_DIR to keep a full-page screenshot of the result for a human to look at.
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR")
PASSWORD = "Partnerportaal-2026"
STAFF_EMAIL = "medewerker@partner-a.example"
MIXED_TEXT = (
    "Beste mevrouw Jansen,\n\n"
    "Heeft u vragen over uw polis? Bel je adviseur gerust. Wij verzoeken u het formulier te retourneren.\n\n"
    "Met vriendelijke groet"
)


def check_text(page, text):
    page.get_by_label("Tekst", exact=True).fill(text)
    page.get_by_role("button", name="Toets de tekst").click()


def test_staff_check_a_mixed_text_and_see_the_outliers_with_suggestions(
    portal, home_page, partner_a, staff_a, page, new_context
):
    for phrase, replacements, reason, severity in WORD_RULES:
        word_rule(phrase, replacements, reason=reason, severity=severity)
    writing_guide = guide(home_page, body=guide_body())

    # From the dashboard to the teksttoets; the guide is in the main navigation.
    log_in(page, portal, STAFF_EMAIL, PASSWORD)
    expect(
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Schrijfwijzer")
    ).to_have_attribute("href", writing_guide.url)
    page.get_by_role("link", name="Naar de teksttoets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksttoets")
    expect(page.get_by_label("u (formeel)")).to_be_checked()  # the brand's form for this partner

    check_text(page, MIXED_TEXT)
    result = page.get_by_role("region", name="Uitkomst")
    expect(result).to_contain_text("Deze tekst gebruikt ‘u’ en ‘jij’ door elkaar; getoetst op ‘u’.")
    # The outlier is marked in place and links to its point in the list, which gives the suggestion.
    marks = result.locator("mark")
    expect(marks).to_have_count(3)
    outlier = result.locator("mark.finding--error")
    expect(outlier).to_have_count(1)
    expect(outlier.get_by_role("link")).to_have_accessible_name("je (punt 1: fout)")
    points = result.get_by_role("list").last.get_by_role("listitem")
    expect(points).to_have_count(3)
    expect(points.nth(0)).to_contain_text("‘je’ regel 3, teken 35")
    expect(points.nth(0)).to_contain_text("In een tekst met ‘u’ hoort ‘uw’, niet ‘je’. Voorstel: uw")
    expect(points.nth(1)).to_contain_text("Vermijd ‘Wij verzoeken u’: Vraag het gewoon. Voorstel: wilt u")
    expect(points.nth(2)).to_contain_text("Voorstel: terugsturen")
    outlier.get_by_role("link").click()
    expect(page).to_have_url(f"{portal}/teksttoets/#punt-1")
    if SCREENSHOTS_DIR:
        page.screenshot(path=Path(SCREENSHOTS_DIR) / "teksttoets.png", full_page=True)
    assert TextCheck.objects.filter(user=staff_a, detected="mixed", errors=1, warnings=2).count() == 1

    # Without JavaScript the same plain form post does the same.
    no_js = new_context(java_script_enabled=False).new_page()
    log_in(no_js, portal, STAFF_EMAIL, PASSWORD)
    no_js.goto(f"{portal}/teksttoets/")
    check_text(no_js, "Kun je ons even bellen? Dan helpen we u verder.")
    result = no_js.get_by_role("region", name="Uitkomst")
    expect(result).to_contain_text("getoetst op ‘u’")
    expect(result.get_by_role("list").last).to_contain_text(
        "In een tekst met ‘u’: ‘kunt u’ in plaats van ‘kun je’. Voorstel: u"
    )

    # A text that follows the guide gets no points at all.
    check_text(no_js, "Heeft u vragen? Bel ons gerust, dan helpen we u graag.")
    expect(no_js.get_by_role("region", name="Uitkomst")).to_contain_text(
        "Geen opmerkingen: de tekst volgt de schrijfwijzer."
    )
