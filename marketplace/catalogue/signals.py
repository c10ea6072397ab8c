"""Invalidate cached catalogue counts when what they count changes (see cache.py)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import cache


def _bump(sender, **kwargs):
    cache.bump()


def connect():
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
