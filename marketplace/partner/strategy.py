"""Oscar's purchase strategy: only verified sellers' products can be bought.

Pages hide unverified sellers' products, but a basket can still be posted to by product id;
the availability policy is the one place every add-to-basket and checkout goes through.
"""

from oscar.apps.partner import availability
from oscar.apps.partner.strategy import NoTax, StockRequired, Structured, UseFirstStockRecord
from oscar.apps.partner.strategy import Selector as OscarSelector

from sellers.models import Seller


class VerifiedSellerStockRequired(StockRequired):
    def availability_policy(self, product, stockrecord):
        owner = product.parent if product.is_child else product  # variants belong to their parent
        seller = owner.seller if owner.seller_id else None
        if seller is None or seller.status != Seller.Status.VERIFIED:
            return availability.Unavailable()
        return super().availability_policy(product, stockrecord)


class Default(UseFirstStockRecord, VerifiedSellerStockRequired, NoTax, Structured):
    """First stock record, stock required, no tax (prices are VAT-inclusive), verified sellers only."""


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
