"""Co-branding: a PDF stamped on every page with a partner's name, logo, phone and website.

A stamped copy is made once per version and partner and kept in the private storage; when the partner's
details change, the next download makes a new one and the old one is removed.
"""

import hashlib
import io
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import HexColor, white
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from brand.images import png_rendition

from .models import CobrandedFile

logger = logging.getLogger(__name__)

BAND_HEIGHT = 42
MARGIN = 18


class StampError(Exception):
    """The PDF cannot be stamped; `message` says why, for the person who asked."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def partner_details(partner):
    website = partner.website.removeprefix("https://").removeprefix("http://").rstrip("/")
    return {
        "name": partner.name,
        "phone": partner.phone,
        "website": website,
        "logo": partner.logo.file_hash or str(partner.logo.pk) if partner.logo_id else "",
    }


def details_hash(partner):
    return hashlib.sha256(json.dumps(partner_details(partner), sort_keys=True).encode()).hexdigest()


def _logo_reader(partner):
    # A missing or broken logo file must not stop the stamp; the name is printed anyway.
    png = png_rendition(partner.logo, "max-360x120") if partner.logo_id else None
    return ImageReader(png) if png else None


def _overlay(width, height, details, logo):
    """One transparent page of the given size with the partner's band along the bottom edge."""
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(width, height))
    sheet.setFillColor(white)
    sheet.rect(0, 0, width, BAND_HEIGHT, stroke=0, fill=1)
    sheet.setStrokeColor(HexColor("#c9ced8"))
    sheet.line(0, BAND_HEIGHT, width, BAND_HEIGHT)
    text_x = MARGIN
    if logo is not None:
        logo_width, logo_height = logo.getSize()
        scale = min(26 / logo_height, 90 / logo_width)
        sheet.drawImage(logo, MARGIN, 8, logo_width * scale, logo_height * scale, mask="auto")
        text_x += logo_width * scale + 10
    sheet.setFillColor(HexColor("#1d2330"))
    sheet.setFont("Helvetica-Bold", 10)
    sheet.drawString(text_x, 24, str(_("Aangeboden door %(name)s") % {"name": details["name"]}))
    contact = " · ".join(part for part in (details["phone"], details["website"]) if part)
    if contact:
        sheet.setFont("Helvetica", 9)
        sheet.drawString(text_x, 11, contact)
    sheet.showPage()
    sheet.save()
    buffer.seek(0)
    return PdfReader(buffer).pages[0]


def stamp(source, partner):
    """The stamped PDF as bytes; StampError with a clear message for encrypted or unreadable files."""
    try:
        reader = PdfReader(source)
        if reader.is_encrypted:
            raise StampError(
                _(
                    "Deze PDF is beveiligd, daarom kunnen we er je gegevens niet op zetten. "
                    "Download het origineel; de redactie is op de hoogte."
                )
            )
        details = partner_details(partner)
        logo = _logo_reader(partner)
        writer = PdfWriter(clone_from=reader)
        overlays = {}
        for page in writer.pages:
            page.transfer_rotation_to_content()
            size = (float(page.mediabox.width), float(page.mediabox.height))
            if size not in overlays:
                overlays[size] = _overlay(*size, details, logo)
            page.merge_page(overlays[size])
        if not overlays:
            raise ValueError("a PDF without pages")
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
    except StampError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors for broken files; all mean the same here
        logger.warning("PDF could not be stamped: %s", error)
        raise StampError(
            _(
                "Deze PDF kunnen we niet lezen, daarom kunnen we er je gegevens niet op zetten. "
                "Download het origineel; de redactie is op de hoogte."
            )
        ) from error


def cobranded_file(version, partner):
    """The kept stamped copy of this version for this partner, made now if it is missing or out of date."""
    digest = details_hash(partner)
    existing = CobrandedFile.objects.filter(version=version, partner=partner, details_hash=digest).first()
    if existing is not None and existing.file.storage.exists(existing.file.name):
        return existing
    document = version.document
    if document is None:
        raise StampError(_("Dit materiaal heeft geen bestand meer."))
    if (document.get_file_size() or 0) > settings.MATERIALS_COBRAND_MAX_BYTES:
        raise StampError(_("Deze PDF is te groot om er je gegevens op te zetten. Download het origineel."))
    with document.open_file() as source:
        data = stamp(source, partner)
    name = f"{version.material.slug}-{version.pk}-{partner.slug}.pdf"
    stale = list(CobrandedFile.objects.filter(version=version, partner=partner))
    try:
        with transaction.atomic():
            CobrandedFile.objects.filter(pk__in=[old.pk for old in stale]).delete()
            made = CobrandedFile(version=version, partner=partner, details_hash=digest)
            made.file.save(name, ContentFile(data), save=False)
            made.save()
    except IntegrityError:  # another request made it at the same moment
        made.file.delete(save=False)
        return CobrandedFile.objects.get(version=version, partner=partner, details_hash=digest)
    for old in stale:
        if old.file.name != made.file.name:  # a missing file's name may have been taken by the new one
            old.file.delete(save=False)
    return made
