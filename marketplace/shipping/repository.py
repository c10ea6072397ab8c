from oscar.apps.shipping import repository

from .methods import PerSellerShipping


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        province = getattr(shipping_addr, "state", None)
        return [PerSellerShipping(province=province)]
