"""Product photos: where their WebP thumbnails live.

Thumbnails are made once, in the background, at fixed widths; pages link to them by a
path derived from the original, so rendering a page never touches the image files.
"""

import io
import uuid
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL_WIDTHS = (160, 320, 640)


def thumbnail_path(original_name: str, width: int) -> str:
    stem = PurePosixPath(original_name).with_suffix("")
    return f"thumbs/{width}/{stem}.webp"


def thumbnail_url(original_name: str, width: int) -> str:
    return default_storage.url(thumbnail_path(original_name, width))


# --- upload pipeline -------------------------------------------------------------------------
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


def write_thumbnails(original_name: str, storage=default_storage) -> list[str]:
    """WebP copies of a stored photo at each THUMBNAIL_WIDTHS width (never enlarged)."""
    written = []
    with storage.open(original_name, "rb") as handle, Image.open(handle) as image:
        image = image.convert("RGB")
        for width in THUMBNAIL_WIDTHS:
            copy = image.copy()
            if copy.width > width:
                copy = copy.resize((width, round(copy.height * width / copy.width)), Image.LANCZOS)
            out = io.BytesIO()
            copy.save(out, "WEBP", quality=80, method=4)
            path = thumbnail_path(original_name, width)
            if storage.exists(path):
                storage.delete(path)
            written.append(storage.save(path, ContentFile(out.getvalue())))
    return written
