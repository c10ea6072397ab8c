"""Invalidate cached catalogue counts when what they count changes (see versioned_cache.py), and copy
OCOP stars onto products when sellers' certificates change."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from sellers.signals import certificate_products_changed

from . import services, versioned_cache


def _bump(sender, instance=None, **kwargs):
    if getattr(instance, "sale_leaves_stock", False):
        return  # an order that leaves units to sell changes no listing and no count
    versioned_cache.bump()


def _refresh_ocop_fields(sender, certificate_ids, on, **kwargs):
    products = apps.get_model("catalogue", "Product").objects.filter(ocop_certificates__in=certificate_ids)
    services.refresh_ocop_fields(list(products.distinct()), on=on)


def connect():
    certificate_products_changed.connect(_refresh_ocop_fields, dispatch_uid="catalogue-ocop-fields")
    models = [
        apps.get_model("catalogue", "Product"),
        apps.get_model("partner", "StockRecord"),
        apps.get_model("sellers", "Seller"),
        apps.get_model("sellers", "OcopCertificate"),
    ]
    for model in models:
        post_save.connect(_bump, sender=model, dispatch_uid=f"catalogue-counts-{model._meta.label}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"catalogue-counts-del-{model._meta.label}")
    through = apps.get_model("sellers", "OcopCertificate").products.through
    m2m_changed.connect(_bump, sender=through, dispatch_uid="catalogue-counts-certificate-products")
