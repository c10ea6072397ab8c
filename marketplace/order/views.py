from django.http import Http404
from django.views.generic import TemplateView

from . import selectors, status_links


class OrderStatusView(TemplateView):
    """Public status page reached by the signed link in the confirmation email."""

    template_name = "oscar/order/status.html"

    def get_context_data(self, **kwargs):
        number = status_links.order_number_from_token(kwargs["token"])
        order = selectors.order_with_parts(number=number) if number else None
        if order is None:
            raise Http404
        return super().get_context_data(order=order, **kwargs)
