"""Images as PNG bytes for PDFs (certificates, calculations, co-branded files)."""

import logging
from io import BytesIO

logger = logging.getLogger(__name__)


def png_rendition(image, spec):
    """The image as PNG bytes in a BytesIO, or None: a missing or unreadable file must not stop a PDF."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(f"{spec}|format-png")
        with rendition.file.open("rb") as file:
            return BytesIO(file.read())
    except Exception:  # a missing or broken image file; the PDF goes without it
        logger.warning("Image %s could not be rendered as a PNG for a PDF", image.pk, exc_info=True)
        return None
