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

    def fetch_for_line(self, line, stockrecord=None):
        """The line's own stock record, loaded with the basket's lines in this request.

        Oscar's default looks the product's stock record up again (one query per line, on
        every basket and checkout page); a line keeps the record it was added from.
        """
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return Default(request)
