"""The shop's side of a seller's verification: its storefront opens (an Oscar partner, the
seller's account among the partner's users, access to its own lines in Oscar's dashboard)."""

from django.contrib.auth.models import Permission

from sellers.signals import seller_verified

from .models import Partner


def open_shop(sender, seller, **kwargs):
    if seller.partner_id is None:
        seller.partner = Partner.objects.create(name=seller.name)
        seller.save(update_fields=["partner"])
    if seller.user is not None:
        seller.partner.users.add(seller.user)
        seller.user.user_permissions.add(
            Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        )


def connect():
    seller_verified.connect(open_shop, dispatch_uid="partner-open-shop")
