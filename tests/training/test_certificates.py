"""Certificates: the owner's PDF, the public check by code, and "Mijn certificaten"."""

import io
from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from pypdf import PdfReader

from training import factories
from training.models import Completion

from .helpers import record_attempt, record_completion

DAY = timedelta(days=1)


@pytest.fixture
def module(academy):
    return factories.module(academy, "Klantbelofte", validity_months=12)


@pytest.fixture
def named_staff(staff_a):
    staff_a.first_name = "Sanne"
    staff_a.last_name = "de Vries"
    staff_a.save()
    return staff_a


@pytest.fixture
def completion(named_staff, partner_a, module):
    return record_completion(named_staff, module, partner=partner_a, score=93)


def pdf_url(completion):
    return f"/certificaten/{completion.certificate_code}/pdf/"


def verify_url(completion_or_code):
    code = getattr(completion_or_code, "certificate_code", completion_or_code)
    return f"/certificaat/{code}/"


def pdf_text(response):
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


# ---------------------------------------------------------------------------
# The PDF
# ---------------------------------------------------------------------------


def test_the_owner_downloads_a_pdf_with_code_module_and_name(client, named_staff, completion):
    client.force_login(named_staff)

    response = client.get(pdf_url(completion))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificaat-klantbelofte.pdf"'
    text = pdf_text(response)
    assert completion.certificate_code in text
    assert "Klantbelofte" in text
    assert "Sanne de Vries" in text
    assert "Partner A" in text
    assert f"http://testserver/certificaat/{completion.certificate_code}/" in text


def test_the_certificate_code_is_unguessable(completion, staff_b, module):
    other = record_completion(staff_b, module)

    assert len(completion.certificate_code) >= 16
    assert completion.certificate_code != other.certificate_code


@pytest.mark.parametrize("role", ["manager_a", "staff_b", "brand_team"])
def test_someone_else_does_not_get_the_pdf(client, people, completion, role):
    client.force_login(people(role))

    response = client.get(pdf_url(completion))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.get("Content-Type") != "application/pdf"


def test_an_anonymous_visitor_does_not_get_the_pdf(client, completion):
    response = client.get(pdf_url(completion))

    assert response.get("Content-Type") != "application/pdf"
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.NOT_FOUND)


# ---------------------------------------------------------------------------
# The public check
# ---------------------------------------------------------------------------


def make_expired(completion):
    Completion.objects.filter(pk=completion.pk).update(valid_until=timezone.now() - DAY)


def make_revoked(completion):
    Completion.objects.filter(pk=completion.pk).update(revoked_at=timezone.now() - DAY)


@pytest.mark.parametrize(
    ("change", "verdict"),
    [
        (None, "Dit certificaat is geldig."),
        (make_expired, "Dit certificaat is verlopen."),
        (make_revoked, "Dit certificaat is ingetrokken."),
    ],
)
def test_anyone_checks_a_certificate_by_its_code(client, named_staff, completion, change, verdict):
    if change:
        change(completion)

    response = client.get(verify_url(completion))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert verdict in html
    for other in {"Dit certificaat is geldig.", "Dit certificaat is verlopen.", "Dit certificaat is ingetrokken."} - {
        verdict
    }:
        assert other not in html
    assert "Sanne de Vries" in html
    assert "Partner A" in html
    assert "Klantbelofte" in html


def test_the_public_check_shows_no_email_address_or_score(client, named_staff, completion):
    html = client.get(verify_url(completion)).content.decode()

    assert named_staff.email not in html
    assert "partner-a.example" not in html
    assert "93%" not in html
    # The code itself is shown and random, so it may contain "93" by chance; the score must not.
    shown = BeautifulSoup(html, "html.parser").main.get_text().replace(completion.certificate_code, "")
    assert "93" not in shown
    assert "score" not in shown.lower()


def test_the_public_check_of_a_recertified_module_says_expired(client, completion, module):
    Completion.objects.filter(pk=completion.pk).update(completed_at=timezone.now() - 60 * DAY)
    module.recertify_from = timezone.localdate() - DAY
    module.save_revision().publish()

    html = client.get(verify_url(completion)).content.decode()

    assert "Dit certificaat is verlopen." in html


def test_an_unknown_code_is_not_found_with_a_dutch_message(client, completion):
    response = client.get(verify_url("bestaat-niet-123"))

    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "Er is geen certificaat met deze code." in html
    assert "Sanne de Vries" not in html


# ---------------------------------------------------------------------------
# Mijn certificaten
# ---------------------------------------------------------------------------


def test_my_certificates_lists_only_my_own(client, named_staff, staff_b, completion, academy):
    others = factories.module(academy, "Overdracht")
    theirs = record_completion(staff_b, others)
    client.force_login(named_staff)

    response = client.get("/certificaten/")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Klantbelofte" in html
    assert f'href="{pdf_url(completion)}"' in html
    assert f'href="{verify_url(completion)}"' in html
    assert "Overdracht" not in html
    assert theirs.certificate_code not in html


def test_my_certificates_shows_validity_and_attempts(client, named_staff, completion, module):
    record_attempt(named_staff, module, passed=False, score=41, submitted_at=completion.completed_at - DAY)
    make_expired(completion)
    client.force_login(named_staff)

    html = client.get("/certificaten/").content.decode()

    row = BeautifulSoup(html, "html.parser").select_one("tbody tr")
    assert row.select_one("span.status").get_text(strip=True) == "verlopen"
    assert "93%" in row.select_one("[data-label=Pogingen]").get_text()
    assert "41%" in row.select_one("[data-label=Pogingen]").get_text()


def test_without_certificates_the_page_says_so(client, staff_a, home_page):
    client.force_login(staff_a)

    html = client.get("/certificaten/").content.decode()

    assert "Je hebt nog geen certificaten." in html


def test_someone_who_left_their_partner_keeps_their_certificates(client, named_staff, completion):
    named_staff.memberships.update(ended_at=timezone.now() - DAY)
    client.force_login(named_staff)

    listing = client.get("/certificaten/")
    pdf = client.get(pdf_url(completion))

    assert listing.status_code == HTTPStatus.OK
    assert f'href="{pdf_url(completion)}"' in listing.content.decode()
    assert pdf.status_code == HTTPStatus.OK
    assert pdf["Content-Type"] == "application/pdf"
    assert "Partner A" in pdf_text(pdf)
    assert "Dit certificaat is geldig." in client.get(verify_url(completion)).content.decode()
