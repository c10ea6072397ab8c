"""Oscar's order dashboard, with a seller (partner user) seeing only its own part of an order.

Stock Oscar lets a partner user open any order containing one of its lines, then shows every
line of it — other sellers' items, prices and the order's totals. Here a non-staff user gets
only its partners' lines, the line detail of those only, and its own part's totals.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.apps.dashboard.orders.views import LineDetailView as StockLineDetailView
from oscar.apps.dashboard.orders.views import OrderDetailView as StockOrderDetailView
from oscar.apps.dashboard.orders.views import OrderListView as StockOrderListView
from oscar.apps.dashboard.orders.views import OrderStatsView as StockOrderStatsView
from oscar.apps.dashboard.orders.views import ShippingAddressUpdateView as StockShippingAddressUpdateView
from oscar.apps.dashboard.orders.views import get_order_for_user_or_404
from oscar.core.loading import get_model

Line = get_model("order", "Line")
OrderPart = get_model("order", "OrderPart")


def own_lines(order, user):
    lines = order.lines.all()
    if user.is_staff:
        return lines
    return lines.filter(partner__users=user)


class OrderDetailView(StockOrderDetailView):
    def get_order_lines(self):
        return own_lines(self.object, self.request.user)

    def get_payment_transactions(self):
        if self.request.user.is_staff:
            return super().get_payment_transactions()
        return []

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if not self.request.user.is_staff:
            ctx["seller_parts"] = OrderPart.objects.filter(
                order=self.object, partner__users=self.request.user
            )
        return ctx

    def handle_order_action(self, request, order, action):
        # Order-wide actions (status of the whole order, payment events) are the operator's.
        if not request.user.is_staff:
            return self.reload_page(error=_("Invalid action"))
        return super().handle_order_action(request, order, action)


class LineDetailView(StockLineDetailView):
    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        try:
            return own_lines(order, self.request.user).get(pk=self.kwargs["line_id"])
        except Line.DoesNotExist:
            raise Http404() from None


class OrderListView(StockOrderListView):
    """The list's totals column is the whole order's; sellers see their part in /seller/orders/."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["hide_order_totals"] = not self.request.user.is_staff
        return ctx

    def download_selected_orders(self, request, orders):
        if not request.user.is_staff:  # the CSV carries whole-order totals
            raise PermissionDenied
        return super().download_selected_orders(request, orders)


class OrderStatsView(StockOrderStatsView):
    """Whole-order revenue figures: the operator's; a seller has its own under /seller/."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ShippingAddressUpdateView(StockShippingAddressUpdateView):
    """The buyer's address is the whole order's, shared by every seller's part: only the operator
    changes it (stock Oscar lets any partner user of the order do so)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
