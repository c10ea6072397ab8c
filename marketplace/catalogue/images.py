"""Product photos: where their WebP thumbnails live.

Thumbnails are made once, in the background, at fixed widths; pages link to them by a
path derived from the original, so rendering a page never touches the image files.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage

THUMBNAIL_WIDTHS = (160, 320, 640)


def thumbnail_path(original_name: str, width: int) -> str:
    stem = PurePosixPath(original_name).with_suffix("")
    return f"thumbs/{width}/{stem}.webp"


def thumbnail_url(original_name: str, width: int) -> str:
    return default_storage.url(thumbnail_path(original_name, width))
