"""The materials journey: a partner finds, downloads, co-brands and shares a material until the brand withdraws it."""

import os
import re
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect
from pypdf import PdfReader

from materials.factories import library, material
from materials.models import Download, MaterialPage, OutdatedNotice
from tests.browser.pages import log_in

PASSWORD = "Partnerportaal-2026"
STAFF_EMAIL = "medewerker@partner-a.example"
BRAND_EMAIL = "redactie@merk.example"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"  # the secret tests/conftest.py's `with_mfa` gives the authenticator
# Set SCREENSHOTS_DIR to keep full-page screenshots of the library and the dashboard for a human to look at.
SCREENSHOTS_DIR = os.environ.get("SCREENSHOTS_DIR")

FOLDER = "Folder Hypotheek"
FACTSHEET = "Factsheet Pensioen"
POSTER = "Poster Sparen"
COURIER_ONLY = "Folder Bezorgen"
REASON = "De rentetabel klopt niet meer."


def pdf_text(path):
    return "\n".join(pdf_page.extract_text() for pdf_page in PdfReader(path).pages)


def screenshot(page, name):
    if SCREENSHOTS_DIR:
        Path(SCREENSHOTS_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=Path(SCREENSHOTS_DIR) / name, full_page=True)


def card_action(label, title):
    """The name of a button or link that ends in a visually hidden ": <title>" (Chromium reads "label : title")."""
    return re.compile(rf"^{re.escape(label)}\s*: {re.escape(title)}$")


def totp_code():
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def log_in_with_code(page, base_url, email):
    """The brand side logs in with a password, then proves the authenticator on allauth's second step."""
    log_in(page, base_url, email, PASSWORD)
    expect(page).to_have_url(f"{base_url}/account/2fa/authenticate/")
    page.get_by_role("textbox", name="Code").fill(totp_code())
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page).to_have_url(f"{base_url}/")


def test_staff_find_download_cobrand_and_share_a_material_until_the_brand_withdraws_it(
    portal,
    home_page,
    partner_a,
    kind_intermediary,
    kind_courier,
    staff_a,
    brand_team,
    with_mfa,
    settings,
    page,
    new_context,
):
    """Staff filter the library, download a folder plain and co-branded and share it; withdrawn, the link stops."""
    settings.MFA_TOTP_TOLERANCE = 1  # a code typed at the end of its 30 seconds still counts
    with_mfa(brand_team)
    partner_a.phone = "030 123 45 67"
    partner_a.website = "https://www.partner-a.example"
    partner_a.save()
    index = library(home_page)
    folder = material(
        index, FOLDER, format="folder", topics=["hypotheek"], audiences=[kind_intermediary], co_brandable=True
    )
    material(index, FACTSHEET, format="factsheet", topics=["pensioen"], audiences=[kind_intermediary])
    material(index, POSTER, format="poster", topics=["sparen"], audiences=[kind_intermediary])
    material(index, COURIER_ONLY, format="folder", topics=["hypotheek"], audiences=[kind_courier])

    # The library, from the main navigation: partner A's three materials, not the courier's.
    log_in(page, portal, STAFF_EMAIL, PASSWORD)
    expect(page).to_have_url(f"{portal}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Bibliotheek").click()
    expect(page).to_have_url(f"{portal}{index.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bibliotheek")
    titles = page.get_by_role("main").get_by_role("listitem").get_by_role("heading", level=2).get_by_role("link")
    expect(page.get_by_role("status")).to_have_text("3 materialen")
    expect(titles).to_have_text([POSTER, FACTSHEET, FOLDER])
    screenshot(page, "library.png")

    # Only folders: the courier's folder is not among them.
    search = page.get_by_role("search", name="Materialen zoeken en filteren")
    search.get_by_label("Soort").select_option(label="folder")
    search.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"[?&]format=folder(&|$)"))
    expect(page.get_by_role("status")).to_have_text("1 materiaal")
    expect(titles).to_have_text([FOLDER])
    expect(page.get_by_role("main")).not_to_contain_text(COURIER_ONLY)

    # The file as it is.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=card_action("Downloaden", FOLDER)).click()
    plain = download_info.value
    assert plain.suggested_filename == "folder-hypotheek-1.pdf"
    assert Path(plain.path()).read_bytes().startswith(b"%PDF")
    assert list(Download.objects.filter(user=staff_a).values_list("material", "partner", "cobranded")) == [
        (folder.pk, partner_a.pk, False)
    ]

    # The file with partner A's details on it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=card_action("Met onze gegevens", FOLDER)).click()
    stamped = download_info.value
    assert stamped.suggested_filename == "folder-hypotheek-1-partner-a.pdf"
    text = pdf_text(stamped.path())
    assert "Aangeboden door Partner A" in text
    assert "030 123 45 67" in text
    assert "www.partner-a.example" in text
    assert Download.objects.filter(user=staff_a, material=folder, cobranded=True).count() == 1

    # A link for a customer, made on the material's page and read from "Mijn deellinks".
    page.get_by_role("link", name=FOLDER, exact=True).click()
    expect(page).to_have_url(f"{portal}{folder.url}")
    expect(page.get_by_role("link", name="Downloaden met de gegevens van Partner A")).to_be_visible()
    page.get_by_role("button", name="Deellink maken").click()
    expect(page).to_have_url(f"{portal}/materialen/gedeeld/")
    expect(page.get_by_role("status").first).to_contain_text(f"De deellink voor “{FOLDER}” is klaar")
    share_url = page.get_by_label(f"Deellink voor {FOLDER}").input_value()
    assert re.fullmatch(rf"{re.escape(portal)}/m/[\w-]+/", share_url), share_url

    customer = new_context().new_page()
    response = customer.goto(share_url)
    assert response.status == 200
    expect(customer.get_by_role("heading", level=1)).to_have_text(FOLDER)
    expect(customer.get_by_role("main")).to_contain_text("Gedeeld door Partner A")
    expect(customer.get_by_role("button", name="Uitloggen")).to_have_count(0)
    with customer.expect_download() as download_info:
        customer.get_by_role("link", name="Downloaden (PDF)").click()
    shared = download_info.value
    assert Path(shared.path()).read_bytes().startswith(b"%PDF")
    assert "Aangeboden door Partner A" in pdf_text(shared.path())

    # The brand team withdraws the folder in the Wagtail admin.
    editor = new_context().new_page()
    log_in_with_code(editor, portal, BRAND_EMAIL)
    editor.goto(f"{portal}/admin/pages/{folder.pk}/edit/")
    expect(editor.get_by_role("heading", level=1)).to_contain_text(FOLDER)
    editor.get_by_label("Reden van intrekken").fill(REASON)
    actions = editor.get_by_role("navigation", name="Acties (footer)")
    actions.get_by_role("button", name="Meer acties").click()
    actions.get_by_role("button", name="Publiceren").click()
    expect(editor.get_by_role("status").first).to_contain_text("gepubliceerd")
    folder = MaterialPage.objects.get(pk=folder.pk)
    assert folder.withdrawal_reason == REASON
    assert folder.is_withdrawn

    # The customer's link no longer works.
    response = customer.goto(share_url)
    assert response.status == 410
    expect(customer.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    expect(customer.get_by_role("main")).to_contain_text("Het materiaal achter deze link is niet meer geldig.")

    # Staff are told on their dashboard, and can put the notice away.
    page.goto(f"{portal}/")
    materials = page.get_by_role("region", name="Materialen")
    notice = f'Je hebt versie 1 van "{FOLDER}" gedownload. Dit materiaal is ingetrokken.'
    expect(materials).to_contain_text(notice)
    screenshot(page, "dashboard.png")
    materials.get_by_role("button", name=card_action("Verbergen", FOLDER)).click()
    expect(page).to_have_url(f"{portal}/")
    expect(page.get_by_role("main")).not_to_contain_text(notice)
    assert OutdatedNotice.objects.get(user=staff_a).dismissed_at is not None
