"""The editor's content checks: the brand team edits a page that mixes "u" and "je" and the Checks panel says so."""

import pytest
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from home.models import StandardPage
from tests.browser.test_materials import BRAND_EMAIL, log_in_with_code, screenshot

MIXED = "Heeft u vragen? Bel je adviseur."
FIXED = "Heeft u vragen? Bel uw adviseur."


def test_the_checks_panel_reports_u_and_je_mixed_on_the_previewed_page(
    portal, home_page, brand_team, with_mfa, settings, page
):
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed at the end of its 30 seconds still counts
    # The live server's threads share one SQLite connection: no autosave or editing-session ping beside the preview.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    with_mfa(brand_team)
    contact = home_page.add_child(
        instance=StandardPage(
            title="Contact",
            slug="contact",
            introduction="Wij helpen u graag verder.",
            body=[("paragraph", RichText(f"<p>{MIXED}</p>"))],
        )
    )

    axe_results = []
    page.on("console", lambda message: axe_results.append(message) if message.text.startswith("axe.run") else None)
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; });")
    log_in_with_code(page, portal, BRAND_EMAIL)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{portal}/admin/pages/{contact.pk}/edit/")
    page.get_by_role("button", name="Checks aan/uitzetten").click()

    checks = page.locator('[data-side-panel="checks"]')
    expect(checks.locator("[data-checks-panel]")).to_contain_text("‘u’ en ‘je’ door elkaar", timeout=20_000)
    expect(checks).to_contain_text("Deze tekst spreekt de lezer aan met ‘u’ én met ‘je’ of ‘jij’.")
    # One issue: the paragraph that holds the "je" of "Bel je adviseur".
    expect(checks.locator("[data-content-checker-count]")).to_have_text("1")
    expect(page.locator('[data-side-panel-toggle="checks"] [data-side-panel-toggle-counter]')).to_have_text("1")
    screenshot(page, "voice-editor-check.png")  # kept when SCREENSHOTS_DIR is set

    # Axe's result for that paragraph names the outlier with its Dutch message and suggestion.
    violations = axe_results[-1].args[1].json_value()
    [violation] = [violation for violation in violations if violation["id"] == "voice-address"]
    [node] = violation["nodes"]
    assert node["target"][-1].startswith("p")
    assert node["any"][0]["data"]["findings"] == [
        {"text": "je", "message": "In een tekst met ‘u’ hoort ‘uw’, niet ‘je’.", "suggestion": "uw"}
    ]

    # The editor writes "uw"; the preview updates and the issue is gone.
    # Wagtail starts watching the form for edits a moment after it loads; an edit made before then would become
    # the starting point and never reach the preview.
    # (Polled from here: wait_for_function evaluates its predicate with eval, which the admin's CSP refuses.)
    for _ in range(100):
        if page.evaluate("window.watchingEdits === true"):
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("Wagtail never started watching the form for edits")
    paragraph = page.locator(".public-DraftEditor-content").filter(has_text=MIXED)
    paragraph.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(FIXED)
    expect(checks.locator("[data-content-checker-count]")).to_have_text("0", timeout=20_000)
    expect(checks.locator("[data-checks-panel]")).not_to_contain_text("‘u’ en ‘je’ door elkaar")
