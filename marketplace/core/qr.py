"""QR codes drawn as inline SVG that scale with their box.

The SVG carries a viewBox and no fixed width/height, so a stylesheet can size it (112 px on a
phone, 32 mm on paper) without cropping the finder squares; a quiet zone of 4 modules, as the
QR standard asks, lets phone cameras and scanners find it on any background.
"""

import segno


def qr_svg(content, title=""):
    return segno.make(content, error="m", micro=False).svg_inline(
        scale=4, border=4, omitsize=True, title=title or None
    )
