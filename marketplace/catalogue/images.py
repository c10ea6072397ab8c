"""Product photos: where their WebP thumbnails live (uploads are checked by core.photos).

Thumbnails are made once, in the background, at fixed widths; pages link to them by a
path derived from the original, so rendering a page never touches the image files.
"""

import io
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

THUMBNAIL_WIDTHS = (160, 320, 640)


def thumbnail_path(original_name: str, width: int) -> str:
    stem = PurePosixPath(original_name).with_suffix("")
    return f"thumbs/{width}/{stem}.webp"


def thumbnail_url(original_name: str, width: int) -> str:
    return default_storage.url(thumbnail_path(original_name, width))


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
