from oscar.apps.dashboard.catalogue.widgets import *  # noqa: F403
from oscar.apps.dashboard.catalogue.widgets import ProductSelect as StockProductSelect


class ProductSelect(StockProductSelect):
    """Oscar's product picker, redrawn safely after a malformed POST.

    On an invalid form Oscar redraws the picker by looking up the posted value as a product
    id; a value that is not a number ("abc", "1e999") made that lookup raise (a 500).
    """

    def optgroups(self, name, value, attrs=None):
        value = [v for v in value if str(v).isascii() and str(v).isdigit()]
        return super().optgroups(name, value, attrs=attrs)
