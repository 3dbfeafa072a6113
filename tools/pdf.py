"""A calculation as a PDF for the customer (ReportLab: pure Python, no network, no system libraries)."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def _logo(logo_file):
    if logo_file is None:
        return None
    reader = ImageReader(logo_file)
    width, height = reader.getSize()
    scale = min(40 * mm / width, 16 * mm / height)
    logo_file.seek(0)
    return Image(logo_file, width * scale, height * scale)


def render_calculation(*, title, answers, results, disclaimer, brand_name, primary_colour, logo_file, partner, made_at):
    """Return the PDF bytes: brand, what was entered, the outcomes, the disclaimer and who made it when."""
    buffer = BytesIO()
    brand = colors.HexColor(primary_colour)
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=brand_name,
    )
    styles = getSampleStyleSheet()
    heading = ParagraphStyle("heading", parent=styles["Heading1"], textColor=brand, spaceAfter=4 * mm)
    subheading = ParagraphStyle("subheading", parent=styles["Heading2"], textColor=brand, fontSize=13)
    body = styles["BodyText"]
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444"))
    right = ParagraphStyle("right", parent=body, alignment=TA_RIGHT)
    strong_right = ParagraphStyle("strong_right", parent=right, fontName="Helvetica-Bold", fontSize=12)

    story = []
    logo = _logo(logo_file)
    header = [[logo or "", Paragraph(f"<b>{escape(brand_name)}</b>", right)]]
    story.append(Table(header, colWidths=[85 * mm, 85 * mm], style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(escape(title), heading))

    def table(rows, value_style):
        data = [[Paragraph(escape(label), body), Paragraph(escape(value), value_style)] for label, value in rows]
        return Table(
            data,
            colWidths=[110 * mm, 60 * mm],
            style=TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#cccccc")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            ),
        )

    story.append(Paragraph(_("Uitkomst"), subheading))
    story.append(table([(result.value.label, result.display) for result in results], strong_right))
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(_("Uitgegaan van"), subheading))
    story.append(table(answers, right))
    if disclaimer:
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(escape(disclaimer), small))
    story.append(Spacer(1, 6 * mm))
    made = date_format(made_at, "j F Y, H:i")
    if partner is not None:
        line = _("Berekend op %(date)s door %(partner)s.") % {"date": made, "partner": partner.name}
        contact = " · ".join(part for part in (partner.phone, partner.website) if part)
        if contact:
            line = f"{line} {contact}"
    else:
        line = _("Berekend op %(date)s.") % {"date": made}
    story.append(Paragraph(escape(line), small))
    document.build(story)
    return buffer.getvalue()
