"""Background work for the catalogue."""

from celery import shared_task

from .images import write_thumbnails


@shared_task
def make_thumbnails(original_name: str) -> list[str]:
    """WebP thumbnails of a product photo, written where images.thumbnail_path says."""
    return write_thumbnails(original_name)
