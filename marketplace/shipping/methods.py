from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices

from .rates import parcel_charge, shipped_weight


def basket_parcels(basket):
    """Weight in grams of each seller's parcel in a basket, keyed by partner id."""
    weights = defaultdict(int)
    for line in basket.all_lines():
        weights[line.stockrecord.partner_id] += shipped_weight(line.product, line.quantity)
    return dict(weights)


class PerSellerShipping(Base):
    """Each seller ships its own parcel; the buyer pays the sum of the parcels' flat rates."""

    code = "per-seller"
    name = _("Giao hàng tiêu chuẩn (mỗi người bán gửi một kiện)")
    description = _("Phí tính theo khối lượng và vùng nhận hàng, cho từng người bán.")

    def __init__(self, province=None):
        self.province = province

    def part_charges(self, basket):
        return {
            partner_id: parcel_charge(weight, self.province)
            for partner_id, weight in basket_parcels(basket).items()
        }

    def calculate(self, basket):
        total = sum(self.part_charges(basket).values(), Decimal(0))
        return prices.Price(currency=basket.currency, excl_tax=total, tax=Decimal(0))
