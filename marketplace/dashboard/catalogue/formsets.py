from oscar.apps.dashboard.catalogue.formsets import *  # noqa: F403
from oscar.apps.dashboard.catalogue.formsets import StockRecordFormSet as StockStockRecordFormSet


class StockRecordFormSet(StockStockRecordFormSet):
    """Oscar's stock records formset, safe on a malformed POST.

    A POST without the formset's management data has no forms; Oscar then preselected the
    seller's partner on ``self.forms[0]`` and raised IndexError (a 500). The formset already
    reports the missing data as its own error.
    """

    def set_initial_data(self):
        if self.forms:
            super().set_initial_data()
