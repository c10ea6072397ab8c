"""Read-side queries about sellers and reference data."""

from .models import Commune


def commune_count():
    return Commune.objects.count()
