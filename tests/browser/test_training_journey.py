"""The training journey: partner staff pass a required module and an outsider verifies the certificate."""

import re

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.pages import log_in
from training.factories import academy, lesson, module, question
from training.models import Attempt, Completion, LessonProgress

PASSWORD = "Partnerportaal-2026"
STAFF_EMAIL = "medewerker@partner-a.example"

PROMISE = "Wat beloven we een klant die ons mailt?"
PROMISE_RIGHT = "Antwoord binnen één werkdag"
PROMISE_WRONG = "Antwoord wanneer het uitkomt"
PROMISE_WRONG_WHY = "Nee: de klant mag op een vast moment rekenen."
PROMISE_EXPLANATION = "Onze belofte: binnen één werkdag een persoonlijk antwoord."
HAND_OVER = "Je draagt een klant pas over als de volgende partner het dossier heeft bevestigd."


def answer(page, question_text, choice_text):
    """Tick one choice in the fieldset of a question; the legend reads "Vraag <n> <question text>"."""
    group = page.get_by_role("group", name=re.compile(re.escape(question_text)))
    group.get_by_label(choice_text, exact=True).check()


def test_staff_fails_retakes_and_passes_required_module_then_certificate_is_verified(
    portal, home_page, staff_a, page, new_context
):
    """Staff read a required module, fail and retake its quiz, download the certificate and anyone can check it."""
    index = academy(home_page)
    promise = module(
        index,
        "Onze belofte",
        required_for_staff=True,
        validity_months=12,
        lessons=[lesson("Wat we beloven"), lesson("Zo houd je je belofte")],
        quiz=[
            question(
                PROMISE,
                [(PROMISE_RIGHT, True, "Precies."), (PROMISE_WRONG, False, PROMISE_WRONG_WHY)],
                explanation=PROMISE_EXPLANATION,
            ),
            question(HAND_OVER, [("Waar", True), ("Niet waar", False)], kind="true_false"),
        ],
    )

    log_in(page, portal, STAFF_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{portal}/")
    page.goto(f"{portal}{index.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Academie")
    required = page.get_by_role("region", name="Verplicht voor jou")
    expect(required).to_contain_text("Niet begonnen")
    required.get_by_role("link", name="Onze belofte", exact=True).click()

    expect(page).to_have_url(f"{portal}{promise.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Onze belofte")
    page.get_by_role("link", name="Begin met de eerste les").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat we beloven")
    expect(page.get_by_role("main")).to_contain_text("Les 1 van 2")
    page.get_by_role("button", name="Gelezen, volgende les").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zo houd je je belofte")
    expect(page.get_by_role("main")).to_contain_text("Les 2 van 2")
    page.get_by_role("button", name="Gelezen, naar de toets").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Toets: Onze belofte")
    answer(page, PROMISE, PROMISE_WRONG)
    answer(page, HAND_OVER, "Waar")
    page.get_by_role("button", name="Toets inleveren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nog niet geslaagd")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Je score: 50% (slagen vanaf 80%).")
    explanations = page.get_by_role("region", name="Uitleg per vraag")
    expect(explanations).to_contain_text("Vraag 1: fout")
    expect(explanations).to_contain_text(PROMISE_WRONG_WHY)
    expect(explanations).to_contain_text(PROMISE_EXPLANATION)
    expect(explanations).to_contain_text("Vraag 2: goed")
    expect(main.get_by_role("link", name="Download certificaat (PDF)")).to_have_count(0)
    page.get_by_role("link", name="Toets opnieuw maken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Toets: Onze belofte")
    answer(page, PROMISE, PROMISE_RIGHT)
    answer(page, HAND_OVER, "Waar")
    page.get_by_role("button", name="Toets inleveren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Geslaagd!")
    expect(page.get_by_role("main")).to_contain_text("Je score: 100% (slagen vanaf 80%).")
    completion = Completion.objects.get(user=staff_a, module=promise)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download certificaat (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "certificaat-onze-belofte.pdf"
    text = "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(download.path()).pages)
    assert f"Verificatiecode: {completion.certificate_code}" in text
    assert staff_a.get_full_name() in text
    assert "Onze belofte" in text

    visitor = new_context().new_page()
    visitor.goto(f"{portal}/certificaat/{completion.certificate_code}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Certificaat controleren")
    card = visitor.get_by_role("main")
    expect(card).to_contain_text("Dit certificaat is geldig.")
    expect(card).to_contain_text(staff_a.get_full_name())
    expect(card).to_contain_text("Partner A")
    expect(card).to_contain_text("Onze belofte")
    expect(visitor.get_by_role("button", name="Uitloggen")).to_have_count(0)

    attempts = Attempt.objects.filter(user=staff_a, module=promise).order_by("submitted_at")
    assert [(attempt.score, attempt.passed) for attempt in attempts] == [(50, False), (100, True)]
    assert Completion.objects.filter(user=staff_a).count() == 1
    assert completion.attempt == attempts[1]
    assert completion.partner.name == "Partner A"
    assert LessonProgress.objects.filter(user=staff_a, module=promise).count() == 2
