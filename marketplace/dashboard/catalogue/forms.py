from django.core.files.uploadedfile import UploadedFile
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F403
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as StockProductImageForm

from marketplace.catalogue.tasks import make_thumbnails
from marketplace.core.background import enqueue_after_commit
from marketplace.core.photos import clean_photo


class ProductImageForm(StockProductImageForm):
    """A photo uploaded on the Oscar dashboard goes through the seller workspace's pipeline:
    decoded, size and pixel limits, turned upright, EXIF (GPS) stripped by re-encoding, and
    WebP thumbnails made in the background — never stored byte for byte."""

    def clean_original(self):
        upload = self.cleaned_data.get("original")
        if isinstance(upload, UploadedFile):  # a new upload, not the photo already stored
            return clean_photo(upload)
        return upload

    def save(self, commit=True):
        new_photo = "original" in self.changed_data
        image = super().save(commit=commit)
        if commit and new_photo and image.original:
            # Durable like the workspace's: recorded in the outbox with this change.
            enqueue_after_commit(make_thumbnails, image.original.name)
        return image
