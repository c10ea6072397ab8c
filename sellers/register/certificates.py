"""A matched seller's OCOP certificates are the register's records: written here, never typed.

One certificate per register product, following the product's latest rating (a re-rating
updates it, so the seller's products linked to it keep their link and take the new stars).
A certificate the seller typed for the same decision is adopted rather than duplicated.
"""

from django.utils import timezone

from ..models import OcopCertificate
from ..signals import certificate_products_changed


def _latest(product):
    ratings = sorted(product.ratings.all(), key=lambda r: (r.decided_on, r.pk))
    return ratings[-1] if ratings else None


def sync_certificates(subjects) -> list[int]:
    """Bring matched subjects' sellers' certificates in line with the register; the ids changed."""
    subjects = subjects.filter(seller__isnull=False).prefetch_related("products__ratings")
    changed = []
    today, now = timezone.localdate(), timezone.now()
    for subject in subjects:
        typed = {
            c.decision_number: c
            for c in OcopCertificate.objects.filter(
                seller_id=subject.seller_id, register_product__isnull=True
            )
        }
        for product in subject.products.all():
            rating = _latest(product)
            if rating is None:
                continue
            certificate = (
                OcopCertificate.objects.filter(register_product=product).first()
                or typed.pop(rating.decision_number, None)
                or OcopCertificate(seller_id=subject.seller_id, register_product=product)
            )
            values = {
                "seller_id": subject.seller_id,
                "register_product": product,
                "product_name": product.name,
                "stars": rating.stars,
                "product_group": product.product_group,
                "decision_number": rating.decision_number,
                "level": rating.level,
                "issued_on": rating.decided_on,
                "expires_on": rating.expires_on,
                "approved": True,
                "is_expired": rating.expires_on < today,
            }
            if certificate.pk is None or any(getattr(certificate, k) != v for k, v in values.items()):
                for name, value in values.items():
                    setattr(certificate, name, value)
                certificate.reviewed_at = certificate.reviewed_at or now
                certificate.save()
                changed.append(certificate.pk)
    if changed:
        certificate_products_changed.send(OcopCertificate, certificate_ids=changed, on=None)
    return changed


def drop_certificates(subject) -> list[int]:
    """On unlinking: the register's certificates leave the seller (their products lose the stars)."""
    certificates = OcopCertificate.objects.filter(register_product__subject=subject)
    ids = list(certificates.values_list("pk", flat=True))
    if ids:
        # Withdrawn first, so the catalogue recomputes the products' stars without them.
        OcopCertificate.objects.filter(pk__in=ids).update(approved=False)
        certificate_products_changed.send(OcopCertificate, certificate_ids=ids, on=None)
        OcopCertificate.objects.filter(pk__in=ids).delete()
    return ids
