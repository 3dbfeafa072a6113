"""QR codes for feedback links, as PNG (to print) and SVG (to scale), drawn by segno without the network."""

import io

import segno

SCALE = {"png": 10, "svg": 10}
BORDER = 4  # the quiet zone scanners need


def qr_code(url, kind):
    """(bytes, content type) of a QR code for this URL; kind is 'png' or 'svg'."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=SCALE["svg"], border=BORDER, xmldecl=True, svgns=True, title=url)
        return buffer.getvalue(), "image/svg+xml"
    code.save(buffer, kind="png", scale=SCALE["png"], border=BORDER)
    return buffer.getvalue(), "image/png"
