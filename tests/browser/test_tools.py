"""The tools journey: partner staff work out a premium with and without JavaScript, then run a checklist."""

import re
from pathlib import Path

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import models
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.pages import log_in
from tools.demo import intake_checklist, premium_calculator
from tools.factories import tool_index
from tools.models import ChecklistRun, ToolUse

PASSWORD = "Partnerportaal-2026"
STAFF_EMAIL = "medewerker@partner-a.example"
NBSP = "\u00a0"

CALCULATOR = "Premie woonverzekering"
CHECKLIST = "Intakegesprek woonverzekering"
RESULT_LABELS = ["Korting", "Premie per maand", "Assurantiebelasting (21%)", "Totaal per maand"]
HINT = "Vul de gegevens in; de uitkomst verschijnt hier."
FIX_HINT = "Verbeter de gemarkeerde gegevens; dan volgt de uitkomst."
NOT_A_NUMBER = "Vul een getal in, bijvoorbeeld 1250 of 12,5."
BELOW_MINIMUM = f"Vul minstens €{NBSP}50.000 in."

# Worked out by hand from the demo calculator's formulas (round() rounds half up; none of these is a tie):
#   opstal          = herbouwwaarde * 0.00055 / 12     437000 -> 20.0291666…   (300000 -> 13.75)
#   inboedel_premie = inboedel * 0.0012 / 12           83500  -> 8.35          (60000  -> 6)
#   korting         = min(0.10 if combinatie + min(jaren, 5) * 0.01 + 0.10 if eigen risico 250, 0.30) * 100
#   premie          = round((opstal + inboedel_premie) * (1 - korting / 100), 2)
#   belasting       = round(premie * 0.21, 2);  totaal = premie + belasting
# Only the rebuild value changed: 26.0291666… -> premie 26.03, belasting 5.4663 -> 5.47, totaal 31.50.
ONLY_REBUILD_VALUE = ["0%", f"€{NBSP}26,03", f"€{NBSP}5,47", f"€{NBSP}31,50"]
# Plus contents, € 250 own risk and 3 years a customer: 28.3791666… * 0.87 = 24.689875 -> 24.69;
# 24.69 * 0.21 = 5.1849 -> 5.18; 24.69 + 5.18 = 29.87.
WITH_DISCOUNTS = ["13%", f"€{NBSP}24,69", f"€{NBSP}5,18", f"€{NBSP}29,87"]
# Plus a car insurance (10% more): 28.3791666… * 0.77 = 21.8519583… -> 21.85; 21.85 * 0.21 = 4.5885 -> 4.59;
# 21.85 + 4.59 = 26.44.
WITH_COMBINATION = ["23%", f"€{NBSP}21,85", f"€{NBSP}4,59", f"€{NBSP}26,44"]
# What was typed (437.000 and 83.500), in every spelling it could be stored in, as a whole number: not a piece
# of a longer one, of a hex id or hash, or the microseconds of a timestamp. None of it may end up in the database.
TYPED = re.compile(r"(?<![\w.,:-])(437\.?000|83\.?500)(?!\w)")

RUN_LABEL = "Intake dinsdagmiddag"
NOTE = "Taxatierapport van vorig jaar gebruikt; klant stuurt een kopie."
FIRST_TICKS = [
    "Polisgegevens en eerdere schades van de klant opgezocht",
    "De klant verteld hoe lang het gesprek duurt (optioneel)",
    "Herbouwwaarde samen met de klant bepaald",
]
NOTE_ITEM = "Herbouwwaarde samen met de klant bepaald"
REMAINING_REQUIRED = [
    "Waarde van de inboedel nagelopen, kostbaarheden apart",
    "Eigen risico uitgelegd en de keuze van de klant vastgelegd",
    "Folder Woonverzekering meegegeven of gedeeld",
    "Afgesproken wanneer de klant de offerte krijgt",
]
NEVER_TICKED = [
    "Gevraagd naar andere verzekeringen (combinatiekorting) (optioneel)",
    "De klant gevraagd het gesprek te beoordelen (optioneel)",
]


def tool_tile(page, title):
    """A tile on the tools page: a link whose heading is the tool's title."""
    return page.get_by_role("main").get_by_role("link").filter(has=page.get_by_role("heading", name=title, exact=True))


def fill_in_premium(page, *, combination):
    """The customer's details with the discounts they are entitled to; the rebuild value as people type it."""
    page.get_by_label("Herbouwwaarde van het huis", exact=True).fill("437.000")
    page.get_by_label("Waarde van de inboedel", exact=True).fill("83.500")
    page.get_by_role("group", name="Eigen risico per schade").get_by_label("€ 250", exact=True).check()
    page.get_by_label("Jaren klant", exact=True).fill("3")
    car = page.get_by_label("Heeft de klant ook een autoverzekering bij ons?", exact=True)
    if combination:
        car.check()
    else:
        car.uncheck()


def expect_results(results, values):
    """The results region shows these outcomes, next to their labels, exactly (non-breaking spaces and all)."""
    amounts = results.locator("dd:not(.results__help)")
    expect(amounts).to_have_text(values)  # waits; Playwright compares with whitespace normalised
    expect(results.locator("dt")).to_have_text(RESULT_LABELS)
    assert amounts.all_text_contents() == values


def expect_field_error(field, errors, message):
    """The message is at the field: in its error list, in its accessible description, and it is marked invalid."""
    expect(errors).to_have_text(message)
    assert errors.text_content() == message
    expect(field).to_have_attribute("aria-invalid", "true")
    words = r"\s+".join(re.escape(word) for word in message.split())  # a non-breaking space stays one here
    expect(field).to_have_accessible_description(re.compile(rf"(^|\s){words}(\s|$)"))


def pdf_text(path):
    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(path).pages)
    return " ".join(text.replace(NBSP, " ").split())


def stored_text():
    """Every value in the database as text (sessions decoded), except dates and times, which hold no input."""
    skipped = (models.DateTimeField, models.DateField, models.TimeField)
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [field.attname for field in model._meta.concrete_fields if not isinstance(field, skipped)]
        for row in model.objects.values_list(*names):
            yield model._meta.label, " ".join(str(value) for value in row)
    for session in Session.objects.all():
        yield "sessions.Session (decoded)", str(session.get_decoded())


def test_staff_calculate_a_premium_with_and_without_javascript_then_run_a_checklist(
    portal, home_page, partner_a, staff_a, page, new_context
):
    """Live results while typing, messages at the field, the same numbers by form post and PDF; a checklist run."""
    index = tool_index(home_page)
    calculator = premium_calculator(index)
    checklist = intake_checklist(index)
    calculate_url = f"{portal}/hulpmiddelen/rekenhulp/{calculator.pk}/bereken/"
    live_calculations = []  # every request the page makes for live results
    page.on("request", lambda request: request.url == calculate_url and live_calculations.append(request))

    # The tools page, from the main navigation, and the calculator on it.
    log_in(page, portal, STAFF_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{portal}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Hulpmiddelen").click()
    expect(page).to_have_url(f"{portal}{index.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulpmiddelen")
    expect(page.get_by_role("region", name="Checklists")).to_contain_text(CHECKLIST)
    tool_tile(page, CALCULATOR).click()
    expect(page).to_have_url(f"{portal}{calculator.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(CALCULATOR)
    results = page.locator("#calculator-results")
    expect(results).to_have_text(HINT)
    # The live results script (deferred) listens from DOMContentLoaded on; typing any earlier would go unheard.
    page.wait_for_load_state("load")
    navigations = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and navigations.append(frame.url))

    # (1) With JavaScript the outcome follows the typing; nothing is submitted.
    rebuild = page.get_by_label("Herbouwwaarde van het huis", exact=True)
    expect(rebuild).to_have_value("300.000")  # the editor's default, written the Dutch way
    rebuild.fill("")
    rebuild.press_sequentially("437.000")
    expect_results(results, ONLY_REBUILD_VALUE)
    fill_in_premium(page, combination=False)
    expect_results(results, WITH_DISCOUNTS)
    page.get_by_label("Heeft de klant ook een autoverzekering bij ons?", exact=True).check()
    expect_results(results, WITH_COMBINATION)
    # The printout says what this outcome assumes, also when it came live.
    page.emulate_media(media="print")
    printed = page.locator("#calculator-answers")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text("Uitgegaan van")
    expect(printed.locator(".results__row").filter(has_text="autoverzekering")).to_contain_text("ja")
    expect(printed.locator(".results__row").filter(has_text="Herbouwwaarde")).to_contain_text("437.000")
    page.emulate_media(media="screen")
    expect(printed).to_be_hidden()
    assert navigations == [], f"the page was left or reloaded: {navigations}"
    assert live_calculations, "the results changed without a request for live results"

    # (2) Letters, then too little: a Dutch message at the field, and no outcome until it is fixed.
    errors = page.locator("#id_invoer-herbouwwaarde_error")
    rebuild.fill("drie ton")
    expect_field_error(rebuild, errors, NOT_A_NUMBER)
    expect(results).to_have_text(FIX_HINT)
    rebuild.fill("40.000")
    expect_field_error(rebuild, errors, BELOW_MINIMUM)
    expect(results).to_have_text(FIX_HINT)
    expect(page.get_by_label("Jaren klant", exact=True)).not_to_have_attribute("aria-invalid", "true")
    rebuild.fill("437.000")
    expect_results(results, WITH_COMBINATION)
    expect(errors).to_have_text("")
    expect(rebuild).not_to_have_attribute("aria-invalid", "true")
    assert navigations == [], f"the page was left or reloaded: {navigations}"

    # The live outcomes were counted once, as one stretch of work with this calculator by this person of partner A.
    # `response()` waits for each answer, so every count is in.
    statuses = [request.response().status for request in live_calculations]
    page.close()  # no more typing, so no more live requests
    assert set(statuses) == {200, 400}, statuses
    uses = ToolUse.objects.filter(kind=ToolUse.Kind.CALCULATION)
    assert list(uses.values_list("tool", "partner", "user")) == [(calculator.pk, partner_a.pk, staff_a.pk)]
    counted = uses.count()
    cache.delete(f"tools:calculating:{staff_a.pk}:{calculator.pk}")  # as if the next customer came after a break

    # (3) Without JavaScript the form posts, and shows the same numbers.
    plain = new_context(java_script_enabled=False).new_page()
    log_in(plain, portal, STAFF_EMAIL, PASSWORD)
    expect(plain).to_have_url(f"{portal}/")
    plain.goto(f"{portal}{calculator.url}")
    plain_results = plain.locator("#calculator-results")
    expect(plain_results).to_have_text(HINT)
    fill_in_premium(plain, combination=True)
    plain_rebuild = plain.get_by_label("Herbouwwaarde van het huis", exact=True)
    plain_rebuild.fill("drie ton")
    plain.get_by_role("button", name="Bereken", exact=True).click()
    summary = plain.get_by_role("alert").filter(has_text="Controleer de gegevens")
    expect(summary.get_by_role("link")).to_have_text(f"Herbouwwaarde van het huis: {NOT_A_NUMBER}")
    expect_field_error(plain_rebuild, plain.locator("#id_invoer-herbouwwaarde_error"), NOT_A_NUMBER)
    expect(plain_results).to_have_text(FIX_HINT)
    expect(plain.get_by_label("Waarde van de inboedel", exact=True)).to_have_value("83.500")  # the rest is kept
    assert uses.count() == counted
    plain_rebuild.fill("437.000")
    plain.get_by_role("button", name="Bereken", exact=True).click()
    expect(plain).to_have_url(f"{portal}{calculator.url}")
    expect_results(plain_results, WITH_COMBINATION)
    expect(summary).to_have_count(0)
    expect(plain_rebuild).not_to_have_attribute("aria-invalid", "true")
    assert uses.count() == counted + 1

    # The outcome as a PDF for the customer, with the brand, what was entered, the outcome and the disclaimer.
    with plain.expect_download() as download_info:
        plain.get_by_role("button", name="Opslaan als PDF", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "premie-woonverzekering.pdf"
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    text = pdf_text(download.path())
    for expected in ["Merk", CALCULATOR, "€ 437.000", "€ 83.500", "€ 26,44", "23%", "geen offerte"]:
        assert expected in text, f"{expected!r} is not in the PDF:\n{text}"

    # Counts only: nothing that was typed is kept anywhere, not with the uses and not elsewhere.
    for where, text in stored_text():
        typed = TYPED.search(text)
        assert typed is None, f"{typed.group()} was stored in {where}: {text[:300]}"

    # (4) A checklist: start a run, tick a few points with a note, save and leave.
    desk = page.context.new_page()
    desk.goto(f"{portal}{index.url}")
    tool_tile(desk, CHECKLIST).click()
    expect(desk).to_have_url(f"{portal}{checklist.url}")
    expect(desk.get_by_role("heading", level=1)).to_have_text(CHECKLIST)
    start = desk.get_by_role("region", name="Nieuwe ronde")
    expect(start).to_contain_text("Vul geen naam, adres of andere persoonsgegevens van de klant in.")
    start.get_by_label("Korte omschrijving").fill(RUN_LABEL)
    start.get_by_role("button", name="Start de checklist").click()
    expect(desk).to_have_url(re.compile(rf"^{re.escape(portal)}/hulpmiddelen/rondes/\d+/$"))
    run = ChecklistRun.objects.get(user=staff_a)
    assert desk.url == f"{portal}/hulpmiddelen/rondes/{run.pk}/"
    expect(desk.get_by_role("heading", level=1)).to_have_text(RUN_LABEL)
    lead = desk.locator("p.lead")
    expect(lead).to_have_text(f"{CHECKLIST} · nog 6 verplichte punten open")
    for item in FIRST_TICKS:
        desk.get_by_role("checkbox", name=item, exact=True).check()
    desk.locator("summary", has_text=f"Notitie: {NOTE_ITEM}").click()
    desk.get_by_label(f"Notitie bij: {NOTE_ITEM}", exact=True).fill(NOTE)
    desk.get_by_role("button", name="Opslaan", exact=True).click()
    expect(desk.get_by_role("status")).to_have_text("Opgeslagen. Nog 4 verplichte punten open.")
    expect(lead).to_have_text(f"{CHECKLIST} · nog 4 verplichte punten open")

    # The dashboard lists the open run; "Mijn checklistrondes" leads back to it.
    desk.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
    expect(desk).to_have_url(f"{portal}/")
    tools = desk.get_by_role("region", name="Hulpmiddelen")
    expect(tools.get_by_role("listitem").filter(has_text=RUN_LABEL)).to_have_text(
        f"{RUN_LABEL} {CHECKLIST} · 2 van 6 verplichte punten"
    )
    tools.get_by_role("link", name="Mijn checklistrondes").click()
    expect(desk).to_have_url(f"{portal}/hulpmiddelen/rondes/")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Mijn checklistrondes")
    row = desk.get_by_role("row").filter(has_text=RUN_LABEL)
    expect(row).to_contain_text("2 van 6 verplichte punten")
    row.get_by_role("link", name=RUN_LABEL).click()

    # Resumed: the ticks and the note are still there; the remaining required points complete the run.
    expect(desk).to_have_url(f"{portal}/hulpmiddelen/rondes/{run.pk}/")
    for item in FIRST_TICKS:
        expect(desk.get_by_role("checkbox", name=item, exact=True)).to_be_checked()
    for item in REMAINING_REQUIRED + NEVER_TICKED:
        expect(desk.get_by_role("checkbox", name=item, exact=True)).not_to_be_checked()
    expect(desk.get_by_label(f"Notitie bij: {NOTE_ITEM}", exact=True)).to_have_value(NOTE)
    for item in REMAINING_REQUIRED:
        desk.get_by_role("checkbox", name=item, exact=True).check()
    desk.get_by_role("button", name="Opslaan", exact=True).click()
    expect(desk.get_by_role("status")).to_have_text(
        "Opgeslagen. Alle verplichte punten zijn afgevinkt: de checklist is af."
    )
    expect(lead).to_have_text(re.compile(rf"^{re.escape(CHECKLIST)} · afgerond op \d{{1,2}} \w+ \d{{4}}$"))
    expect(desk.get_by_role("progressbar", name="Afgevinkt")).to_have_attribute("value", "78")  # 7 of 9

    desk.get_by_role("link", name="Mijn checklistrondes").click()
    expect(desk.get_by_role("row").filter(has_text=RUN_LABEL)).to_contain_text("afgerond")
    desk.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Overzicht").click()
    expect(desk.get_by_role("region", name="Hulpmiddelen")).not_to_contain_text(RUN_LABEL)

    run.refresh_from_db()
    assert run.completed_at is not None
    assert run.label == RUN_LABEL
    ticked = {item.text for item in checklist.items() if run.answer(item.id)[0]}
    assert len(ticked) == 7
    assert {note for item in checklist.items() if (note := run.answer(item.id)[1])} == {NOTE}
    assert list(ToolUse.objects.filter(kind=ToolUse.Kind.CHECKLIST_COMPLETED).values_list("tool", "user", "run")) == [
        (checklist.pk, staff_a.pk, run.pk)
    ]
