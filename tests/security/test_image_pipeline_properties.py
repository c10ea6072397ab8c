"""Properties of the one image pipeline every upload goes through (marketplace/core/photos.py):
whatever bytes arrive, the result is a refusal with a message or a plain, small JPEG with no
metadata and nothing of the upload's bytes kept verbatim."""

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image

from marketplace.core.photos import MAX_SIDE, clean_photo

FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"]
MODES = ["RGB", "RGBA", "L", "P", "1", "CMYK"]


@st.composite
def uploads(draw):
    """A picture in some format and mode, maybe with GPS EXIF, maybe cut short or with bytes appended."""
    width = draw(st.integers(1, 3000))
    height = draw(st.integers(1, 3000))
    mode = draw(st.sampled_from(MODES))
    fmt = draw(st.sampled_from(FORMATS))
    image = Image.new(mode, (width, height))
    out = io.BytesIO()
    try:
        image.save(io.BytesIO(), fmt)
    except (OSError, KeyError, ValueError):  # a mode the format cannot hold
        image = image.convert("RGB")
    kwargs = {}
    if fmt == "JPEG" and draw(st.booleans()):
        exif = Image.Exif()
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps[ExifTags.GPS.GPSLatitude] = (21.0, 23.0, 10.0)
        exif[ExifTags.Base.Orientation] = draw(st.integers(1, 8))
        kwargs["exif"] = exif
    image.save(out, fmt, **kwargs)
    data = out.getvalue()
    cut = draw(st.sampled_from(["whole", "truncated", "appended", "garbage"]))
    if cut == "truncated":
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    elif cut == "appended":
        data += draw(st.binary(min_size=1, max_size=200)) + b"<script>alert(1)</script>"
    elif cut == "garbage":
        data = draw(st.binary(max_size=2000))
    return SimpleUploadedFile(draw(st.sampled_from(["a.jpg", "b.png", "c.webp", "d"])), data)


@given(uploads())
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
def test_any_upload_is_refused_or_becomes_a_clean_small_jpeg(upload):
    original = upload.read()
    upload.seek(0)
    try:
        cleaned = clean_photo(upload)
    except ValidationError as error:
        assert error.messages and all(message.strip() for message in error.messages)
        return
    data = cleaned.read()
    assert data != original
    assert b"<script" not in data
    with Image.open(io.BytesIO(data)) as result:
        assert result.format == "JPEG"
        assert max(result.size) <= MAX_SIDE
        assert not result.getexif()  # no metadata at all: no GPS, no orientation
        result.load()
