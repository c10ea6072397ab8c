"""A verified seller's public shop page (its products come from the catalogue's selectors)."""

from django.utils import timezone
from django.views.generic import DetailView

from marketplace.catalogue import selectors as catalogue_selectors

from .. import selectors


class SellerShopView(DetailView):
    """A verified seller's public shop: story, commune, products, rating."""

    template_name = "sellers/shop.html"
    context_object_name = "seller"
    slug_url_kwarg = "slug"

    def get_queryset(self):
        return selectors.public_shops()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            products=list(catalogue_selectors.seller_products(self.object)),
            rating=catalogue_selectors.seller_rating(self.object),
            today=timezone.localdate(),
        )
        return ctx
