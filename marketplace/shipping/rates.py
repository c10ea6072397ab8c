"""Shipping charges: a flat rate by parcel weight and destination region.

The rate function is pluggable: set MARKETPLACE_SHIPPING_RATE to the dotted path of any
`f(weight_grams: int, region: str) -> Decimal` (e.g. a carrier's price table) to replace it.
"""

from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

HOME, NORTH, CENTRAL, SOUTH = "dien_bien", "north", "central", "south"
REGION_NAMES = {
    HOME: _("Nội tỉnh Điện Biên"),
    NORTH: _("Miền Bắc"),
    CENTRAL: _("Miền Trung và Tây Nguyên"),
    SOUTH: _("Miền Nam"),
}
# The 34 provinces and cities since 1 July 2025, by shipping region from Điện Biên.
PROVINCES = {
    HOME: ["Điện Biên"],
    NORTH: [
        "Hà Nội", "Hải Phòng", "Quảng Ninh", "Cao Bằng", "Lạng Sơn", "Lai Châu", "Sơn La",
        "Lào Cai", "Thái Nguyên", "Tuyên Quang", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
    ],
    CENTRAL: [
        "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi",
        "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng",
    ],
    SOUTH: ["Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ", "Cà Mau"],
}  # fmt: skip
PROVINCE_REGION = {name: region for region, names in PROVINCES.items() for name in names}
# (first kilogram, each further 500 g), in đồng.
FLAT_RATES = {
    HOME: (Decimal(15000), Decimal(3000)),
    NORTH: (Decimal(25000), Decimal(5000)),
    CENTRAL: (Decimal(32000), Decimal(7000)),
    SOUTH: (Decimal(38000), Decimal(8000)),
}


def province_choices():
    return sorted(((p, p) for p in PROVINCE_REGION), key=lambda c: (c[0] != "Điện Biên", c[0]))


def region_of(province):
    """Region of a province name; an unknown or missing one is priced as the north."""
    return PROVINCE_REGION.get((province or "").strip(), NORTH)


def flat_rate_by_weight_and_region(weight_grams, region):
    first_kg, per_half_kg = FLAT_RATES[region]
    extra_half_kgs = max(0, -(-(weight_grams - 1000) // 500))
    return first_kg + per_half_kg * extra_half_kgs


DEFAULT_WEIGHT_GRAMS = 500


def shipped_weight(product, quantity):
    """Grams a line adds to its seller's parcel: none for services (homestays, tours)."""
    if product is None:
        return DEFAULT_WEIGHT_GRAMS * quantity
    if not product.is_shipping_required:
        return 0
    return product.weight_grams * quantity


def parcel_charge(weight_grams, province):
    """Charge for one seller's parcel to a province, through the configured rate function.

    A part with nothing to ship (weight 0: only services) costs nothing to deliver.
    """
    if weight_grams <= 0:
        return Decimal(0)
    rate = import_string(
        getattr(
            settings,
            "MARKETPLACE_SHIPPING_RATE",
            "marketplace.shipping.rates.flat_rate_by_weight_and_region",
        )
    )
    return Decimal(rate(int(weight_grams), region_of(province)))
