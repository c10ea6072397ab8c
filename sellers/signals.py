"""Signals sellers send so that the apps above them react without sellers importing them."""

from django.dispatch import Signal

# Certificates were approved, refused or expired. Arguments: ``certificate_ids`` and ``on`` (the
# day their validity is judged, None for today). The catalogue copies the best valid
# certificate's stars onto the products they cover (catalogue.services.refresh_ocop_fields).
certificate_products_changed = Signal()

# A seller's registration was approved (inside the deciding transaction). Argument: ``seller``.
# The shop opens its storefront for it: an Oscar partner and dashboard access (partner.receivers).
seller_verified = Signal()
