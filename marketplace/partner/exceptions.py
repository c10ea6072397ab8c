from django.utils.translation import gettext as _
from oscar.apps.order.exceptions import UnableToPlaceOrder


class InsufficientStock(UnableToPlaceOrder):
    """Another buyer took the last units between basket check and order placement."""

    def __init__(self, title):
        super().__init__(
            _(
                "Rất tiếc, sản phẩm “%(title)s” vừa được người khác đặt hết. Đơn hàng chưa được tạo "
                "và bạn chưa bị trừ tiền; hãy giảm số lượng hoặc bỏ sản phẩm này khỏi giỏ."
            )
            % {"title": title}
        )
