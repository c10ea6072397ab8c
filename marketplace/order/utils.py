from oscar.apps.order.utils import OrderCreator as OscarOrderCreator


class OrderCreator(OscarOrderCreator):
    def update_stock_records(self, line):
        record = line.stockrecord
        if record is not None and record.product_id == line.product_id:
            # The product came with the basket line (product class included): allocate()
            # need not load both again to learn that the product tracks stock.
            record.product = line.product
        super().update_stock_records(line)
