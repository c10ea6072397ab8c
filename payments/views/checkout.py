"""The buyer's side after placing an order: back from 3-D Secure on the card."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.order import status_links

from ..models import CardPayment
from ..services import cards


@require_POST
def card_authenticated(request, token):
    """Stripe.js finished 3-D Secure on the status page: capture if the card is now authorised."""
    number = status_links.order_number_from_token(token)
    payment = CardPayment.objects.filter(order__number=number).first() if number else None
    if payment is None:
        raise Http404
    status = cards.after_authentication(payment)
    if status in ("succeeded", "requires_capture", "processing"):
        messages.success(request, _("Đã xác thực thẻ. Đơn hàng sẽ được xác nhận trong giây lát."))
    else:
        messages.error(request, _("Thẻ chưa được xác thực. Bạn có thể thử lại."))
    return redirect("order-status", token=token)
