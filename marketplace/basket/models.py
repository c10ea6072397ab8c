from oscar.apps.basket.abstract_models import AbstractBasket


class Basket(AbstractBasket):
    def all_lines(self):
        """Oscar's cached lines, with what every basket and checkout page reads of each line.

        The purchase strategy checks the seller's verification and the product class's stock
        tracking (marketplace/partner/strategy.py); stock Oscar loaded both once per line,
        on every page that touches the basket.
        """
        if self.id is not None and self._lines is None:
            self._lines = (
                # Not the parent's seller and class (variants): two more joins cost PostgreSQL
                # more planning time (≈ 3 ms) than the rare variant's own queries.
                self.lines.select_related("product__seller", "product__product_class", "stockrecord")
                .prefetch_related("attributes", "product__images")
                .order_by(self._meta.pk.name)
            )
        return super().all_lines()

    @property
    def num_lines(self):
        # Every page that asks (is the basket empty?) goes on to read the lines: load them once
        # instead of a COUNT now and the rows later.
        return len(self.all_lines())


from oscar.apps.basket.models import *  # noqa: E402,F403
