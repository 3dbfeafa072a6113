"""Build libraries, private documents and materials for tests and the demo; PDFs are real, made with ReportLab."""

import io
import textwrap

from django.core.files.base import ContentFile
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from .models import MaterialIndexPage, MaterialPage, PrivateDocument
from .privacy import ensure_private_collection

BRAND_TEAM_GROUP = "Redactie"


def pdf_bytes(title, paragraphs=(), *, pages=1, colour="#0b5cab"):
    """A real A4 PDF: a coloured header with the title, the paragraphs, and room at the bottom for co-branding."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    sheet.setTitle(title)
    width, height = A4
    for number in range(1, pages + 1):
        sheet.setFillColor(HexColor(colour))
        sheet.rect(0, height - 120, width, 120, stroke=0, fill=1)
        sheet.setFillColor(HexColor("#ffffff"))
        sheet.setFont("Helvetica-Bold", 24)
        sheet.drawString(50, height - 75, title)
        sheet.setFillColor(HexColor("#1d2330"))
        y = height - 170
        for paragraph in paragraphs or [f"{title}."]:
            for line in textwrap.wrap(paragraph, 85):
                sheet.setFont("Helvetica", 11)
                sheet.drawString(50, y, line)
                y -= 16
            y -= 10
        sheet.setFont("Helvetica", 8)
        sheet.drawRightString(width - 50, 60, f"{number}/{pages}")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def private_collection():
    return ensure_private_collection(BRAND_TEAM_GROUP)


def document(title="Folder", content=None, *, name=None, collection=None):
    content = pdf_bytes(title) if content is None else content
    doc = PrivateDocument(title=title, collection=collection or private_collection())
    doc.file.save(name or f"{title.lower().replace(' ', '-')[:40]}.pdf", ContentFile(content), save=False)
    doc.file_size = len(content)
    doc._set_file_hash()
    doc.save()
    return doc


def library(home_page, title="Bibliotheek", slug="bibliotheek"):
    existing = MaterialIndexPage.objects.child_of(home_page).first()
    if existing:
        return existing
    page = home_page.add_child(instance=MaterialIndexPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


def material(index, title, *, doc=None, audiences=(), topics=(), publish=True, **fields):
    """A material under the library, published unless asked otherwise (publishing records its version)."""
    page = MaterialPage(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50],
        summary=fields.pop("summary", f"Alles over {title.lower()}."),
        version_label=fields.pop("version_label", "1"),
        document=doc or document(title),
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    page.audiences.set(list(audiences))
    if topics:
        page.topics.set(list(topics))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return MaterialPage.objects.get(pk=page.pk)


def publish_changes(page, **changes):
    """Change fields of a material and publish them as the brand team would in the editor."""
    page = MaterialPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return MaterialPage.objects.get(pk=page.pk)
