"""Stock Oscar URLs closed or repaired, listed before Oscar's own so they take their place.

* Wishlists are a hidden feature here (OSCAR_HIDDEN_FEATURES), but Oscar still serves their
  URLs, and one of them answers 500 for a product that does not exist: all of them are 404.
* Oscar's dashboard and Wagtail's choosers take some object ids as text (``<str:pk>``), then
  look them up as numbers: an id that is not a number answered 500. Those paths are 404 here.
* A customer's order line (Oscar's reorder action) has no page of its own: GET went looking for
  a template that does not exist (500), and an unknown line raised DoesNotExist (500).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, re_path
from oscar.apps.customer.views import OrderLineView as StockOrderLineView
from oscar.core.loading import get_model

Order = get_model("order", "Order")


def feature_off(request, *args, **kwargs):
    raise Http404


def not_found(request, *args, **kwargs):
    raise Http404


class OrderLineView(StockOrderLineView):
    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()  # 404 for a line that is not the user's
        return redirect("customer:order", order_number=self.kwargs["order_number"])


NOT_A_NUMBER = r"(?P<pk>[^/]*[^0-9/][^/]*)"

urlpatterns = [
    re_path(r"^(?:accounts/)?wishlists/", feature_off),
    re_path(
        rf"^dashboard/catalogue/(?:attribute-option-group|option)/{NOT_A_NUMBER}/(?:update|delete)/$",
        not_found,
    ),
    re_path(rf"^dashboard/pages/(?:update|delete)/{NOT_A_NUMBER}/$", not_found),
    re_path(rf"^cms/(?:documents|images)/chooser/chosen/{NOT_A_NUMBER}/$", not_found),
    path("accounts/orders/<str:order_number>/<int:line_id>/", login_required(OrderLineView.as_view())),
]
