"""Signals sellers send so that the apps above them react without sellers importing them."""

from django.dispatch import Signal

# Certificates were approved, refused or expired. Arguments: ``products`` (those the certificates
# cover) and ``on`` (the day their validity is judged, None for today). The catalogue copies
# the best valid certificate's stars onto those products (catalogue.services.refresh_ocop_fields).
certificate_products_changed = Signal()
