from oscar.apps.dashboard.views import *  # noqa: F403
from oscar.apps.dashboard.views import IndexView as OscarIndexView

from marketplace.order.selectors import seller_sales_figures
from sellers.selectors import seller_for_user


class IndexView(OscarIndexView):
    """Shop-wide figures for staff only.

    Oscar's index counts every line of every order a partner user can see, so in an order
    shared by two sellers each would see the other's money. A seller gets its own figures
    (its order parts only) on Oscar's recommended `index_nonstaff.html` instead.
    """

    def get_context_data(self, **kwargs):
        if self.request.user.is_staff:
            return super().get_context_data(**kwargs)
        context = TemplateView.get_context_data(self, **kwargs)  # noqa: F405  (skips Oscar's stats)
        seller = seller_for_user(self.request.user)
        context["seller"] = seller
        context["figures"] = seller_sales_figures(seller) if seller and seller.partner_id else None
        return context
