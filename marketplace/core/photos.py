"""Uploaded photos (products, a seller's story): checked and made safe before they are stored."""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

# Photos are checked by decoding them (never by their name), turned upright, stripped of
# EXIF (GPS!) by re-encoding, and scaled down to a size worth sending over slow mobile data.

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50 MP phone photo; more is a decompression bomb, not a photo
MAX_SIDE = 2048
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}  # MPO: JPEG with a depth map, common on phones

NOT_AN_IMAGE = _("Tệp này không phải là ảnh. Hãy chọn ảnh chụp (JPEG, PNG hoặc WebP).")
TOO_BIG = _("Ảnh quá lớn (tối đa 10 MB). Hãy chọn ảnh khác hoặc chụp ở chất lượng thấp hơn.")
TOO_MANY_PIXELS = _("Ảnh có kích thước quá lớn (tối đa 50 triệu điểm ảnh). Hãy chọn ảnh khác.")


def clean_photo(upload) -> ContentFile:
    """A safe JPEG copy of an uploaded photo, or ValidationError with a message for the user."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(upload) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(NOT_AN_IMAGE, code="not_image")
                if image.width * image.height > MAX_PIXELS:
                    raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
                image.load()
                upright = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise ValidationError(NOT_AN_IMAGE, code="not_image") from error
    upright = upright.convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=85, optimize=True)  # no exif= argument: metadata dropped
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")
