"""Checkout across sellers: Vietnamese address, per-seller shipping, payment method, split order.

Oscar's flow is kept (gateway → address → shipping method → payment method → preview →
place order); only the steps that differ are overridden here.
"""

from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.core.loading import get_class, get_model

from marketplace.order import selectors as order_selectors
from marketplace.order import services as order_services
from marketplace.order import status_links

from .forms import PaymentMethodForm
from .payment_methods import get_method

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
Partner = get_model("partner", "Partner")


class PaymentMethodView(CheckoutSessionMixin, generic.FormView):
    """Choose how to pay (cash, VietQR transfer, card); the choice lives in the checkout session."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = [
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["basket"] = self.request.basket
        if chosen := self.checkout_session.payment_method():
            kwargs["initial"] = {"method": chosen}
        return kwargs

    def form_valid(self, form):
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def get(self, request, *args, **kwargs):
        if not self.preview:  # details (a card) are entered on the preview page itself
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_pre_conditions(self, request):
        return super().get_pre_conditions(request) + ["check_payment_method_is_chosen"]

    def chosen_payment_method(self):
        """The chosen method's object (None if none or an unknown code is in the session)."""
        return get_method(self.checkout_session.payment_method())

    def check_payment_method_is_chosen(self, request):
        if self.chosen_payment_method() is None:
            raise FailedPreCondition(
                url="/checkout/payment-method/", message=_("Vui lòng chọn hình thức thanh toán.")
            )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = ctx.get("shipping_method")
        basket = self.request.basket
        charges = method.part_charges(basket) if hasattr(method, "part_charges") else {}
        ctx["payment_method"] = self.chosen_payment_method()
        ctx["seller_parts"] = _basket_parts(basket, charges)
        return ctx

    def handle_payment(self, order_number, total, **kwargs):
        self.chosen_payment_method().take_payment(self, order_number, total)

    def place_order(self, *args, **kwargs):
        """Oscar's order, then one part per seller, then the payment method's set-up of each
        part's payment, in one savepoint: if stock runs out for any line, nothing of the order is
        kept and Oscar's UnableToPlaceOrder handling shows the buyer the reason; the method then
        undoes what take_payment did (a card authorisation is released). (Oscar's
        handle_order_placement calls this, then submits the basket.)"""
        method = self.chosen_payment_method()
        try:
            with transaction.atomic():
                order = super().place_order(*args, **kwargs)
                order_services.split_order_into_parts(order)
                method.order_placed(self, order)
        except Exception:
            method.order_not_placed(self)
            raise
        return order

    def send_order_placed_email(self, order):
        order_services.notify_order_placed(order)


def _basket_parts(basket, charges):
    """Basket lines grouped by seller, with each parcel's shipping charge, for the preview."""
    lines = basket.all_lines()
    # Partners (with their seller, for the name) in one query, not one per basket line.
    partners = Partner.objects.select_related("seller").in_bulk(
        {line.stockrecord.partner_id for line in lines}
    )
    parts = {}
    for line in lines:
        partner_id = line.stockrecord.partner_id
        part = parts.setdefault(
            partner_id,
            {"partner": partners[partner_id], "lines": [], "shipping": charges.get(partner_id)},
        )
        part["lines"].append(line)
    return list(parts.values())


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx["order"] = order_selectors.order_with_parts(pk=self.object.pk)
        ctx["status_path"] = status_links.status_path(self.object)
        return ctx
