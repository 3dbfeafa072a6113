"""The certificate as a PDF (ReportLab: pure Python, no network, no system libraries)."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas


def _date(value):
    return date_format(timezone.localtime(value), "j F Y") if value else _("onbeperkt")


def render_certificate(completion, *, brand_name, primary_colour, logo_file, verify_url):
    """Return the PDF bytes for one completion."""
    buffer = BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificaat %(module)s") % {"module": completion.module.title})
    pdf.setAuthor(brand_name)
    brand = colors.HexColor(primary_colour)

    pdf.setFillColor(brand)
    pdf.rect(0, height - 28 * mm, width, 28 * mm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(20 * mm, height - 17 * mm, brand_name)
    if logo_file is not None:
        logo = ImageReader(logo_file)
        logo_width, logo_height = logo.getSize()
        box = 20 * mm
        scale = min(box / logo_width, box / logo_height)
        pdf.drawImage(
            logo,
            width - 20 * mm - logo_width * scale,
            height - 24 * mm,
            logo_width * scale,
            logo_height * scale,
            mask="auto",
        )

    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(width / 2, height - 55 * mm, _("Certificaat"))
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 72 * mm, completion.module.title)
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(width / 2, height - 88 * mm, _("behaald door"))
    pdf.setFont("Helvetica-Bold", 20)
    name = completion.user.get_full_name() or completion.user.email
    pdf.drawCentredString(width / 2, height - 101 * mm, name)
    pdf.setFont("Helvetica", 14)
    if completion.partner:
        pdf.drawCentredString(width / 2, height - 111 * mm, completion.partner.name)

    pdf.setFont("Helvetica", 12)
    pdf.drawCentredString(
        width / 2,
        height - 128 * mm,
        _("Behaald op %(date)s met een score van %(score)s%% · geldig tot: %(until)s")
        % {
            "date": _date(completion.completed_at),
            "score": completion.score,
            "until": _date(completion.effective_valid_until()),
        },
    )

    pdf.setStrokeColor(brand)
    pdf.line(20 * mm, 32 * mm, width - 20 * mm, 32 * mm)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(20 * mm, 24 * mm, _("Verificatiecode: %(code)s") % {"code": completion.certificate_code})
    pdf.drawString(20 * mm, 18 * mm, _("Controleer dit certificaat op %(url)s") % {"url": verify_url})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
