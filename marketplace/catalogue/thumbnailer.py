"""Oscar's `{% oscar_thumbnail %}` (basket, checkout, dashboard) served by our WebP thumbnails.

Oscar expects sorl-thumbnail or easy-thumbnails; we already make WebP copies of every photo at
fixed widths, so this picks the smallest one at least as wide as asked, without opening files.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from oscar.core.thumbnails import AbstractThumbnailer

from .images import THUMBNAIL_WIDTHS, thumbnail_path, thumbnail_url


@dataclass
class Thumbnail:
    url: str
    width: int


def _name(source):
    return getattr(source, "name", None) or str(source)


class WebpThumbnailer(AbstractThumbnailer):
    def generate_thumbnail(self, source, **opts):
        if _name(source) == settings.OSCAR_MISSING_IMAGE_URL:
            return Thumbnail(url=static("img/no-photo.svg"), width=160)
        wanted = int(opts.get("size", "").split("x")[0] or THUMBNAIL_WIDTHS[-1])
        width = next((w for w in THUMBNAIL_WIDTHS if w >= wanted), THUMBNAIL_WIDTHS[-1])
        return Thumbnail(url=thumbnail_url(_name(source), width), width=width)

    def delete_thumbnails(self, source):
        for width in THUMBNAIL_WIDTHS:
            default_storage.delete(thumbnail_path(_name(source), width))
