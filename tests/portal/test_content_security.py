"""The Content-Security-Policy and the other protective headers, and how uploads are limited and served."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from accounts.models import User
from journeys.models import FeedbackLink
from tests.portal.crawling import crawl

NONCE = re.compile(r"'nonce-([^']+)'")


def policy(response):
    """The policy as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#0b6e4f").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor(client, brand_team, login_with_mfa, home_page):
    return login_with_mfa(client, brand_team)


def test_partner_pages_allow_no_inline_script_and_only_the_nonced_style(client, staff_a, home_page):
    client.force_login(staff_a)

    response = client.get("/")
    csp = policy(response)

    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    nonce = NONCE.search(" ".join(csp["style-src"]))[1]
    assert f'<style nonce="{nonce}">' in response.content.decode()  # the brand's colours


def test_every_request_gets_its_own_nonce(client, staff_a, home_page):
    client.force_login(staff_a)

    first, second = (NONCE.search(client.get("/")["Content-Security-Policy"])[1] for _ in range(2))

    assert first != second


@pytest.mark.parametrize("url", ["/account/login/", "/bestaat-niet/"])
def test_public_and_error_pages_carry_the_policy_too(client, home_page, url):
    response = client.get(url)

    assert policy(response)["script-src"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_only_the_wagtail_admin_may_run_inline_code(editor):
    csp = policy(editor.get("/admin/"))

    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"]  # the live preview is a same-origin frame, nothing else


def test_html_and_svg_cannot_be_uploaded(editor):
    root = Collection.get_first_root_node()
    document = SimpleUploadedFile("folder.html", b"<script>alert(1)</script>", content_type="text/html")
    image = SimpleUploadedFile(
        "logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', content_type="image/svg+xml"
    )

    documents = editor.post("/admin/documents/add/", {"title": "Folder", "file": document, "collection": root.pk})
    images = editor.post("/admin/images/add/", {"title": "Logo", "file": image, "collection": root.pk})

    assert "Bestandsextensie ‘html’ is niet toegestaan." in documents.content.decode()
    assert not get_document_model().objects.exists()
    assert "Geen ondersteund afbeeldingsformaat." in images.content.decode()
    assert not get_image_model().objects.exists()


def test_images_above_the_pixel_limit_are_refused(editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40 * 40
    root = Collection.get_first_root_node()
    upload = SimpleUploadedFile("groot.png", png(50, 50), content_type="image/png")

    response = editor.post("/admin/images/add/", {"title": "Groot", "file": upload, "collection": root.pk})

    assert response.status_code == 200
    assert "pixels" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_the_upload_limits_hold_in_every_environment(settings):
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS and "htm" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "svg" not in settings.WAGTAILDOCS_EXTENSIONS and "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf", "text/plain"]
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


def test_documents_are_served_as_attachments_that_embed_nothing(editor):
    root = Collection.get_first_root_node()
    document = get_document_model().objects.create(
        title="Tarieven", file=SimpleUploadedFile("tarieven.csv", b"a;b\n1;2\n"), collection=root
    )

    response = editor.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def inline_code(url, response, content):
    """What on this HTML page the strict policy would block: inline script, style attributes, handlers."""
    if "html" not in response.get("Content-Type", ""):
        return []
    csp = policy(response)
    nonce = NONCE.search(" ".join(csp.get("style-src", [])))
    found = [] if csp.get("script-src") == ["'self'"] else [f"{url}: script-src {csp.get('script-src')}"]
    soup = BeautifulSoup(content, "html.parser")
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") not in ("application/json", "application/ld+json"):
            found.append(f"{url}: inline <script> {script.get_text()[:60]!r}")
    for style in soup.find_all("style"):
        if nonce is None or style.get("nonce") != nonce[1]:
            found.append(f"{url}: <style> without this request's nonce")
    for tag in soup.find_all(True):
        found += [f"{url}: {attribute}= on <{tag.name}>" for attribute in tag.attrs if attribute == "style"]
        found += [f"{url}: {attribute}= on <{tag.name}>" for attribute in tag.attrs if attribute.startswith("on")]
    return found


def test_no_page_a_partner_or_customer_reaches_needs_inline_code(db, settings):
    """Every page of the demo that staff, a manager or a stranger can reach works under the strict policy."""
    settings.DEBUG = False
    call_command("seed_demo", force=True, stdout=io.StringIO())
    found, pages = [], 0

    def inspect(url, response, content):
        nonlocal pages
        pages += 1
        found.extend(inline_code(url, response, content))

    for email in ("mehmet@vandijk-assurantien.example", "sanne@vandijk-assurantien.example"):
        client = Client()
        client.force_login(User.objects.get(email=email))
        crawl(client, "/", visit=inspect)
    stranger = Client()
    for start in ["/account/login/", "/account/signup/", "/account/password/reset/"]:
        crawl(stranger, start, visit=inspect)
    crawl(stranger, f"/f/{FeedbackLink.objects.filter(partner__is_active=True).first().code}/", visit=inspect)

    assert pages > 100  # the crawl saw the portal, not a login page
    assert not found, "\n".join(found)
