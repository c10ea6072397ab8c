from django.db.models import F, Q
from django.db.models.functions import Coalesce
from oscar.apps.partner.abstract_models import AbstractStockRecord

from .exceptions import InsufficientStock


class StockRecord(AbstractStockRecord):
    def allocate(self, quantity):
        """Allocate stock only if enough is free, in one conditional UPDATE (no oversell).

        Stock Oscar increments num_allocated unconditionally after an unlocked availability
        check, so concurrent buyers of the last unit can all succeed. Here the check and the
        increment are one statement: on PostgreSQL a concurrent UPDATE of the same row waits
        for the first to commit and then re-evaluates the WHERE clause on the new row.
        """
        if not self.can_track_allocations:
            return
        self.pre_save_signal()
        allocated = Coalesce(F("num_allocated"), 0)
        updated = (
            type(self)
            .objects.filter(pk=self.pk)
            .filter(Q(num_in_stock__gte=allocated + quantity))
            .update(num_allocated=allocated + quantity)
        )
        if not updated:
            raise InsufficientStock(self.product.get_title())
        self.refresh_from_db(fields=["num_allocated"])
        # Units left: the product stays listed, so cached listings stay valid (the product
        # page reads the count live, catalogue/personal.py); receivers read this flag.
        self.sale_leaves_stock = self.net_stock_level > 0
        try:
            self.post_save_signal()
        finally:
            del self.sale_leaves_stock

    allocate.alters_data = True


from oscar.apps.partner.models import *  # noqa: E402,F403
