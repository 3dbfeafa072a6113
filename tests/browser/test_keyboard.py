"""The core journeys of partner staff with the keyboard alone: no clicks, focus moves only by Tab and Shift+Tab."""

import re

import pytest
from playwright.sync_api import expect

from materials.factories import library, material
from materials.models import Download
from tools.demo import intake_checklist
from tools.factories import tool_index
from tools.models import ChecklistRun
from training.factories import academy, lesson, module, question
from training.models import Completion
from voice.demo import WORD_RULES, guide_body
from voice.factories import guide, word_rule

PASSWORD = "Partnerportaal-2026"
STAFF_EMAIL = "medewerker@partner-a.example"
PROMISE = "Wat beloven we een klant die ons mailt?"
PROMISE_RIGHT = "Antwoord binnen één werkdag"
HAND_OVER = "Je draagt een klant pas over als de volgende partner het dossier heeft bevestigd."
RUN_LABEL = "Intake aan de balie"
MIXED_TEXT = "Beste mevrouw Jansen,\nHeeft u vragen over uw polis? Bel je adviseur gerust."
# How the focused element presents itself in a failure message, and whether focus shows on screen.
DESCRIBE_FOCUS = """() => {
    const element = document.activeElement;
    const name = element.getAttribute('aria-label') || element.innerText || element.value || element.name || '';
    return `<${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}> ${name.trim().slice(0, 40)}`;
}"""
FOCUS_IS_VISIBLE = """() => {
    const style = getComputedStyle(document.activeElement);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return outline || style.boxShadow !== 'none';
}"""


def has_focus(target):
    return target.evaluate("element => element === document.activeElement")


def tab_to(page, target, *, key="Tab", limit=60):
    """Press Tab (or Shift+Tab) until the target has focus, and see that the focus shows; fail if it never comes."""
    expect(target).to_have_count(1)
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        if has_focus(target):
            assert page.evaluate(FOCUS_IS_VISIBLE), f"no visible focus indicator on {page.evaluate(DESCRIBE_FOCUS)}"
            return
        passed.append(page.evaluate(DESCRIBE_FOCUS))
    pytest.fail(f"{target} never had focus after {limit} × {key}; focus went: " + " → ".join(passed), pytrace=False)


def follow(page, target, *, key="Tab"):
    """Tab to a link or button and press Enter."""
    tab_to(page, target, key=key)
    page.keyboard.press("Enter")


def main_menu(page, name):
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True)


def choose_by_arrows(page, group_name, answer):
    """Tab into a radio group (on its first choice), then arrow down to the answer: arrows move and choose."""
    group = page.get_by_role("group", name=re.compile(re.escape(group_name)))
    radios = group.get_by_role("radio")
    tab_to(page, radios.first)
    target = group.get_by_role("radio", name=answer, exact=True)
    for _ in range(radios.count()):
        if has_focus(target):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")  # the first choice is focused, not yet chosen, when it is the answer
    expect(target).to_be_checked()


def skip_to_content(page):
    """The first Tab lands on a visible skip link; Enter puts focus on the main content, the next Tab inside it."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), (
        f"after the skip link, Tab went to {page.evaluate(DESCRIBE_FOCUS)}, outside the main content"
    )


def log_in_by_keyboard(page, base_url):
    page.goto(f"{base_url}/account/login/")
    skip_to_content(page)
    email = page.get_by_role("textbox", name=re.compile("^E-mail"))
    expect(email).to_be_focused()  # the first field comes right after the skip link's jump
    page.keyboard.type(STAFF_EMAIL)
    tab_to(page, page.get_by_label(re.compile("^Wachtwoord:?$")))
    page.keyboard.type(PASSWORD)
    tab_to(page, email, key="Shift+Tab")  # back to check the address, as people do
    expect(email).to_have_value(STAFF_EMAIL)
    follow(page, page.get_by_role("button", name="Inloggen", exact=True))
    expect(page).to_have_url(f"{base_url}/")


def pass_the_module(page, base_url, promise):
    skip_to_content(page)  # past the header's menu, to the dashboard itself
    follow(page, main_menu(page, "Academie"), key="Shift+Tab")  # and back up to the menu
    expect(page.get_by_role("heading", level=1)).to_have_text("Academie")
    required = page.get_by_role("region", name="Verplicht voor jou")
    follow(page, required.get_by_role("link", name="Onze belofte", exact=True))
    expect(page).to_have_url(f"{base_url}{promise.url}")
    follow(page, page.get_by_role("link", name="Begin met de eerste les"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat we beloven")
    tab_to(page, page.get_by_role("button", name="Gelezen, naar de toets"))
    page.keyboard.press("Space")  # a button answers Space as well as Enter
    expect(page.get_by_role("heading", level=1)).to_have_text("Toets: Onze belofte")
    choose_by_arrows(page, PROMISE, PROMISE_RIGHT)
    choose_by_arrows(page, HAND_OVER, "Waar")
    follow(page, page.get_by_role("button", name="Toets inleveren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Geslaagd!")
    follow(page, page.get_by_role("link", name="Mijn certificaten"))
    expect(page).to_have_url(f"{base_url}/certificaten/")
    expect(page.get_by_role("main")).to_contain_text("Onze belofte")


def download_a_material(page, base_url, folder):
    follow(page, main_menu(page, "Bibliotheek"))
    follow(page, page.get_by_role("main").get_by_role("link", name="Folder Woonverzekering", exact=True))
    expect(page).to_have_url(f"{base_url}{folder.url}")
    tab_to(page, page.get_by_role("link", name="Downloaden", exact=True))
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    assert download_info.value.suggested_filename.endswith(".pdf")


def run_a_checklist(page, base_url, checklist):
    follow(page, main_menu(page, "Hulpmiddelen"))
    follow(page, page.get_by_role("region", name="Checklists").get_by_role("link"))
    expect(page).to_have_url(f"{base_url}{checklist.url}")
    tab_to(page, page.get_by_role("textbox", name="Korte omschrijving"))
    page.keyboard.type(RUN_LABEL)
    page.keyboard.press("Enter")  # Enter in a form's only text field sends it
    expect(page.get_by_role("heading", level=1)).to_have_text(RUN_LABEL)
    for item in checklist.items():
        if item.required:
            tab_to(page, page.get_by_role("checkbox", name=item.text, exact=True))
            page.keyboard.press("Space")
    follow(page, page.get_by_role("button", name="Opslaan", exact=True))
    expect(page.get_by_role("status")).to_have_text(
        "Opgeslagen. Alle verplichte punten zijn afgevinkt: de checklist is af."
    )


def check_a_text(page, base_url):
    follow(page, main_menu(page, "Schrijfwijzer"))
    follow(page, page.get_by_role("link", name="Toets een tekst"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Teksttoets")
    tab_to(page, page.get_by_role("textbox", name="Tekst", exact=True))
    page.keyboard.type(MIXED_TEXT)  # its line break is typed with Enter, which stays in the text area
    follow(page, page.get_by_role("button", name="Toets de tekst"))
    result = page.get_by_role("region", name="Uitkomst")
    expect(result).to_contain_text("Deze tekst gebruikt ‘u’ en ‘jij’ door elkaar; getoetst op ‘u’.")
    follow(page, result.get_by_role("link", name="je (punt 1: fout)"))
    expect(page).to_have_url(re.compile("#punt-1$"))


def test_staff_do_the_core_journeys_with_the_keyboard_alone(portal, home_page, partner_a, staff_a, page):
    """Log in, pass a module, see the certificate, download a material, run a checklist and check a text by keys."""
    promise = module(
        academy(home_page),
        "Onze belofte",
        required_for_staff=True,
        lessons=[lesson("Wat we beloven")],
        quiz=[
            question(PROMISE, [("Antwoord wanneer het uitkomt", False), (PROMISE_RIGHT, True)]),
            question(HAND_OVER, [("Waar", True), ("Niet waar", False)], kind="true_false"),
        ],
    )
    folder = material(library(home_page), "Folder Woonverzekering")
    checklist = intake_checklist(tool_index(home_page))
    for phrase, replacements, reason, severity in WORD_RULES:
        word_rule(phrase, replacements, reason=reason, severity=severity)
    guide(home_page, body=guide_body())

    log_in_by_keyboard(page, portal)
    pass_the_module(page, portal, promise)
    download_a_material(page, portal, folder)
    run_a_checklist(page, portal, checklist)
    check_a_text(page, portal)

    assert Completion.objects.filter(user=staff_a, module=promise).exists()
    assert Download.objects.filter(user=staff_a, material=folder).exists()
    assert ChecklistRun.objects.get(user=staff_a, label=RUN_LABEL).completed_at is not None
